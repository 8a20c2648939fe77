"""Optional apps a host may add to INSTALLED_APPS (see docs/contrib-pages.md)."""
