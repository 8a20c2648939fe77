"""``manage.py lk_setup``: staff groups and the ready pages of the plugin (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from lk_plugin import setup


class Command(BaseCommand):
    help = (
        "Создаёт или обновляет группы «Специалисты» и «Редакторы» и создаёт недостающие страницы "
        "личного кабинета (формы заявок, обращение, график отключений, калькулятор). Повторный запуск "
        "ничего не ломает: существующие страницы не трогает."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--parent",
            help="Под какой страницей создавать: id или путь на сайте (/uslugi/). По умолчанию — "
            "корневая страница сайта по умолчанию.",
        )
        parser.add_argument("--skip-pages", action="store_true", help="Только группы, без страниц.")

    def _parent(self, value):
        from wagtail.models import Page, Site

        if not value:
            return None
        if value.isdigit():
            page = Page.objects.filter(pk=int(value)).first()
        else:
            site = Site.objects.filter(is_default_site=True).first()
            path = "/" + value.strip("/") + "/" if value.strip("/") else "/"
            root = site.root_page if site else None
            page = None
            if root is not None:
                page = Page.objects.filter(url_path=root.url_path + path.lstrip("/")).first()
        if page is None:
            raise CommandError(f"Страница «{value}» не найдена: укажите id страницы или путь на сайте.")
        return page.specific

    def handle(self, *args, parent=None, skip_pages=False, **options):
        groups = setup.setup_groups()
        for group in groups.values():
            self.stdout.write(f"Группа «{group.name}»: прав {group.permissions.count()}")
        if skip_pages:
            return
        try:
            results = setup.setup_pages(self._parent(parent))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        for page, created in results:
            state = "создана" if created else "уже есть"
            self.stdout.write(f"{page.title}: {page.url or page.url_path} ({state})")
