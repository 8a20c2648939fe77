def start_on_submit(sender, application, **kwargs):
    """A submitted application whose kind and category have a scheme starts on its first stage.

    The scheme is looked up first: for a kind without a fitting scheme the submit pays one query
    after commit, not a transaction (make bench P4)."""
    from .flows.stages import connection_start
    from .selectors import scheme_for

    scheme = scheme_for(application)
    if scheme is not None:
        connection_start(application=application, scheme=scheme, fresh=True)
