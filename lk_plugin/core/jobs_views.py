"""A job's status (JSON, polled by the page) and its result file: for the job's owner only."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from . import jobs
from .files import attachment_response
from .models import Job


@never_cache
@login_required
def job_status(request, pk):
    job = get_object_or_404(jobs.for_owner(request.user), pk=pk)
    return JsonResponse(jobs.status_payload(job))


@login_required
def job_download(request, pk):
    job = get_object_or_404(jobs.for_owner(request.user), pk=pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    return attachment_response(job.result, job.result_name)
