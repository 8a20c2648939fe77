"""Seed schemes and stages from the Правила технологического присоединения (ПП РФ от 27.12.2004 №861).

Points cited per stage in ``legal_basis``; terms are editable in the admin (Личный кабинет → Схемы
присоединения) when the rules change or the utility's regulations are stricter.
"""

from django.db import migrations

RULES = "Правила ТП, утв. ПП РФ от 27.12.2004 №861"


def _stages(category_point):
    return [
        {
            "order": 1,
            "code": "review",
            "name": "Рассмотрение заявки и размещение договора",
            "actor": "utility",
            "term_days": 7,
            "term_unit": "working_days",
            "term_from": "submitted",
            "documents": ["contract_terms", "technical_conditions", "instructions", "invoice"],
            "applicant_actions": [],
            "description": "Сетевая организация проверяет заявку и размещает в личном кабинете условия "
            "типового договора, технические условия, инструкцию и счёт.",
            "legal_basis": f"{RULES}, п. 15 и 105: для заявителей по п. {category_point} сетевая организация "
            "в течение 7 рабочих дней со дня поступления заявки размещает в личном кабинете заявителя условия "
            "типового договора, счёт, технические условия и инструкцию.",
        },
        {
            "order": 2,
            "code": "payment",
            "name": "Оплата счёта и заключение договора",
            "actor": "applicant",
            "term_days": 5,
            "term_unit": "working_days",
            "term_from": "stage_start",
            "documents": [],
            "applicant_actions": ["pay"],
            "description": "Оплатите счёт: договор считается заключённым со дня оплаты.",
            "legal_basis": f"{RULES}, п. 103: договор считается заключённым со дня оплаты заявителем счёта; "
            "срок оплаты — 5 рабочих дней со дня размещения счёта; п. 104 — оплата в рассрочку, где она "
            "предусмотрена (первый платёж по графику заключает договор).",
        },
        {
            "order": 3,
            "code": "measures",
            "name": "Выполнение мероприятий по техническим условиям",
            "actor": "applicant",
            "term_days": 4,
            "term_unit": "months",
            "term_from": "contract",
            "documents": [],
            "applicant_actions": ["notify_tu"],
            "description": "Стороны выполняют мероприятия по ТУ. Выполнив свою часть, уведомите сетевую "
            "организацию и приложите документы.",
            "legal_basis": f"{RULES}, п. 16 подп. «б»: срок осуществления мероприятий по технологическому "
            "присоединению — 4 месяца со дня заключения договора (сети до 20 кВ, расстояние до сетей не более "
            "300 м в городе / 500 м в сельской местности); п. 85 — уведомление заявителя о выполнении ТУ.",
        },
        {
            "order": 4,
            "code": "check",
            "name": "Проверка выполнения ТУ и составление актов",
            "actor": "utility",
            "term_days": 10,
            "term_unit": "working_days",
            "term_from": "stage_start",
            "documents": ["act"],
            "applicant_actions": [],
            "description": "Сетевая организация проверяет выполнение ТУ и размещает акт об осуществлении "
            "технологического присоединения.",
            "legal_basis": f"{RULES}, п. 85, 88: проверка выполнения заявителем ТУ (для заявителей по "
            f"п. {category_point} — без участия органа технадзора); п. 108, 110: составление акта об "
            "осуществлении технологического присоединения и размещение его в личном кабинете.",
        },
        {
            "order": 5,
            "code": "signing",
            "name": "Подписание акта заявителем",
            "actor": "applicant",
            "term_days": 5,
            "term_unit": "working_days",
            "term_from": "stage_start",
            "documents": [],
            "applicant_actions": ["sign"],
            "description": "Подпишите акт в личном кабинете кодом из SMS или УКЭП.",
            "legal_basis": f"{RULES}, п. 110: акт об осуществлении технологического присоединения, размещённый "
            "в личном кабинете, подписывается заявителем (в том числе простой электронной подписью) либо "
            "заявитель направляет мотивированный отказ.",
        },
        {
            "order": 6,
            "code": "connection",
            "name": "Фактическое присоединение",
            "actor": "utility",
            "term_days": 5,
            "term_unit": "working_days",
            "term_from": "stage_start",
            "documents": [],
            "applicant_actions": [],
            "description": "Сетевая организация осуществляет фактическое присоединение и подачу напряжения.",
            "legal_basis": f"{RULES}, п. 7 подп. «д», п. 108: фактическое присоединение объектов заявителя и "
            "фактический приём (подача) напряжения и мощности.",
        },
    ]


SCHEMES = [
    {
        "code": "fl-15",
        "title": "Физические лица до 15 кВт",
        "legal_forms": ["individual"],
        "power_bands": ["До 15"],
        "allows_instalments": True,
        "legal_basis": f"{RULES}, п. 14 (физические лица до 15 кВт для бытовых нужд), п. 104 (рассрочка).",
        "ordering": 10,
        "point": "14",
    },
    {
        "code": "ul-ip-150",
        "title": "Юридические лица и ИП до 150 кВт",
        "legal_forms": ["legal_entity", "entrepreneur"],
        "power_bands": ["До 15", "15-150"],
        "allows_instalments": True,
        "legal_basis": f"{RULES}, п. 12(1) (юридические лица и ИП до 150 кВт по одному источнику), "
        "п. 104 (рассрочка).",
        "ordering": 20,
        "point": "12(1)",
    },
]


def seed(apps, schema_editor):
    Kind = apps.get_model("lk_applications", "ApplicationKind")
    Scheme = apps.get_model("lk_connection", "ConnectionScheme")
    Stage = apps.get_model("lk_connection", "StageDefinition")
    kind = Kind.objects.filter(code="technological_connection").first()
    if kind is None:
        return
    for data in SCHEMES:
        data = dict(data)
        point = data.pop("point")
        scheme, created = Scheme.objects.get_or_create(code=data.pop("code"), defaults={"kind": kind, **data})
        if not created:
            continue
        for stage in _stages(point):
            Stage.objects.create(scheme=scheme, **stage)


class Migration(migrations.Migration):
    dependencies = [("lk_connection", "0001_initial"), ("lk_applications", "0002_seed_kinds")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
