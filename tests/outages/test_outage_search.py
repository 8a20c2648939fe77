import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lk_plugin.outages.models import Outage
from lk_plugin.outages.selectors import OutageFilter, search_outages
from tests.outages.helpers import make_outage, moscow, schedule_page

pytestmark = pytest.mark.django_db


def found(address, **kw):
    return {o.external_key for o in search_outages(OutageFilter(address=address, **kw))}


def test_address_search_ignores_case_street_type_and_yo():
    make_outage(external_key="a", street="ул. Лёнина", houses="1-15")
    make_outage(external_key="other-street", street="ул. Ленинградская", houses="1-15")
    for query in ["Ленина 15", "ленина 15", "ул. Ленина, д. 15", "улица ЛЁНИНА дом 15", "Ленина ул 15"]:
        assert found(query) == {"a"}, query
    assert found("Ленина 16") == set()


def test_odd_even_letters_and_whole_street_in_sql():
    make_outage(external_key="odd", houses="1-15 нечётные")
    make_outage(external_key="even", houses="2-20 чётные")
    make_outage(external_key="list", houses="2, 4, 6а")
    make_outage(external_key="whole", street="Огородный пер.", houses="")
    assert found("Ленина 7") == {"odd"}
    assert found("Ленина 8") == {"even"}
    assert found("Ленина 6а") == {"even", "list"}  # 6а lies in the even range 2-20, and is listed
    assert found("Ленина 6") == {"even"}
    assert found("Ленина 4") == {"even", "list"}
    assert found("переулок Огородный 125") == {"whole"}
    assert found("Ленина") == {"odd", "even", "list"}


def test_past_hidden_by_default_and_dates_and_district_filter():
    make_outage(external_key="past", starts_at=moscow(-3, 9), ends_at=moscow(-3, 12))
    # All day until midnight: still on when the test runs at 23:30 Moscow time.
    make_outage(external_key="today", starts_at=moscow(0, 0), ends_at=moscow(1, 0))
    make_outage(
        external_key="later", starts_at=moscow(10, 9), ends_at=moscow(10, 12), district="Северный район"
    )
    make_outage(external_key="hidden", is_published=False)
    assert found("") == {"today", "later"}
    assert found("", include_past=True) == {"past", "today", "later"}
    assert found("", district="Северный район") == {"later"}
    from django.utils import timezone

    today = timezone.localdate()
    assert found("", date_from=today, date_to=today) == {"today"}


def test_schedule_page_search_query_count_does_not_grow(client, django_assert_max_num_queries):
    page = schedule_page()
    make_outage(houses="1-15")
    url = page.url + "?q=Ленина+15&period=week"
    client.get(url)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.content.decode().count('class="outages__row') == 1
    for i in range(30):
        make_outage(houses=f"{i}-{i + 20}", district=f"Район {i % 3}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="outages__row') == 17  # 1 + ranges 0-20 … 15-35


def test_page_shows_accessible_table_and_feed_links(client):
    page = schedule_page()
    make_outage(street="проспект Мира", houses="2, 4, 6а", reason="Замена опор")
    html = client.get(page.url + "?q=Мира+6а").content.decode()
    assert '<th scope="col">' in html and 'data-label="' in html
    assert "Замена опор" in html
    assert "/outages/feed.ics?q=" in html and "/outages/feed.rss?q=" in html


def test_bad_dates_on_the_page_get_a_message_not_an_error(client):
    page = schedule_page()
    response = client.get(page.url + "?period=custom&date_from=2026-12-10&date_to=2026-12-01")
    assert response.status_code == 200
    assert "Дата «по» раньше даты «с»." in response.content.decode()


def test_street_key_and_ranges_are_rebuilt_on_change():
    outage = make_outage(street="ул. Ленина", houses="1-5")
    outage.street, outage.houses = "проспект Мира", "10-12"
    from lk_plugin.outages.flows import outage_save

    outage_save(outage=outage)
    outage = Outage.objects.get(pk=outage.pk)
    assert outage.street_key == "мира" and outage.version == 2
    assert [(r.start, r.end) for r in outage.house_ranges.all()] == [(10, 12)]
    outage.external_key = "new-key"
    outage_save(outage=outage)
    outage = Outage.objects.get(pk=outage.pk)
    assert outage.external_key == "new-key" and outage.version == 2  # not a change subscribers hear about


def test_district_choices_are_the_published_districts_in_one_query():
    from lk_plugin.outages.selectors import districts

    make_outage(district="Южный район")
    make_outage(district="Северный район")
    make_outage(district="Южный район", street="ул. Мира")
    make_outage(district="Скрытый район", is_published=False)
    with CaptureQueriesContext(connection) as queries:
        assert districts() == ["Северный район", "Южный район"]
    assert len(queries.captured_queries) == 1
    Outage.objects.all().delete()
    assert districts() == []


def test_rows_show_local_times_kind_and_status_labels(client):
    page = schedule_page()
    make_outage(street="ул. Садовая", houses="1-9", starts_at=moscow(1, 9), ends_at=moscow(1, 17))
    make_outage(
        street="ул. Садовая",
        houses="",
        kind=Outage.Kind.EMERGENCY,
        starts_at=moscow(2, 22),
        ends_at=moscow(3, 6),
    )
    html = client.get(page.url + "?q=Садовая+5").content.decode()
    day1, day2, day3 = (moscow(n, 0) for n in (1, 2, 3))
    # The same day: the end without its date; over midnight: with it. Times are Moscow's.
    assert f"{day1:%d.%m.%Y} 09:00</time> — <time" in html and ">17:00</time>" in html
    assert f"{day2:%d.%m.%Y} 22:00</time>" in html and f">{day3:%d.%m.%Y} 06:00</time>" in html
    assert f'datetime="{day1:%Y-%m-%d}T09:00:00+0300"' in html
    assert '<span class="lk-badge lk-badge--danger">Аварийное</span>' in html
    assert "(вся улица)" in html and 'data-label="Когда"' in html
    assert html.count(">Запланировано<") == 2
