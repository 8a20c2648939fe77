from django.urls import path

from . import views

app_name = "lk_metering"

urlpatterns = [
    path("", views.meter_list, name="list"),
    path("add/", views.meter_add, name="add"),
    path("askue/", views.askue, name="askue"),
    path("<int:pk>/", views.meter_detail, name="detail"),
    path("<int:pk>/reading/", views.reading_new, name="reading"),
    path("<int:pk>/export.<str:fmt>", views.meter_export, name="export"),
]
