"""Reads of applications for the applicant (cabinet pages and the API): every queryset starts from
what the person owns."""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from lk_plugin.applications.models import Application, Comment, CommentFile, StageDocument
from lk_plugin.applications.models.application import normalize_search
from lk_plugin.applications.statuses import TABS, Status

#: The date a person's list shows and sorts by: submitted, or created for a draft.
SHOWN_DATE = Coalesce("submitted_at", "created_at")


def public_comments():
    """Specialist comments the applicant may see (internal notes never leave the staff side)."""
    return Comment.objects.filter(is_internal=False)


def stage_documents_of(user, application_id):
    """Stage documents of one of *user*'s applications (page and API downloads)."""
    return StageDocument.objects.filter(application__owner=user, application_id=application_id)


def public_comment_files_of(user, application_id):
    """Files of the public comments on one of *user*'s applications (never of internal notes)."""
    return CommentFile.objects.filter(
        comment__application__owner=user, comment__application_id=application_id, comment__is_internal=False
    )


def applications_for_list(user, *, tab: str = "all", query: str = ""):
    last_comment = public_comments().filter(application=OuterRef("pk")).order_by("-created_at", "-pk")
    qs = (
        Application.objects.owned_by(user)
        .select_related("kind")
        .defer("data", "visited_steps")  # a list shows neither (and 500 rows of form data weigh)
        .annotate(last_comment_text=Subquery(last_comment.values("text")[:1]))
    )
    query = normalize_search(query)
    if query:
        # A search looks through every tab (the list says where the hits are).
        qs = qs.filter(search_number__contains=query)
    else:
        statuses = TABS.get(tab, TABS["all"])[1]
        if statuses is not None:
            qs = qs.filter(status__in=statuses)
    # Newest first by the date the list shows: submitted, or created for a draft (index lk_app_owner_shown:
    # a page reads its own rows, not all of the person's applications).
    return qs.annotate(shown_date=SHOWN_DATE).order_by("-shown_date", "-pk")


def search_hits_by_tab(user, query: str) -> list[dict]:
    """For a search: in which tabs the hits are, as [{key, label, count}] (tabs with hits only)."""
    query = normalize_search(query)
    if not query:
        return []
    statuses = list(
        Application.objects.owned_by(user)
        .filter(search_number__contains=query)
        .values_list("status", flat=True)
    )
    hits = []
    for key, (label, tab_statuses) in TABS.items():
        if tab_statuses is None:
            continue
        count = sum(1 for status in statuses if status in tab_statuses)
        if count:
            hits.append({"key": key, "label": label, "count": count})
    return hits


def application_for_detail(user, pk):
    return (
        Application.objects.owned_by(user)
        .select_related("kind", "form_version")
        .prefetch_related(
            "documents",
            "history",
            "stage_documents",
            Prefetch(
                "comments", queryset=public_comments().prefetch_related("files"), to_attr="public_comments"
            ),
        )
        .filter(pk=pk)
    )


def tab_counts(user) -> dict:
    counts = {}
    rows = Application.objects.owned_by(user).values_list("status", flat=True)
    statuses = list(rows)
    for key, (_label, tab_statuses) in TABS.items():
        counts[key] = len(statuses) if tab_statuses is None else sum(s in tab_statuses for s in statuses)
    return counts


def needing_action(user):
    return Application.objects.owned_by(user).filter(status=Status.NEEDS_INFO).select_related("kind")


def drafts(user):
    return Application.objects.owned_by(user).filter(Q(status=Status.DRAFT)).select_related("kind")
