"""Reads for the applicant's cabinet: every queryset starts from what the person owns."""

from django.db.models import OuterRef, Prefetch, Q, Subquery

from lk_plugin.applications.models import Application, Comment, CommentFile, StageDocument
from lk_plugin.applications.statuses import TABS, Status


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
        .select_related("kind", "form_page")
        .annotate(last_comment_text=Subquery(last_comment.values("text")[:1]))
    )
    statuses = TABS.get(tab, TABS["all"])[1]
    if statuses is not None:
        qs = qs.filter(status__in=statuses)
    query = (query or "").strip()
    if query:
        # SQLite folds only ASCII case: the upper-case spelling finds «ТП/ФЛ/ИК» there too.
        qs = qs.filter(Q(number__icontains=query) | Q(number__icontains=query.upper()))
    return qs.order_by("-created_at", "-pk")


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
