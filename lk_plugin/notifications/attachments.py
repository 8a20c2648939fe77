"""Attachments of outbox emails are produced at send time by registered providers.

An outbox row stores ``[{"provider": "application_pdf", "id": 42}]``; the provider returns
``(filename, content_bytes, mimetype)``. Apps register theirs in AppConfig.ready().
"""

_providers = {}


def register(name):
    def decorator(func):
        _providers[name] = func
        return func

    return decorator


def render(spec):
    provider = _providers[spec["provider"]]
    return provider(**{k: v for k, v in spec.items() if k != "provider"})
