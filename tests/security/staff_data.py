"""One applicant with something in every staff list (application, appeal, guest appeal, dialog,
meter, reading, consent record, outage subscription), each carrying *text* in a free-text field."""

from django.utils import timezone

from lk_plugin.accounts.models import ConsentRecord
from lk_plugin.messaging.models import Message, Thread
from lk_plugin.metering.models import Meter, Reading
from lk_plugin.outages.models import OutageSubscription
from tests import factories as f


def populate(text: str):
    person = f.applicant(email="victim@example.ru", last_name=text, first_name="Иван")
    application = f.application(person)
    appeal = f.appeal(person)
    guest_appeal = f.appeal(None, guest_name=text, guest_email="guest@example.ru")
    thread = Thread.objects.create(owner=person, subject=text, last_message_at=timezone.now())
    Message.objects.create(thread=thread, author=person, text="Когда будет договор?")
    meter = Meter.objects.create(
        owner=person,
        meter_type=text,
        serial_number="41000001",
        tariff_count=1,
        digits=6,
        address=text,
        status=Meter.Status.ACTIVE,
    )
    reading = Reading.objects.create(
        meter=meter,
        taken_on=timezone.localdate(),
        value_t1=1000,
        source=Reading.Source.APPLICANT,
        status=Reading.Status.ACCEPTED,
        review_reason=text,
    )
    consent = ConsentRecord.objects.create(
        user=person, purpose="personal_data", user_agent=text, ip="10.0.0.1"
    )
    subscription = OutageSubscription.objects.create(
        email="victim@example.ru", address=text, street_key="ленина", user=person
    )
    return {
        "person": person,
        "application": application,
        "appeal": appeal,
        "guest_appeal": guest_appeal,
        "thread": thread,
        "meter": meter,
        "reading": reading,
        "consent": consent,
        "subscription": subscription,
    }
