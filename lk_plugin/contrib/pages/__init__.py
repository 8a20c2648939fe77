"""Ready concrete pages for hosts that do not want their own page types.

Add ``"lk_plugin.contrib.pages"`` to INSTALLED_APPS (``lk_plugin.settings.configure`` does it) and run
``manage.py migrate``; ``manage.py lk_setup`` creates one page of each kind. A host with its own page
types subclasses the abstract bases instead (docs/contrib-pages.md).
"""
