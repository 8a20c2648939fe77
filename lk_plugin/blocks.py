"""StreamField blocks the plugin offers to the host's content pages.

A host puts ``*LK_PAGE_BLOCKS`` into its body StreamField. Each feature adds its block here
explicitly (no import-time registration), so the list, and the host's migrations, stay stable.
"""

LK_PAGE_BLOCKS: list = []


# --- Accounts (issue 4): the login widget as a page block ---
def _login_widget_block():
    from django.utils.translation import gettext_lazy as _
    from wagtail import blocks

    class LoginWidgetBlock(blocks.StructBlock):
        heading = blocks.CharBlock(label=_("Заголовок"), required=False, default="Личный кабинет")
        text = blocks.TextBlock(label=_("Пояснение"), required=False)

        class Meta:
            template = "lk_plugin/widget/login_block.html"
            icon = "user"
            label = _("Вход в личный кабинет")

    return LoginWidgetBlock()


LK_PAGE_BLOCKS.append(("lk_login", _login_widget_block()))
