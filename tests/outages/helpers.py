import datetime as dt

from django.utils import timezone

from lk_plugin.outages.flows import outage_save
from lk_plugin.outages.models import Outage

_counter = {"n": 0}


def moscow(day_offset=0, hour=9):
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_default_timezone())


def make_outage(**fields) -> Outage:
    _counter["n"] += 1
    values = {
        "external_key": f"t-{_counter['n']}",
        "district": "Центральный район",
        "street": "ул. Ленина",
        "houses": "1-15",
        "starts_at": moscow(1, 9),
        "ends_at": moscow(1, 17),
        "reason": "Ремонт ТП",
        **fields,
    }
    outage, _result = outage_save(outage=Outage(**values))
    return outage


def schedule_page():
    """A minimal site: root → home → «Плановые отключения»."""
    from wagtail.models import Page, Site

    from cms_pages.models import HomePage
    from lk_plugin.contrib.pages.models import OutageSchedulePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Главная", slug="home-t"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    return home.add_child(instance=OutageSchedulePage(title="Плановые отключения", slug="otklyucheniya"))
