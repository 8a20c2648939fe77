"""Demo of the technological connection (issue 21): the demo applicant's applications on every stage
of the ФЛ ≤ 15 кВт scheme, one with an overdue stage, one paid by an instalment schedule.
Runs after the cabinet step; idempotent (marked by ``data["demo_connection"]``)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from lk_plugin.applications.models import Application, ApplicationKind, StatusChange
from lk_plugin.applications.numbering import next_number
from lk_plugin.connection.flows import applicant as applicant_flows
from lk_plugin.connection.flows.billing import payment_register
from lk_plugin.connection.flows.stages import act_place, connection_start, offer_place, stage_advance
from lk_plugin.connection.models import ConnectionScheme

from .cabinet import _form_version, _pdf

DATA = {
    "object_address": "Московская обл., г. Истра, ул. Садовая, д. 12",
    "cadastral_number": "50:08:0040229:1234",
    "max_power_kw": "15",
    "reason": "new",
    "voltage_level": "0.4",
}


def _application(owner, version, name, submitted_days_ago):
    kind = ApplicationKind.objects.get(code="technological_connection")
    data = {**DATA, "object_name": name, "demo_connection": True}
    application = Application(owner=owner, kind=kind, legal_form="individual", data=data)
    submitted = timezone.now() - dt.timedelta(days=submitted_days_ago)
    return Application.objects.create(
        owner=owner,
        kind=kind,
        form_version=version,
        legal_form="individual",
        status="submitted",
        number=next_number(application),
        data=data,
        submitted_at=submitted,
    ), timezone.localdate(submitted)


def _file(title, name):
    return ContentFile(_pdf(title), name=name)


def _offer(application, staff, on, schedule=()):
    return offer_place(
        application=application,
        actor=staff,
        contract_file=_file("Contract terms", "dogovor.pdf"),
        tu_file=_file("Technical conditions", "tu.pdf"),
        instructions_file=_file("Instructions", "instrukciya.pdf"),
        amount="1100.00" if schedule else "550.00",
        schedule=schedule,
        on=on,
    )


def load(ctx):
    applicant, staff = ctx.users["applicant"], ctx.users["staff"]
    if Application.objects.filter(owner=applicant, data__demo_connection=True).exists():
        return
    if not ConnectionScheme.objects.filter(code="fl-15").exists():
        return
    version = _form_version()
    today = timezone.localdate()

    def start(name, days_ago):
        application, submitted_on = _application(applicant, version, name, days_ago)
        StatusChange.objects.create(application=application, from_status="draft", to_status="submitted")
        connection_start(application=application, on=submitted_on)
        return application, submitted_on

    # 1. Just submitted: the utility reviews it (in time).
    start("Дом (новая заявка)", 1)
    # 1'. Overdue: the 7 working days of the review have passed.
    start("Летняя кухня (срок рассмотрения истёк)", 20)
    # 2. Offer placed: pay it (the «Done when» journey starts here).
    offered, submitted_on = start("Жилой дом", 4)
    _offer(offered, staff, submitted_on + dt.timedelta(days=2))
    # 3. Paid by schedule (п. 104): the first instalment concluded the contract, the rest is due later.
    by_schedule, submitted_on = start("Баня (рассрочка)", 30)
    invoice = _offer(
        by_schedule,
        staff,
        submitted_on + dt.timedelta(days=3),
        schedule=[
            (submitted_on + dt.timedelta(days=10), "110.00"),
            (today + dt.timedelta(days=90), "990.00"),
        ],
    )
    payment_register(
        invoice=invoice,
        amount="110.00",
        paid_on=submitted_on + dt.timedelta(days=6),
        source="billing",
        external_id="demo-schedule-1",
    )
    # 4. ТУ fulfilled and notified: the utility checks.
    checking, submitted_on = start("Гараж", 60)
    invoice = _offer(checking, staff, submitted_on + dt.timedelta(days=3))
    payment_register(
        invoice=invoice,
        amount="550.00",
        paid_on=submitted_on + dt.timedelta(days=5),
        source="billing",
        external_id="demo-2",
    )
    applicant_flows.tu_notice_submit(
        application=checking,
        user=applicant,
        text="Вводной щит установлен.",
        files=[_file("Photos", "foto.pdf")],
    )
    # 5. Act placed: sign it with the SMS code from var/sms/.
    signing, submitted_on = start("Мастерская", 90)
    invoice = _offer(signing, staff, submitted_on + dt.timedelta(days=3))
    payment_register(
        invoice=invoice,
        amount="550.00",
        paid_on=submitted_on + dt.timedelta(days=5),
        source="billing",
        external_id="demo-3",
    )
    applicant_flows.tu_notice_submit(
        application=signing, user=applicant, files=[_file("Report", "otchet.pdf")]
    )
    act_place(application=signing, actor=staff, file=_file("Act of connection", "akt.pdf"))
    # 6. Act signed: the utility connects the object; 7. connected (all stages done).
    for name, finish in (("Склад", False), ("Дача", True)):
        application, submitted_on = start(name, 150)
        invoice = _offer(application, staff, submitted_on + dt.timedelta(days=3))
        payment_register(
            invoice=invoice,
            amount="550.00",
            paid_on=submitted_on + dt.timedelta(days=5),
            source="billing",
            external_id=f"demo-{name}",
        )
        applicant_flows.tu_notice_submit(
            application=application, user=applicant, files=[_file("Report", "otchet.pdf")]
        )
        act = act_place(application=application, actor=staff, file=_file("Act of connection", "akt.pdf"))
        applicant_flows.signing_ukep(
            document=act,
            user=applicant,
            signature_file=ContentFile(b"demo detached signature", name="akt.pdf.sig"),
        )
        if finish:
            stage_advance(application=application, actor=staff, comment="Напряжение подано.")
    ctx.say(
        "Технологическое присоединение: заявки на всех этапах у demo@example.ru (одна просрочена, одна в рассрочку)."
    )
