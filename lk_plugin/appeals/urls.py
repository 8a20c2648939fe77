from django.apps import apps
from django.urls import path

from . import views

app_name = "lk_appeals"

urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("new/", views.appeal_new, name="new"),
    path("<int:pk>/", views.appeal_detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment_download, name="attachment"),
]

if apps.is_installed("lk_plugin.messaging"):  # the correspondence about an appeal
    urlpatterns.append(path("<int:pk>/chat/", views.appeal_chat, name="chat"))
