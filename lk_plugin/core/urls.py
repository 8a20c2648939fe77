from django.urls import path

from . import jobs_views

app_name = "lk_jobs"

urlpatterns = [
    path("<uuid:pk>/", jobs_views.job_status, name="status"),
    path("<uuid:pk>/download/", jobs_views.job_download, name="download"),
]
