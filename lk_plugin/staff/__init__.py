"""Staff processing in the Wagtail admin: viewsets, admin views, dashboard panel (wired in wagtail_hooks)."""
