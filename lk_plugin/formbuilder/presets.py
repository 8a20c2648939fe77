"""Ready forms shipped with the plugin: the technological connection per ПП 861 in seven steps
(manual 004) and the five other kinds of manual 002. ``lk_setup`` and the demo build their pages from
these; editors change them afterwards in the page editor.

Each entry of ``FORMS``: (kind code, slug, title, parent slug hint, intro, review days, steps).
"""

ALL = ["individual", "entrepreneur", "legal_entity"]


def show_when(when, mode="all"):
    """(field, value) or [(field, value), ...] → the ConditionBlock value."""
    pairs = [when] if when and isinstance(when[0], str) else list(when or [])
    return {"mode": mode, "rules": [{"field": name, "equals": value} for name, value in pairs]}


def f(type_, name, label, *, required=True, help_text="", prefill="", when=None, when_mode="all", **extra):
    value = {
        "label": label,
        "name": name,
        "help_text": help_text,
        "required": required,
        "show_when": show_when(when, when_mode),
        "legal_forms": list(extra.pop("legal_forms", None) or []),
    }
    if prefill:
        value["prefill"] = prefill
    value.update(extra)
    return {"type": type_, "value": value}


def info(text):
    return {"type": "info", "value": {"name": "", "text": text}}


def doc(name, label, *, required=True, legal_forms=(), max_files=5, when=None, when_mode="any", help_text=""):
    return f(
        "document",
        name,
        label,
        required=required,
        when=when,
        when_mode=when_mode,
        help_text=help_text,
        legal_forms=legal_forms,
        max_files=max_files,
        allow_profile=True,
    )


def step(key, title, fields):
    return {"type": "step", "value": {"title": title, "key": key, "fields": fields}}


def choices(*pairs):
    return "\n".join(f"{v}|{label}" for v, label in pairs)


#: The ТП form per ПП 861 п. 9 (what the application states) and п. 10 (attached documents), with the
#: fields of the seeds (manual 003: лицевой счёт, connection types, «Наименование присоединяемых
#: энергопринимающих устройств», ценовая категория; manual 004: seven steps). The comment at each
#: field names the item it covers; docs/form-builder.md has the table.
TP_STEPS = [
    step(
        "applicant",
        "Заявитель",
        [
            info("<p>Данные подставлены из профиля. Проверьте их и при необходимости исправьте.</p>"),
            # seed 003 §3: the лицевой счёт, or a mark that there is none
            f(
                "choice",
                "has_account",
                "Лицевой счёт",
                choices=choices(("yes", "У меня есть лицевой счёт"), ("no", "Нет лицевого счёта")),
                widget="radio",
                help_text="Если вы уже клиент сетевой организации, укажите номер лицевого счёта.",
            ),
            f(
                "text",
                "account_number",
                "Номер лицевого счёта",
                prefill="account_number",
                when=("has_account", "yes"),
            ),
            # п. 9 «а»: реквизиты заявителя
            f("text", "applicant_name", "Заявитель (ФИО или наименование)", prefill="full_name"),
            f(
                "snils",
                "applicant_snils",
                "СНИЛС",
                required=False,
                prefill="snils",
                legal_forms=["individual"],
            ),
            f(
                "text",
                "passport_number",
                "Паспорт: серия и номер",
                legal_forms=["individual"],
                help_text="Например: 45 12 345678",
            ),
            f("date", "passport_issued_on", "Паспорт: дата выдачи", legal_forms=["individual"]),
            f("text", "passport_issued_by", "Паспорт: кем выдан", legal_forms=["individual"]),
            f("ogrnip", "applicant_ogrnip", "ОГРНИП", prefill="ogrnip", legal_forms=["entrepreneur"]),
            f("ogrn", "applicant_ogrn", "ОГРН", prefill="ogrn", legal_forms=["legal_entity"]),
            f("inn", "applicant_inn", "ИНН", required=False, prefill="inn"),
            f("phone", "applicant_phone", "Телефон", prefill="phone"),
            f("email", "applicant_email", "Электронная почта", prefill="email"),
            # п. 9 «в»: место нахождения заявителя
            f(
                "address",
                "postal_address",
                "Почтовый адрес",
                prefill="postal_address",
                help_text="Место нахождения заявителя.",
            ),
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
            # п. 9 «б», seed 003: what is connected
            f(
                "text",
                "devices_name",
                "Наименование присоединяемых энергопринимающих устройств",
                help_text="Например: «Вводное устройство», «Распределительный щит», «ВРУ»",
            ),
            # п. 9 «б»: место нахождения энергопринимающих устройств
            f(
                "address",
                "object_address",
                "Адрес (местоположение) объекта",
                help_text="Где расположены энергопринимающие устройства.",
            ),
            # seed 003
            f("cadastral", "cadastral_number", "Кадастровый номер земельного участка", required=False),
        ],
    ),
    step(
        "technical",
        "Технические данные",
        [
            # seed 003, п. 12.1, 13, 14 (temporary connection): the connection types
            f(
                "choice",
                "connection_type",
                "Вид присоединения",
                choices=choices(
                    ("permanent", "Постоянное"),
                    ("temporary", "Временное, на период выполнения постоянной схемы электроснабжения"),
                    ("temporary_mobile", "Временное, для передвижного объекта"),
                ),
                widget="radio",
            ),
            f(
                "date",
                "temporary_until",
                "Срок временного присоединения (до)",
                required=False,
                when=[("connection_type", "temporary"), ("connection_type", "temporary_mobile")],
                when_mode="any",
                help_text="Не более 12 месяцев (п. 53 Правил).",
            ),
            # п. 7 «а», seed 003: the reasons
            f(
                "choice",
                "reason",
                "Причина обращения",
                choices=choices(
                    ("new", "Новое присоединение"),
                    ("increase", "Увеличение максимальной мощности"),
                    ("category_change", "Изменение категории надёжности"),
                    ("point_change", "Изменение точки присоединения"),
                    (
                        "activity_change",
                        "Изменение вида производственной деятельности (без увеличения мощности)",
                    ),
                    ("redistribution", "Перераспределение мощности"),
                    ("other", "Иное"),
                ),
                widget="select",
            ),
            # п. 9 «г»: максимальная мощность (and previously connected)
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
                when=[("reason", "increase"), ("reason", "point_change"), ("reason", "category_change")],
                when_mode="any",
                min_value="0",
                max_value="100000",
            ),
            # п. 9 «д»: количество точек присоединения
            f("number", "connection_points", "Количество точек присоединения", min_value=1, max_value=20),
            # п. 9 «е»: характер нагрузки
            f(
                "choice",
                "load_character",
                "Характер нагрузки",
                choices=choices(
                    ("household", "Бытовая"),
                    ("production", "Производственная"),
                    ("agricultural", "Сельскохозяйственная"),
                    ("commercial", "Коммерческая (торговля, услуги)"),
                    ("mixed", "Смешанная"),
                ),
                widget="select",
            ),
            # п. 9 «з»: категория надёжности
            f(
                "choice",
                "reliability_category",
                "Категория надёжности",
                choices=choices(("I", "I категория"), ("II", "II категория"), ("III", "III категория")),
                widget="radio",
                help_text=(
                    "Как долго объект может оставаться без электроэнергии. III — обычный жилой дом, "
                    "дача, гараж (перерыв до суток); II — нужен резервный источник (перерыв на время "
                    "переключения); I — больницы, котельные и т. п. (перерыв недопустим). "
                    "Если сомневаетесь, выберите III."
                ),
            ),
            # п. 9 «ж» (technological/emergency reserve, for categories I and II)
            f(
                "decimal",
                "emergency_reserve_kw",
                "Величина аварийной брони, кВт",
                required=False,
                when=[("reliability_category", "I"), ("reliability_category", "II")],
                when_mode="any",
                min_value="0",
                max_value="100000",
            ),
            # п. 9 «и»: заявляемый уровень напряжения
            f(
                "choice",
                "voltage_level",
                "Уровень напряжения, кВ",
                choices=choices(("0.4", "0,4"), ("6", "6"), ("10", "10"), ("35", "35"), ("110", "110")),
                widget="select",
                help_text=(
                    "Напряжение сети в точке присоединения. Для дома, дачи или небольшого магазина "
                    "(до 150 кВт) обычно 0,4 кВ; 6–10 кВ и выше — для предприятий со своей подстанцией."
                ),
            ),
            # п. 9 «к», «л»: сроки и этапы, распределение мощности по этапам
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
            # п. 9 «м»: гарантирующий поставщик, с которым планируется договор
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
            # seed 003: ценовая категория
            f(
                "choice",
                "price_category",
                "Ценовая категория",
                choices=choices(
                    ("1", "Первая"),
                    ("2", "Вторая"),
                    ("3", "Третья"),
                    ("4", "Четвёртая"),
                    ("5", "Пятая"),
                    ("6", "Шестая"),
                ),
                widget="select",
                required=False,
                help_text="Для населения — первая. Если не знаете, оставьте пустым.",
                legal_forms=["entrepreneur", "legal_entity"],
            ),
        ],
    ),
    step(
        "payment",
        "Условия оплаты",
        [
            info("<p>Для заявителей с максимальной мощностью до 15 кВт доступна оплата в рассрочку.</p>"),
            # seed 003 «порядок расчётов», п. 16, 17
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
            # п. 10 «и», seed 003: the applicant's identity / registration
            doc("passport", "Паспорт (страницы с фото и пропиской)", legal_forms=["individual"]),
            doc("egrip_extract", "Выписка из ЕГРИП", legal_forms=["entrepreneur"]),
            doc("egrul_extract", "Выписка из ЕГРЮЛ", legal_forms=["legal_entity"]),
            # п. 10 «г»
            doc("title_document", "Правоустанавливающий документ на земельный участок или объект"),
            # п. 10 «а»
            doc("site_plan", "План расположения энергопринимающих устройств"),
            # п. 10 «б», «в»: for 35 кВ and above / devices on emergency automation
            doc(
                "single_line_diagram",
                "Однолинейная схема электрических сетей",
                required=False,
                help_text="Нужна при напряжении 35 кВ и выше.",
            ),
            doc("devices_list", "Перечень и мощность энергопринимающих устройств", required=False),
            # п. 10 «д»: полномочия представителя
            doc("power_of_attorney", "Доверенность представителя", when=("by_representative", "True")),
            # п. 10 «ж»: previous connection; п. 34: redistribution agreement
            doc(
                "previous_connection_act",
                "Документы о ранее выполненном присоединении (акт)",
                required=False,
                when=[("reason", "increase"), ("reason", "point_change"), ("reason", "category_change")],
            ),
            doc(
                "redistribution_agreement",
                "Соглашение о перераспределении мощности",
                when=("reason", "redistribution"),
            ),
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

CONFIRMATION = (
    "<p>Специалист проверит заявку и документы в течение срока рассмотрения. Если чего-то не хватает, "
    "вы увидите запрос в карточке заявки и получите письмо. Ход исполнения — в разделе «Заявки».</p>"
)


def application_templates() -> list[dict]:
    """The application-form presets as «Создать из шаблона» offers them."""
    return [
        {
            "key": slug,
            "title": title,
            "kind": code,
            "intro": intro,
            "review_days": review_days,
            "steps": steps,
            "step_count": len(steps),
            "field_count": sum(len(s["value"]["fields"]) for s in steps),
        }
        for code, slug, title, _parent, intro, review_days, steps in FORMS
    ]


#: The quality survey (Приказ Минэнерго №186; seed 001: «оценить качество и доступность услуг»).
SURVEY_QUESTIONS = [
    f("rating", "overall", "Как вы оцениваете качество услуги в целом?"),
    f("rating", "speed", "Насколько быстро была оказана услуга?"),
    f("rating", "convenience", "Удобно ли было подавать заявку через личный кабинет?"),
    f(
        "choice",
        "channel",
        "Как вы узнали о личном кабинете?",
        required=False,
        choices=choices(
            ("site", "На сайте компании"),
            ("office", "В офисе"),
            ("friends", "От знакомых"),
            ("other", "Иначе"),
        ),
        widget="radio",
    ),
    f("textarea", "comment", "Что нам сделать лучше?", required=False),
]
SURVEY = {
    "key": "opros-kachestva",
    "title": "Оцените качество и доступность услуг",
    "intro": "<p>Ответ займёт минуту и поможет нам работать лучше. Опрос анонимный для гостей.</p>",
}


def survey_templates() -> list[dict]:
    return [
        {
            **SURVEY,
            "questions": SURVEY_QUESTIONS,
            "step_count": 1,
            "field_count": len(SURVEY_QUESTIONS),
        }
    ]
