"""P2 baseline: Wagtail's own snippet listing over the same Application table (bench settings only)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lk_plugin.applications.models import Application


class ApplicationSnippetViewSet(SnippetViewSet):
    model = Application
    add_to_admin_menu = False
    # Registering a snippet also adds its model to Wagtail's reference index, which would make every
    # Application.save() in the product scenarios pay for index upkeep the product does not have.
    add_to_reference_index = False


register_snippet(ApplicationSnippetViewSet)
