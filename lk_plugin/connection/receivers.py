def start_on_submit(sender, application, **kwargs):
    """A submitted application whose kind and category have a scheme starts on its first stage."""
    from .flows.stages import connection_start

    connection_start(application=application)
