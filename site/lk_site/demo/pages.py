from wagtail.models import Page, Site

from cms_pages.models import ContentPage, HomePage

HOME = {
    "title": "Электроснабжение города",
    "lead": "Технологическое присоединение, обращения и показания счётчиков — в личном кабинете, без визита в офис.",
}

CHILDREN = [
    (
        "tekhprisoedinenie",
        "Технологическое присоединение",
        "Как подключить дом, дачу или предприятие к электрическим сетям.",
        "<p>Подать заявку на технологическое присоединение можно в личном кабинете. "
        "Для заявителей до 15 кВт срок рассмотрения — не более 3 рабочих дней на проверку документов.</p>",
    ),
    (
        "potrebitelyam",
        "Потребителям",
        "Показания приборов учёта, графики отключений, обращения.",
        "<p>Передавайте показания с 15 по 25 число каждого месяца. "
        "Информация о плановых отключениях публикуется заранее.</p>",
    ),
    (
        "o-kompanii",
        "О компании",
        "Сетевая организация обслуживает более 12 000 км линий электропередачи.",
        "<p>Мы обеспечиваем надёжное электроснабжение жителей и предприятий региона.</p>",
    ),
    (
        "kontakty",
        "Контакты",
        "Единый телефон, адреса центров обслуживания.",
        "<p>Центр обслуживания клиентов: г. Москва, ул. Энергетиков, д. 1. Пн–Пт 8:00–17:00.</p>",
    ),
]


def _root():
    """The tree root Wagtail's migration creates; a transactional test's flush removes it (and the locale)."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(instance=Page(title="Root", slug="root"))


def _home():
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node() or _root()
    # Wagtail's initial migration creates a placeholder "Welcome" page; replace it.
    for page in root.get_children():
        if page.specific_class is Page:
            page.delete()
    root = Page.objects.get(pk=root.pk)  # fresh numchild: django-treebeard < 5 keeps the stale count
    home = root.add_child(instance=HomePage(title=HOME["title"], slug="home", lead=HOME["lead"]))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "Электросети"
    site.save()
    return home


def load(ctx):
    home = ctx.home = _home()
    children = {}
    for slug, title, lead, body in CHILDREN:
        page = ContentPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = home.add_child(instance=ContentPage(title=title, slug=slug, lead=lead, show_in_menus=True))
        page.body = [("paragraph", body)]
        page.save_revision().publish()
        children[slug] = page
    home.body = [
        (
            "cards",
            {
                "cards": [
                    {"title": title, "text": lead, "page": children[slug]}
                    for slug, title, lead, _body in CHILDREN[:3]
                ]
            },
        )
    ]
    home.save_revision().publish()
    ctx.pages = children
