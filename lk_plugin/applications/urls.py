from django.apps import apps
from django.urls import path

from . import views_cabinet, views_submit
from . import views_wizard as wizard_views

app_name = "lk_applications"

urlpatterns = [
    # issue 5: forms and submission
    path("<int:pk>/form/", wizard_views.wizard, name="form"),
    path("<int:pk>/confirmation/", views_submit.confirmation, name="confirmation"),
    path("<int:pk>/pdf/", views_submit.pdf, name="pdf"),
    path("<int:pk>/documents/<int:doc_pk>/", views_submit.document, name="document"),
    # issue 6: the applicant's cabinet
    path("", views_cabinet.application_list, name="list"),
    path("<int:pk>/", views_cabinet.application_detail, name="detail"),
    path("<int:pk>/withdraw/", views_cabinet.application_withdraw, name="withdraw"),
    path("<int:pk>/delete/", views_cabinet.application_delete_draft, name="delete_draft"),
    path("<int:pk>/respond/", views_cabinet.application_respond, name="respond"),
    path("<int:pk>/stage/<int:doc_pk>/", views_cabinet.stage_document_download, name="stage_document"),
    path("<int:pk>/comment-files/<int:file_pk>/", views_cabinet.comment_file_download, name="comment_file"),
]

if apps.is_installed("lk_plugin.messaging"):  # the chat of an application
    urlpatterns.append(path("<int:pk>/chat/", views_cabinet.application_chat, name="chat"))
