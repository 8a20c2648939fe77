from django.urls import path

from . import views

app_name = "lk_cabinet"

urlpatterns = [
    path("", views.overview, name="overview"),
]
