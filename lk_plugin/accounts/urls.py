from django.urls import path

from . import views

app_name = "lk_accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/password/", views.password_change, name="password_change"),
    path("profile/documents/", views.document_upload, name="document_upload"),
    path("profile/documents/<int:pk>/", views.document_download, name="document_download"),
    path("profile/documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/withdraw-consent/", views.consent_withdraw, name="consent_withdraw"),
    path("settings/my-data.<str:fmt>", views.data_export, name="data_export"),
    path("password/required/", views.password_required, name="password_required"),
    path("consent/<str:purpose>/", views.consent_document, name="consent_document"),
]
