"""Seams between sibling feature apps: one app adds to another's page without importing it.

A provider is registered under a slot name in its app's ``AppConfig.ready()``; the page that owns the
slot calls ``context(slot, ...)`` and merges the dicts. An app that is not installed registers nothing,
so its part of the page simply is not there.

Slots in use:

- ``"accounts.settings"`` ``(user) -> dict``: extra context of the «Настройки» page (outages adds the
  person's outage subscriptions).
"""

from collections import defaultdict
from collections.abc import Callable

_providers: dict[str, list[Callable[..., dict]]] = defaultdict(list)


def register(slot: str, provider: Callable[..., dict]) -> None:
    if provider not in _providers[slot]:
        _providers[slot].append(provider)


def context(slot: str, *args, **kwargs) -> dict:
    merged: dict = {}
    for provider in _providers.get(slot, ()):
        merged.update(provider(*args, **kwargs))
    return merged
