"""StreamField blocks the plugin offers to the host's content pages.

A host puts ``*LK_PAGE_BLOCKS`` into its body StreamField. Each feature adds its block here
explicitly (no import-time registration), so the list, and the host's migrations, stay stable.
"""

LK_PAGE_BLOCKS: list = []
