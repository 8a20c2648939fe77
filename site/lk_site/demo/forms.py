"""Demo application forms (ТП in 7 steps per manual 004 and the five kinds of manual 002) and a few
submitted applications of the demo applicant in different statuses."""

import copy

from django.core.files.base import ContentFile
from django.db import transaction

from cms_pages.models import ApplicationFormPage
from lk_plugin.applications.flows import application_change_status, application_submit
from lk_plugin.applications.models import Application, ApplicationDocument, ApplicationKind
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.formbuilder import flows as form_flows

ALL = ["individual", "entrepreneur", "legal_entity"]


def f(type_, name, label, *, required=True, help_text="", prefill="", when=None, **extra):
    value = {
        "label": label,
        "name": name,
        "help_text": help_text,
        "required": required,
        "condition_field": when[0] if when else "",
        "condition_value": when[1] if when else "",
    }
    if prefill:
        value["prefill"] = prefill
    value.update(extra)
    return {"type": type_, "value": value}


def info(text):
    return {"type": "info", "value": {"name": "", "text": text}}


def doc(name, label, *, required=True, legal_forms=(), max_files=5, when=None, help_text=""):
    return f(
        "document",
        name,
        label,
        required=required,
        when=when,
        help_text=help_text,
        legal_forms=list(legal_forms),
        max_files=max_files,
        allow_profile=True,
    )


def step(key, title, fields):
    return {"type": "step", "value": {"title": title, "key": key, "fields": fields}}


def choices(*pairs):
    return "\n".join(f"{v}|{label}" for v, label in pairs)


TP_STEPS = [
    step(
        "applicant",
        "Заявитель",
        [
            info("<p>Данные подставлены из профиля. Проверьте их и при необходимости исправьте.</p>"),
            f("text", "applicant_name", "Заявитель (ФИО или наименование)", prefill="full_name"),
            f("snils", "applicant_snils", "СНИЛС", required=False, prefill="snils"),
            f("inn", "applicant_inn", "ИНН", required=False, prefill="inn"),
            f("phone", "applicant_phone", "Телефон", prefill="phone"),
            f("email", "applicant_email", "Электронная почта", prefill="email"),
            f("address", "postal_address", "Почтовый адрес", prefill="postal_address"),
            f("checkbox", "by_representative", "Заявку подаёт представитель по доверенности", required=False),
            f("text", "representative_name", "ФИО представителя", when=("by_representative", "True")),
        ],
    ),
    step(
        "object",
        "Объект",
        [
            f(
                "text",
                "object_name",
                "Наименование объекта",
                help_text="Например: жилой дом, садовый дом, гараж",
            ),
            f("address", "object_address", "Адрес (местоположение) объекта"),
            f("cadastral", "cadastral_number", "Кадастровый номер земельного участка", required=False),
        ],
    ),
    step(
        "technical",
        "Технические данные",
        [
            f(
                "choice",
                "connection_type",
                "Вид присоединения",
                choices=choices(("permanent", "Постоянное"), ("temporary", "Временное")),
                widget="radio",
            ),
            f(
                "choice",
                "reason",
                "Причина обращения",
                choices=choices(
                    ("new", "Новое присоединение"),
                    ("increase", "Увеличение максимальной мощности"),
                    ("category_change", "Изменение категории надёжности"),
                    ("redistribution", "Перераспределение мощности"),
                    ("other", "Иное"),
                ),
                widget="select",
            ),
            f(
                "decimal",
                "max_power_kw",
                "Максимальная мощность (всего с учётом существующей), кВт",
                min_value="0.1",
                max_value="100000",
            ),
            f(
                "decimal",
                "existing_power_kw",
                "Ранее присоединённая мощность, кВт",
                when=("reason", "increase"),
                min_value="0",
                max_value="100000",
            ),
            f(
                "choice",
                "reliability_category",
                "Категория надёжности",
                choices=choices(("I", "I категория"), ("II", "II категория"), ("III", "III категория")),
                widget="radio",
            ),
            f(
                "choice",
                "voltage_level",
                "Уровень напряжения, кВ",
                choices=choices(("0.4", "0,4"), ("6", "6"), ("10", "10"), ("35", "35"), ("110", "110")),
                widget="select",
            ),
            f(
                "textarea",
                "stages",
                "Этапы (очереди) строительства: сроки и мощность",
                required=False,
                help_text="Например: 1 этап — IV квартал 2026, 15 кВт",
            ),
            f("date", "planned_date", "Планируемый срок ввода в эксплуатацию", required=False),
        ],
    ),
    step(
        "retail",
        "Энергосбытовая компания",
        [
            f(
                "choice",
                "retail_company",
                "Гарантирующий поставщик (энергосбытовая компания)",
                choices=choices(
                    ("gp1", "АО «Городская энергосбытовая компания»"), ("gp2", "ООО «Энергосбыт-Регион»")
                ),
                widget="select",
            ),
            f(
                "choice",
                "contract_type",
                "Вид договора",
                choices=choices(
                    ("supply", "Договор энергоснабжения"), ("sale", "Договор купли-продажи электроэнергии")
                ),
                widget="radio",
            ),
        ],
    ),
    step(
        "payment",
        "Условия оплаты",
        [
            info("<p>Для заявителей с максимальной мощностью до 15 кВт доступна оплата в рассрочку.</p>"),
            f(
                "choice",
                "payment_terms",
                "Порядок оплаты",
                choices=choices(("full", "Единовременно"), ("installments", "В рассрочку (до 15 кВт)")),
                widget="radio",
            ),
        ],
    ),
    step(
        "documents",
        "Документы",
        [
            doc("passport", "Паспорт (страницы с фото и пропиской)", legal_forms=["individual"]),
            doc("egrip_extract", "Выписка из ЕГРИП", legal_forms=["entrepreneur"]),
            doc("egrul_extract", "Выписка из ЕГРЮЛ", legal_forms=["legal_entity"]),
            doc("title_document", "Правоустанавливающий документ на земельный участок или объект"),
            doc("site_plan", "План расположения энергопринимающих устройств"),
            doc("power_of_attorney", "Доверенность представителя", when=("by_representative", "True")),
        ],
    ),
    step(
        "submit",
        "Согласие и подача",
        [
            info(
                "<p>Проверьте заявку. После подачи ей будет присвоен номер, а копия в PDF придёт на почту.</p>"
            )
        ],
    ),
]


def simple_steps(fields):
    return [
        step(
            "request",
            "Заявка",
            [
                f(
                    "textarea",
                    "request_text",
                    "Текст заявки",
                    help_text="Подробно опишите, что нужно сделать.",
                ),
                *fields,
                f("phone", "contact_phone", "Телефон для связи", prefill="phone"),
            ],
        ),
        step(
            "files",
            "Файлы и подача",
            [
                doc(
                    "statement_scan",
                    "Скан заявления с подписью",
                    required=False,
                    help_text="Желательно приложить заявление с подписью абонента.",
                ),
            ],
        ),
    ]


FORMS = [
    (
        "technological_connection",
        "zayavka-tp",
        "Заявка на технологическое присоединение",
        "tekhprisoedinenie",
        "<p>Заявка по Правилам технологического присоединения (ПП РФ № 861). Семь шагов; черновик сохраняется автоматически.</p>",
        3,
        TP_STEPS,
    ),
    (
        "meter_readings",
        "zayavka-snyatie-pokazaniy",
        "Заявка на снятие показаний прибора учёта",
        "potrebitelyam",
        "<p>Специалист приедет и снимет показания прибора учёта.</p>",
        5,
        simple_steps(
            [
                f("text", "meter_number", "Номер прибора учёта"),
                f("address", "object_address", "Адрес объекта", prefill="postal_address"),
                f("date", "preferred_date", "Желаемая дата", required=False),
            ]
        ),
    ),
    (
        "meter_admission",
        "zayavka-dopusk-pu",
        "Заявка на допуск в эксплуатацию прибора учёта",
        "potrebitelyam",
        "<p>Допуск прибора учёта в эксплуатацию после установки или замены.</p>",
        5,
        simple_steps(
            [
                f("text", "meter_type", "Тип прибора учёта"),
                f("text", "meter_number", "Заводской номер"),
                f("date", "installation_date", "Дата установки"),
                f("address", "object_address", "Адрес объекта", prefill="postal_address"),
            ]
        ),
    ),
    (
        "metering_installation",
        "zayavka-ustanovka-pu",
        "Заявка на оборудование точки поставки прибором учёта (замену)",
        "potrebitelyam",
        "<p>Установка или замена прибора учёта электроэнергии.</p>",
        10,
        simple_steps(
            [
                f(
                    "choice",
                    "work_type",
                    "Что нужно сделать",
                    choices=choices(
                        ("install", "Оборудовать точку поставки"), ("replace", "Заменить прибор учёта")
                    ),
                    widget="radio",
                ),
                f("text", "meter_number", "Номер заменяемого прибора", when=("work_type", "replace")),
                f("address", "object_address", "Адрес объекта", prefill="postal_address"),
            ]
        ),
    ),
    (
        "non_contractual_consumption",
        "soobshchenie-bezdogovornoe-potreblenie",
        "Заявление о бездоговорном (безучётном) потреблении",
        "potrebitelyam",
        "<p>Сообщите о подключении к сетям без договора или в обход прибора учёта.</p>",
        10,
        simple_steps(
            [
                f(
                    "choice",
                    "consumption_type",
                    "Вид нарушения",
                    choices=choices(
                        ("no_contract", "Бездоговорное потребление"),
                        ("no_metering", "Безучётное потребление"),
                    ),
                    widget="radio",
                ),
                f("address", "incident_address", "Адрес"),
                f("date", "incident_date", "Дата обнаружения", required=False),
            ]
        ),
    ),
    (
        "grid_theft",
        "soobshchenie-khishchenie",
        "Хищение объектов электросетевого хозяйства",
        "potrebitelyam",
        "<p>Сообщите о хищении проводов, оборудования подстанций и других объектов сети.</p>",
        5,
        simple_steps(
            [
                f("text", "grid_object", "Что похищено или повреждено"),
                f("address", "incident_address", "Место"),
                f("date", "incident_date", "Дата обнаружения", required=False),
            ]
        ),
    ),
]

RATING = choices(
    ("5", "5 — отлично"),
    ("4", "4 — хорошо"),
    ("3", "3 — удовлетворительно"),
    ("2", "2 — плохо"),
    ("1", "1 — очень плохо"),
)

#: Оценка качества и доступности технологического присоединения (manual 001, Приказ Минэнерго №186).
SURVEY_STEPS = [
    step(
        "survey",
        "Оценка",
        [
            info("<p>Оцените качество обслуживания. Ответы помогают нам работать лучше.</p>"),
            f(
                "choice",
                "rating_availability",
                "Доступность информации об услуге",
                choices=RATING,
                widget="radio",
            ),
            f("choice", "rating_terms", "Соблюдение сроков", choices=RATING, widget="radio"),
            f(
                "choice",
                "rating_staff",
                "Вежливость и компетентность специалистов",
                choices=RATING,
                widget="radio",
            ),
            f("choice", "rating_cabinet", "Удобство личного кабинета", choices=RATING, widget="radio"),
            f("text", "related_number", "Номер заявки, о которой отзыв", required=False),
            f("textarea", "comment", "Что нам улучшить?", required=False),
        ],
    ),
    step("submit", "Отправка", []),
]

CONFIRMATION = (
    "<p>Специалист проверит заявку и документы в течение срока рассмотрения. Если чего-то не хватает, "
    "вы увидите запрос в карточке заявки и получите письмо. Ход исполнения — в разделе «Заявки».</p>"
)


def _form_page(parent, *, kind, slug, title, intro, review_days, steps, confirmation=CONFIRMATION):
    page = ApplicationFormPage.objects.filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=ApplicationFormPage(title=title, slug=slug, kind=kind, show_in_menus=False)
        )
    page.title, page.kind, page.intro, page.review_days = title, kind, intro, review_days
    page.number_template = ""
    page.confirmation_text = confirmation
    page.signature_enabled = kind.code == "technological_connection"
    page.steps = copy.deepcopy(steps)  # StreamField keeps (and may change) the raw data it is given
    page.save_revision().publish()
    return page


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TP_DEMO = [
    (
        "submitted",
        {"reason": "new", "max_power_kw": "15", "object_name": "Жилой дом", "connection_type": "permanent"},
    ),
    (
        "in_progress",
        {"reason": "increase", "max_power_kw": "30", "existing_power_kw": "15", "object_name": "Баня"},
    ),
    ("needs_info", {"reason": "new", "max_power_kw": "10", "object_name": "Садовый дом"}),
    ("completed", {"reason": "new", "max_power_kw": "12", "object_name": "Гараж"}),
]

TP_BASE = {
    "object_address": "Московская обл., д. Берёзки, ул. Полевая, уч. 12",
    "cadastral_number": "50:20:0010101:123",
    "connection_type": "permanent",
    "reliability_category": "III",
    "voltage_level": "0.4",
    "retail_company": "gp1",
    "contract_type": "supply",
    "payment_terms": "full",
}


def _demo_applications(ctx, page):
    user = ctx.users["applicant"]
    if Application.objects.owned_by(user).filter(form_page=page).exists():
        return
    staff = ctx.users["staff"]
    for status, data in TP_DEMO:
        with transaction.atomic():
            application = form_flows.draft_create(page=page, user=user)
            application.data = {**application.data, **TP_BASE, **data}
            application.visited_steps = list(range(len(TP_STEPS)))
            application.save()
            for slot in ("passport", "title_document", "site_plan"):
                document = ApplicationDocument(
                    application=application,
                    slot=slot,
                    original_name=f"{slot}.pdf",
                    size=len(PDF_BYTES),
                    uploaded_by=user,
                )
                document.file.save(f"{slot}.pdf", ContentFile(PDF_BYTES), save=False)
                document.save()
            application = application_submit(application=application, user=user, request_meta=RequestMeta())
            if status in ("in_progress", "needs_info", "completed"):
                application = application_change_status(
                    application=application, to_status="in_progress", actor=staff, notify_owner=False
                )
            if status == "needs_info":
                application_change_status(
                    application=application,
                    to_status="needs_info",
                    actor=staff,
                    reason="Приложите план расположения с подписью.",
                    notify_owner=False,
                )
            if status == "completed":
                application_change_status(
                    application=application, to_status="completed", actor=staff, notify_owner=False
                )
    # One draft to resume.
    draft = form_flows.draft_create(page=page, user=user)
    draft.data = {**draft.data, "object_name": "Летняя кухня"}
    draft.save()


def load_forms(ctx) -> dict:
    """The form pages only (tests use this without the demo applications)."""
    pages = {}
    for code, slug, title, parent_slug, intro, review_days, steps in FORMS:
        kind, _created = ApplicationKind.objects.get_or_create(
            code=code, defaults={"title": title, "number_code": ""}
        )
        parent = ctx.pages.get(parent_slug) or ctx.home
        pages[code] = _form_page(
            parent, kind=kind, slug=slug, title=title, intro=intro, review_days=review_days, steps=steps
        )
    survey_kind, _created = ApplicationKind.objects.get_or_create(
        code="quality_survey",
        defaults={"title": "Оценка качества обслуживания", "number_code": "ОК", "ordering": 90},
    )
    pages["quality_survey"] = _form_page(
        ctx.pages.get("tekhprisoedinenie") or ctx.home,
        kind=survey_kind,
        slug="otsenka-kachestva",
        title="Оценка качества и доступности технологического присоединения",
        intro="<p>Анкета по стандартам качества обслуживания потребителей (Приказ Минэнерго России № 186).</p>",
        review_days=0,
        steps=SURVEY_STEPS,
        confirmation="<p>Спасибо! Ваша оценка учтена в отчёте о качестве обслуживания.</p>",
    )
    ctx.pages["form_tp"] = pages["technological_connection"]
    ctx.pages["forms"] = pages
    return pages


def load(ctx):
    pages = load_forms(ctx)
    _demo_applications(ctx, pages["technological_connection"])
    ctx.say(f"Форма заявки на ТП: {pages['technological_connection'].url}")
