"""Russian as a reader expects it: plurals, decimal comma, СНИЛС with separators, action labels."""

import pytest

from lk_plugin.applications.statuses import Status
from lk_plugin.core.formatting import format_megabytes, format_number, format_snils
from lk_plugin.formbuilder.display import _display_value
from tests.factories import ApplicationFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_numbers_use_a_decimal_comma_and_snils_its_separators():
    assert format_number("15.5") == "15,5"
    assert format_number("15.50") == "15,5"
    assert format_megabytes(5 * 1024 * 1024) == "5,0"
    assert format_snils("12345678964") == "123-456-789 64"
    assert _display_value({"type": "decimal"}, "15.5") == "15,5"
    assert _display_value({"type": "snils"}, "11223344595") == "112-233-445 95"


@pytest.mark.parametrize(
    ("drafts", "text"),
    [(1, "незавершённый черновик"), (3, "незавершённых черновика"), (8, "незавершённых черновиков")],
)
def test_overview_counts_agree_with_their_number(client, drafts, text):
    user = UserFactory()
    ApplicationFactory.create_batch(drafts, owner=user, status=Status.DRAFT, number=None)
    client.force_login(user)
    html = " ".join(client.get("/lk/").content.decode().split())
    assert f"<strong>{drafts}</strong> {text}" in html


def test_unread_notification_offers_an_action(client):
    user = UserFactory()
    NotificationFactory(user=user)
    client.force_login(user)
    html = client.get("/lk/notifications/").content.decode()
    assert "Отметить прочитанным" in html and ">Прочитано<" not in html


def test_upload_limits_read_with_a_decimal_comma(client, settings):
    from lk_plugin.core.fields import upload_help_text

    settings.LK_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
    assert "до 5,0 МБ" in upload_help_text()
