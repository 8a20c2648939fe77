from django.urls import path

from lk_plugin.formbuilder import views as wizard_views

from . import views_submit

app_name = "lk_applications"

urlpatterns = [
    # issue 5: forms and submission
    path("<int:pk>/form/", wizard_views.wizard, name="form"),
    path("<int:pk>/confirmation/", views_submit.confirmation, name="confirmation"),
    path("<int:pk>/pdf/", views_submit.pdf, name="pdf"),
    path("<int:pk>/documents/<int:doc_pk>/", views_submit.document, name="document"),
]
