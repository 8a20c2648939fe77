"""Demo of the accounts feature: consent record, a stored profile document, staff may register applicants."""

from django.core.files.base import ContentFile

from lk_plugin.accounts import flows
from lk_plugin.accounts.models import ConsentRecord, ProfileDocument
from lk_plugin.core.request_meta import RequestMeta

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(ctx):
    applicant = ctx.users["applicant"]
    if not ConsentRecord.objects.filter(user=applicant, purpose="personal_data").exists():
        flows.record_consent(
            user=applicant,
            purpose="personal_data",
            request_meta=RequestMeta(ip="127.0.0.1", user_agent="demo"),
        )
    if not ProfileDocument.objects.filter(user=applicant, kind=ProfileDocument.Kind.PASSPORT).exists():
        flows.profile_document_add(
            user=applicant,
            kind=ProfileDocument.Kind.PASSPORT,
            title="Паспорт (скан)",
            upload=ContentFile(DEMO_PDF, name="passport.pdf"),
        )
    ctx.say("заявитель входит также по СНИЛС 112-233-445 95")
