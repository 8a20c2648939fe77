"""Ready forms shipped with the plugin: the technological connection per ПП 861 in seven steps
(manual 004) and the five other kinds of manual 002. ``lk_setup`` and the demo build their pages from
these; editors change them afterwards in the page editor.

Each entry of ``FORMS``: (kind code, slug, title, parent slug hint, intro, review days, steps).
"""

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
                help_text=(
                    "Как долго объект может оставаться без электроэнергии. III — обычный жилой дом, "
                    "дача, гараж (перерыв до суток); II — нужен резервный источник (перерыв на время "
                    "переключения); I — больницы, котельные и т. п. (перерыв недопустим). "
                    "Если сомневаетесь, выберите III."
                ),
            ),
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

CONFIRMATION = (
    "<p>Специалист проверит заявку и документы в течение срока рассмотрения. Если чего-то не хватает, "
    "вы увидите запрос в карточке заявки и получите письмо. Ход исполнения — в разделе «Заявки».</p>"
)
