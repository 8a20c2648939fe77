"""The site's URLs plus stand-ins for the cabinet detail pages that other features own.

Flows link notifications to ``lk_applications:detail`` / ``lk_appeals:detail``; until those apps'
URLs are in this branch, these placeholders let the reverse() succeed.
"""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from lk_site.urls import urlpatterns as site_urlpatterns


def _placeholder(request, pk):
    return HttpResponse(str(pk))


def _exists(name):
    try:
        reverse(name, args=[1], urlconf="lk_site.urls")
    except NoReverseMatch:
        return False
    return True


urlpatterns = []
if not _exists("lk_applications:detail"):
    urlpatterns.append(
        path(
            "lk/applications/", include(([path("<int:pk>/", _placeholder, name="detail")], "lk_applications"))
        )
    )
if not _exists("lk_appeals:detail"):
    urlpatterns.append(
        path("lk/appeals/", include(([path("<int:pk>/", _placeholder, name="detail")], "lk_appeals")))
    )
urlpatterns += site_urlpatterns
