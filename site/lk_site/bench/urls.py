from django.http import HttpResponse
from django.urls import path

from lk_site.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [
    path("bench/ping/", lambda request: HttpResponse("ok")),
    path("bench/base/", views.base_one_query),
    path("bench/insert/", views.one_insert),
    path("bench/bare-post/", views.bare_post),
    path("bench/pdf/", views.static_pdf),
    path("bench/outages/", views.outage_one_query),
    path("bench/floor/<int:pk>/", views.submit_floor),
    *site_urlpatterns,
]
