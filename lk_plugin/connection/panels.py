def connection_panel(request, application) -> str:
    """The stage tracker, invoices and actions on the applicant's application page (see views)."""
    from .views import render_panel

    return render_panel(request, application)
