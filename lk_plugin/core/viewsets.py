"""Admin viewsets with only some of Wagtail's standard views: the one way the plugin trims them."""

from django.urls import path


class LimitedViewSetMixin:
    """A ``ModelViewSet`` with only the views named in ``enabled_views`` (the others' URLs and the
    links to them are gone, and their views are never built: a viewset without forms needs none)."""

    enabled_views = {"index", "index_results"}

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            if name not in self.enabled_views:
                view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        # Wagtail's ModelViewSet routes, each only when enabled (Wagtail 7.0 has no
        # pk_path_converter and routes every pk as str).
        pk = f"<{getattr(self, 'pk_path_converter', 'str')}:pk>"
        routes = {
            "index": ("", "index_view"),
            "index_results": ("results/", "index_results_view"),
            "add": ("new/", "add_view"),
            "edit": (f"edit/{pk}/", "edit_view"),
            "delete": (f"delete/{pk}/", "delete_view"),
            "history": (f"history/{pk}/", "history_view"),
            "history_results": (f"history-results/{pk}/", "history_results_view"),
            "usage": (f"usage/{pk}/", "usage_view"),
            "inspect": (f"inspect/{pk}/", "inspect_view"),
            "copy": (f"copy/{pk}/", "copy_view"),
        }
        return [
            path(route, getattr(self, view), name=name)
            for name, (route, view) in routes.items()
            if name in self.enabled_views
        ]
