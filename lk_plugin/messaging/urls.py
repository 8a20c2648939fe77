from django.urls import path

from . import views

app_name = "lk_messaging"

urlpatterns = [
    path("", views.thread_list, name="list"),
    path("new/", views.dialog_new, name="new"),
    path("<int:pk>/", views.thread_detail, name="thread"),
    path("<int:pk>/attachments/<int:att_pk>/", views.attachment_download, name="attachment"),
]
