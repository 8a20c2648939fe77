from wagtail import hooks

from .viewsets import meter_viewset, reading_viewset


@hooks.register("register_admin_viewset")
def register_metering_viewsets():
    return [meter_viewset, reading_viewset]
