"""The bench data set: 100,000 applications of 20,000 applicants (one with 500), 100,000 outages.

Deterministic for a seed and scale; `ensure_dataset()` skips the slow part when the same set is loaded.
Applications go through the same number templates and sequences the product uses (the counters end
at the last number taken, so live submits continue the series); outages go through the same street
normalization and house parser the import uses.
"""

import datetime as dt
import json
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import JSONField
from django.utils import timezone

from lk_plugin.accounts.models import ApplicantProfile
from lk_plugin.adapter import get_adapter
from lk_plugin.applications.models import Application, ApplicationDocument
from lk_plugin.applications.models.application import normalize_search
from lk_plugin.applications.numbering import render_number, sequence_key
from lk_plugin.applications.statuses import Status
from lk_plugin.core.models import NumberSequence
from lk_plugin.formbuilder.schema import snapshot
from lk_plugin.outages.addresses import parse_houses, street_key
from lk_plugin.outages.models import Outage, OutageHouseRange
from lk_plugin.validators import _INN10, _INN12_1, _INN12_2, _inn_control, snils_checksum

from .models import BenchDataset

#: Rows per COPY statement (the model instances of one chunk are built in memory, then streamed).
COPY_CHUNK = 20_000

PASSWORD = "Bench-2026-lk"  # noqa: S105  (bench accounts on a throwaway database)
HEAVY_EMAIL = "bench-heavy@example.ru"
SUBMITTER_EMAIL = "bench-submit-{}@example.ru"
WIZARD_EMAIL = "bench-wizard@example.ru"

LAST_NAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
              "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
              "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин"]  # fmt: skip
FIRST_NAMES = ["Иван", "Алексей", "Сергей", "Дмитрий", "Андрей", "Михаил", "Ольга", "Елена", "Наталья",
               "Татьяна", "Анна", "Мария", "Павел", "Николай", "Юлия", "Светлана"]  # fmt: skip
MIDDLE_NAMES = ["Иванович", "Петрович", "Сергеевич", "Алексеевич", "Андреевич", "Викторович"]
ORG_WORDS = ["Энергия", "Строй", "Агро", "Тех", "Сервис", "Ресурс", "Монтаж", "Поле", "Дом", "Торг"]
DISTRICTS = ["Центральный район", "Северный район", "Южный район", "Заречный район", "Ленинский район",
             "Октябрьский район", "пос. Берёзки", "д. Сосновка", "с. Раздолье", "г. Новоград"]  # fmt: skip
STREET_NAMES = ["Ленина", "Мира", "Гагарина", "Советская", "Садовая", "Школьная", "Лесная", "Молодёжная",
                "Новая", "Набережная", "Заводская", "Пушкина", "Строителей", "Полевая", "Центральная",
                "Октябрьская", "Кирова", "Чехова", "Юбилейная", "Комсомольская", "Зелёная", "Луговая",
                "Победы", "Первомайская", "Солнечная", "Речная", "Берёзовая", "Гоголя", "Лермонтова",
                "Маяковского"]  # fmt: skip
STREET_TYPES = ["ул. {}", "улица {}", "{} ул.", "пр-т {}", "пер. {}", "{} переулок", "бульвар {}"]
REASONS = ["Плановый ремонт ВЛ-0,4 кВ", "Замена трансформатора ТП", "Ремонт КЛ-10 кВ",
           "Расчистка трассы ВЛ", "Подключение новых абонентов", "Техническое обслуживание РУ-0,4 кВ"]  # fmt: skip

STATUS_WEIGHTS = [
    (Status.DRAFT, 8),
    (Status.SUBMITTED, 15),
    (Status.IN_PROGRESS, 25),
    (Status.NEEDS_INFO, 7),
    (Status.COMPLETED, 30),
    (Status.REJECTED, 10),
    (Status.WITHDRAWN, 5),
]
TP_OBJECTS = ["Жилой дом", "Садовый дом", "Гараж", "Баня", "Магазин", "Склад", "Мастерская", "Кафе"]
TP_DOC_SLOTS = {"individual": "passport", "entrepreneur": "egrip_extract", "legal_entity": "egrul_extract"}


def dataset_key(seed: int, scale: float) -> str:
    return f"v1-seed{seed}-scale{scale:g}"


def sizes(scale: float) -> dict:
    applications = max(200, int(100_000 * scale))
    return {
        "applicants": max(40, int(20_000 * scale)),
        "applications": applications,
        "heavy": min(500, applications // 4),
        "outages": max(200, int(100_000 * scale)),
    }


# --- identifiers with valid control sums, unique by construction ---
def snils(i: int) -> str:
    first9 = f"{2_000_000 + i:09d}"
    return f"{first9}{snils_checksum(first9):02d}"


def inn12(i: int) -> str:
    head = f"77{i:08d}"
    head += str(_inn_control(head, _INN12_1))
    return head + str(_inn_control(head, _INN12_2))


def inn10(i: int) -> str:
    head = f"5{i:08d}"
    return head + str(_inn_control(head, _INN10))


def ogrn(i: int) -> str:
    head = f"10277{i:07d}"
    return head + str(int(head) % 11 % 10)


def ogrnip(i: int) -> str:
    head = f"30450{i:09d}"
    return head + str(int(head) % 13 % 10)


# --- COPY: the rows bulk_create would write, streamed in one statement per chunk ---
def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608
        return cursor.fetchone()[0]


def _sync_id_sequence(model) -> None:
    """After COPY with explicit ids the table's id sequence continues after the last one."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def _copy_value(field):
    """How one field's value goes into COPY: JSON as text, the rest as psycopg adapts it (the plain
    types of the bench models need no ``get_db_prep_save``, which is most of the time per row)."""
    if isinstance(field, JSONField):
        return lambda value, encoder=field.encoder: None if value is None else json.dumps(value, cls=encoder)
    return None


def copy_objects(model, objs) -> int:
    """Write unsaved *objs* (all with ``pk`` set) with ``COPY … FROM STDIN``: the values bulk_create
    would send (auto_now fields filled), ~10× faster. Constraints and indexes stay in place, so the
    data is checked as on any insert."""
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    names = [f.attname for f in fields]
    convert = [(n, f.attname, _copy_value(f)) for n, f in enumerate(fields)]
    convert = [(n, name, fn) for n, name, fn in convert if fn is not None]
    auto = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    now = timezone.now()
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy,
    ):
        for obj in objs:
            values = obj.__dict__
            for name in auto:
                if values[name] is None:
                    values[name] = now
            row = [values[name] for name in names]
            for n, name, fn in convert:
                row[n] = fn(values[name])
            copy.write_row(row)
            count += 1
    return count


# --- demo content: pages, forms, staff, the outage page ---
def ensure_site():
    call_command("lk_demo", "--quiet", "--force")  # DEBUG is off in the bench settings
    from lk_plugin.contrib.pages.models import ApplicationFormPage

    pages = {p.kind.code: p for p in ApplicationFormPage.objects.live().select_related("kind")}
    return {code: (page, snapshot(page, page.form_schema())) for code, page in pages.items()}


def _bulk_users(rng, count, hashed):
    """`count` applicants (user + profile + verified email); returns the users in creation order."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    existing = set(User.objects.filter(email__startswith="bench-").values_list("email", flat=True))
    users, profiles, emails = [], [], []
    specs = [(HEAVY_EMAIL, 0)] + [(f"bench-{i:05d}@example.ru", i) for i in range(1, count)]
    for email, i in specs:
        if email in existing:
            continue
        form = (
            "individual"
            if i == 0
            else rng.choices(["individual", "entrepreneur", "legal_entity"], weights=[70, 20, 10])[0]
        )
        last, first, middle = rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES), rng.choice(MIDDLE_NAMES)
        user = User(username=email, email=email, first_name=first, last_name=last, password=hashed)
        users.append(user)
        profile = ApplicantProfile(
            legal_form=form,
            last_name=last if form != "legal_entity" else "",
            first_name=first if form != "legal_entity" else "",
            middle_name=middle if form != "legal_entity" else "",
            phone=f"+79{i:09d}",
            postal_address=f"{rng.choice(DISTRICTS)}, ул. {rng.choice(STREET_NAMES)}, д. {rng.randint(1, 120)}",
            account_number=f"77{i:010d}",
        )
        if form == "individual":
            profile.snils = snils(i)
        elif form == "entrepreneur":
            profile.inn, profile.ogrnip = inn12(i), ogrnip(i)
        else:
            profile.organization_name = f"ООО «{rng.choice(ORG_WORDS)}{rng.choice(ORG_WORDS).lower()}-{i}»"
            profile.inn, profile.ogrn, profile.kpp = inn10(i), ogrn(i), "773601001"
        profiles.append(profile)
    user_id, profile_id, email_id = _next_id(User), _next_id(ApplicantProfile), _next_id(EmailAddress)
    for n, (user, profile) in enumerate(zip(users, profiles, strict=True)):
        user.pk = user_id + n
        profile.pk = profile_id + n
        profile.user = user
        emails.append(EmailAddress(pk=email_id + n, user=user, email=user.email, verified=True, primary=True))
    copy_objects(User, users)
    copy_objects(ApplicantProfile, profiles)
    copy_objects(EmailAddress, emails)
    for model in (User, ApplicantProfile, EmailAddress):
        _sync_id_sequence(model)
    people = list(
        User.objects.filter(email__startswith="bench-")
        .exclude(email__startswith="bench-submit-")
        .exclude(email=WIZARD_EMAIL)
        .select_related("lk_profile")
        .order_by("email")
    )
    # The heavy applicant first: _generate_applications gives users[0] the 500 applications (sorted by
    # email, "bench-00001" came before "bench-heavy" and got them instead).
    return sorted(people, key=lambda u: u.email != HEAVY_EMAIL)


def tp_data(rng, profile) -> dict:
    power = rng.choice(["5", "10", "12", "15", "30", "100", "150", "250", "700"])
    reason = rng.choices(["new", "increase", "category_change", "redistribution"], weights=[70, 20, 5, 5])[0]
    data = {
        "applicant_name": profile.display_name,
        "applicant_phone": profile.phone,
        "applicant_email": profile.user.email,
        "postal_address": profile.postal_address,
        "has_account": "no",
        "passport_number": "45 12 345678",
        "passport_issued_on": "2015-06-01",
        "passport_issued_by": "ОВД района Новоград",
        "object_name": rng.choice(TP_OBJECTS),
        "devices_name": "Освещение, бытовые приборы",
        "connection_points": "1",
        "load_character": "household",
        "object_address": f"{rng.choice(DISTRICTS)}, ул. {rng.choice(STREET_NAMES)}, уч. {rng.randint(1, 300)}",
        "cadastral_number": f"50:{rng.randint(10, 40)}:{rng.randint(1000000, 9999999)}:{rng.randint(1, 999)}",
        "connection_type": "permanent",
        "reason": reason,
        "max_power_kw": power,
        "reliability_category": "III",
        "voltage_level": "0.4",
        "stages": "1 этап — IV квартал 2026, " + power + " кВт",
        "planned_date": "2026-12-01",
        "retail_company": rng.choice(["gp1", "gp2"]),
        "contract_type": rng.choice(["supply", "sale"]),
        "payment_terms": "full",
        "by_representative": False,
    }
    if profile.snils:
        data["applicant_snils"] = profile.snils
    if profile.inn:
        data["applicant_inn"] = profile.inn
    if reason != "new":  # asked for an increase and a category change alike
        data["existing_power_kw"] = "5"
    return data


def simple_data(rng, profile, kind_code) -> dict:
    return {
        "request_text": "Прошу выполнить работы по адресу объекта. Доступ обеспечу в рабочие дни с 9 до 18.",
        "contact_phone": profile.phone,
        "object_address": f"{rng.choice(DISTRICTS)}, ул. {rng.choice(STREET_NAMES)}, д. {rng.randint(1, 99)}",
        "meter_number": f"{rng.randint(10_000_000, 99_999_999)}",
        "incident_address": f"ул. {rng.choice(STREET_NAMES)}, д. {rng.randint(1, 99)}",
        "work_type": "install",
    }


def _generate_applications(rng, users, forms, total, heavy):
    """Applications with numbers from the product's templates; returns how many were created."""
    adapter = get_adapter()
    codes = list(forms)
    weights = [60 if c == "technological_connection" else 8 for c in codes]
    statuses = [s for s, _w in STATUS_WEIGHTS]
    status_weights = [w for _s, w in STATUS_WEIGHTS]
    templates = {}
    from lk_plugin.applications.numbering import template_for

    seq = {}
    for code, (page, _version) in forms.items():
        probe = Application(kind=page.kind, form_page=page)
        templates[code] = template_for(probe)
        key = sequence_key(probe)
        row = NumberSequence.objects.filter(key=key).first()
        from lk_plugin.app_settings import app_settings

        seq[code] = row.value if row else int(app_settings.NUMBER_START.get(key, 1)) - 1
    # One applicant with `heavy` applications, the rest spread 1..9 over the others.
    owners = [users[0]] * heavy
    rest = users[1:]
    while len(owners) < total:
        owners.append(rest[len(owners) % len(rest)] if rng.random() < 0.5 else rng.choice(rest))
    now = timezone.now()
    today = timezone.localdate()
    batch = []
    created = 0
    next_id = _next_id(Application)
    for i, owner in enumerate(owners):
        code = rng.choices(codes, weights=weights)[0]
        page, version = forms[code]
        profile = owner.lk_profile
        status = rng.choices(statuses, weights=status_weights)[0]
        created_at = now - dt.timedelta(minutes=rng.randint(10, 3 * 365 * 24 * 60))
        data = (
            tp_data(rng, profile) if code == "technological_connection" else simple_data(rng, profile, code)
        )
        app = Application(
            owner=owner,
            kind=page.kind,
            form_page=page,
            form_version=version,
            legal_form=profile.legal_form,
            status=status,
            data=data,
            current_step=0 if status == Status.DRAFT else len(version.schema["steps"]) - 1,
            visited_steps=list(range(len(version.schema["steps"]))) if status != Status.DRAFT else [0],
            created_at=created_at,
        )
        if status != Status.DRAFT:
            seq[code] += 1
            app.number = render_number(templates[code], {**adapter.number_context(app), "seq": seq[code]})
            app.submitted_at = created_at + dt.timedelta(minutes=rng.randint(5, 600))
            due = timezone.localtime(app.submitted_at).date() + dt.timedelta(days=rng.randint(3, 30))
            if status in (Status.SUBMITTED, Status.IN_PROGRESS, Status.NEEDS_INFO) and rng.random() < 0.3:
                due = today + dt.timedelta(days=rng.randint(-10, 10))
            app.due_date = due
            if status in (Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN):
                app.closed_at = app.submitted_at + dt.timedelta(days=rng.randint(1, 60))
        app.pk = next_id + i
        app.search_number = normalize_search(app.number or "")
        # The creation time the earlier generator set after its inserts (same spread, same ids).
        if app.submitted_at:
            app.created_at = app.submitted_at - dt.timedelta(minutes=app.pk % 97 + 5)
        else:
            app.created_at = now - dt.timedelta(days=app.pk % 1093, minutes=app.pk % 997)
        app.updated_at = now
        batch.append(app)
        if len(batch) >= COPY_CHUNK or i == len(owners) - 1:
            created += copy_objects(Application, batch)
            batch = []
    _sync_id_sequence(Application)
    for code, (page, _version) in forms.items():
        NumberSequence.objects.update_or_create(
            key=sequence_key(Application(kind=page.kind)), defaults={"value": seq[code]}
        )
    return created


def _generate_related_sql():
    """Documents metadata, status history and specialist comments in set-based SQL (seconds, not minutes)."""
    bench_apps = (
        "SELECT a.id, a.owner_id, a.legal_form, a.status, a.created_at, a.submitted_at, k.code "
        "FROM lk_applications_application a JOIN lk_applications_applicationkind k ON k.id = a.kind_id "
        "JOIN auth_user u ON u.id = a.owner_id WHERE u.email LIKE 'bench-%' "
        "AND u.email NOT LIKE 'bench-submit-%'"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO lk_applications_applicationdocument
                (application_id, slot, file, original_name, size, uploaded_by_id, uploaded_at)
            SELECT b.id, s.slot, 'applications/bench/' || b.id || '-' || s.slot || '.pdf',
                   s.title || '.pdf', 150000 + (b.id * 7919) % 3000000, b.owner_id, b.created_at
            FROM ({bench_apps}) b
            CROSS JOIN (VALUES ('title_document', 'Выписка ЕГРН'), ('site_plan', 'План расположения'),
                               ('passport', 'Паспорт')) AS s(slot, title)
            WHERE b.code = 'technological_connection' OR s.slot = 'title_document'
            """
        )
        cursor.execute(
            f"""
            INSERT INTO lk_applications_statuschange (application_id, from_status, to_status, actor_id,
                                                      reason, created_at)
            SELECT b.id, 'draft', 'submitted', b.owner_id, '', b.submitted_at
            FROM ({bench_apps}) b WHERE b.status <> 'draft'
            UNION ALL
            SELECT b.id, 'submitted', CASE WHEN b.status = 'withdrawn' THEN 'withdrawn'
                                             WHEN b.status = 'rejected' THEN 'rejected'
                                             ELSE 'in_progress' END,
                   NULL::integer, CASE WHEN b.status = 'rejected' THEN 'Не представлены документы' ELSE '' END,
                   b.submitted_at + interval '1 day'
            FROM ({bench_apps}) b WHERE b.status NOT IN ('draft', 'submitted')
            UNION ALL
            SELECT b.id, 'in_progress', b.status, NULL::integer,
                   CASE WHEN b.status = 'needs_info' THEN 'Приложите план расположения' ELSE '' END,
                   b.submitted_at + interval '5 days'
            FROM ({bench_apps}) b WHERE b.status IN ('needs_info', 'completed')
            """
        )
        cursor.execute(
            f"""
            INSERT INTO lk_applications_comment (application_id, author_id, text, is_internal, created_at)
            SELECT b.id, NULL::integer, 'Заявка принята в работу, ожидайте проект договора.', false,
                   b.submitted_at + interval '2 days'
            FROM ({bench_apps}) b WHERE b.status IN ('in_progress', 'needs_info', 'completed')
            UNION ALL
            SELECT b.id, NULL::integer, 'Проверить границы участка по ЕГРН.', true, b.submitted_at + interval '3 days'
            FROM ({bench_apps}) b WHERE b.status = 'in_progress' AND b.id % 3 = 0
            """
        )


def _generate_outages(rng, total):
    """`total` outages over districts × streets × house ranges, normalized like the import does."""
    streets = [(d, t.format(n)) for d in DISTRICTS for n in STREET_NAMES for t in STREET_TYPES[:3]]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    house_specs = ["{a}-{b}", "{a}-{b} нечётные", "чёт. {a}-{b}", "{a}, {c}, {d}а", "", "{a}"]
    batch = []
    made = 0
    outage_id, range_id = _next_id(Outage), _next_id(OutageHouseRange)
    for i in range(total):
        district, street = streets[i % len(streets)]
        a = rng.randint(1, 80)
        houses = rng.choice(house_specs).format(a=a, b=a + rng.randint(2, 40), c=a + 2, d=a + 4)
        # Two years of history and two months ahead: most rows are in the past, as in a real schedule.
        start = now + dt.timedelta(hours=rng.randint(-2 * 365 * 24, 60 * 24))
        batch.append(
            Outage(
                pk=outage_id + i,
                external_key=f"bench-{i}",
                kind=Outage.Kind.PLANNED if rng.random() < 0.85 else Outage.Kind.EMERGENCY,
                district=district,
                street=street,
                street_key=street_key(street),
                houses=houses,
                feeder=f"ТП-{rng.randint(1, 900)}, ф. {rng.randint(1, 12)}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=rng.choice([2, 4, 6, 8])),
                reason=rng.choice(REASONS),
                status=Outage.Status.DONE if start < now else Outage.Status.SCHEDULED,
            )
        )
        if len(batch) >= COPY_CHUNK or i == total - 1:
            made += copy_objects(Outage, batch)
            ranges = [
                OutageHouseRange(outage_id=o.pk, start=r.start, end=r.end, parity=r.parity, letter=r.letter)
                for o in batch
                for r in parse_houses(o.houses)
            ]
            for n, row in enumerate(ranges):
                row.pk = range_id + n
            range_id += copy_objects(OutageHouseRange, ranges)
            batch = []
    _sync_id_sequence(Outage)
    _sync_id_sequence(OutageHouseRange)
    return made


def ensure_dataset(*, seed: int, scale: float, say=print) -> dict:
    """Load the data set unless the same (seed, scale) is already there. Returns its description."""
    forms = ensure_site()
    key = dataset_key(seed, scale)
    mark = BenchDataset.objects.filter(key=key).first()
    if mark is not None:
        say(f"data set {key} already loaded ({mark.info})")
        return mark.info
    if BenchDataset.objects.exists():
        raise SystemExit(
            "This database holds another bench data set; use a fresh database (dropdb/createdb) "
            "or the same BENCH_SEED/BENCH_SCALE."
        )
    n = sizes(scale)
    rng = random.Random(seed)
    started = time.monotonic()
    hashed = make_password(PASSWORD)
    with transaction.atomic():
        users = _bulk_users(rng, n["applicants"], hashed)
        say(f"  {len(users)} applicants ({time.monotonic() - started:.0f} s)")
        apps = _generate_applications(rng, users, forms, n["applications"], n["heavy"])
        say(f"  {apps} applications ({time.monotonic() - started:.0f} s)")
        _generate_related_sql()
        say(f"  documents, history, comments ({time.monotonic() - started:.0f} s)")
        outages = _generate_outages(rng, n["outages"])
        say(f"  {outages} outages ({time.monotonic() - started:.0f} s)")
        info = {**n, "seed": seed, "scale": scale, "seconds": round(time.monotonic() - started)}
        BenchDataset.objects.create(key=key, info=info)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return info


# --- per-run fixtures: drafts the scenarios consume or change ---
def _applicant(email, i, hashed):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user, _created = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": "Пётр", "last_name": "Заявителев"}
    )
    user.password = hashed
    user.save(update_fields=["password"])
    ApplicantProfile.objects.update_or_create(
        user=user,
        defaults={
            "legal_form": "individual",
            "last_name": "Заявителев",
            "first_name": "Пётр",
            "middle_name": "Ильич",
            "snils": snils(900_000 + i),
            "phone": f"+7990{i:07d}",
            "postal_address": "г. Новоград, ул. Ленина, д. 15, кв. 7",
        },
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ready_draft(user, page, version, rng):
    """A ТП draft with every step filled and the required documents (metadata rows) attached."""
    profile = ApplicantProfile.objects.select_related("user").get(user=user)
    app = Application.objects.create(
        owner=user,
        kind=page.kind,
        form_page=page,
        form_version=version,
        legal_form=profile.legal_form,
        status=Status.DRAFT,
        data=tp_data(rng, profile),
        current_step=len(version.schema["steps"]) - 1,
        visited_steps=list(range(len(version.schema["steps"]))),
    )
    ApplicationDocument.objects.bulk_create(
        [
            ApplicationDocument(
                application=app,
                slot=slot,
                file=f"applications/bench/{app.pk}-{slot}.pdf",
                original_name=f"{slot}.pdf",
                size=120_000,
                uploaded_by=user,
            )
            for slot in (TP_DOC_SLOTS[profile.legal_form], "title_document", "site_plan")
            + (("redistribution_agreement",) if app.data["reason"] == "redistribution" else ())
        ]
    )
    return app


def prepare_run(*, forms, submitters: int, submits: int, seed: int) -> dict:
    """Fresh drafts for this run: `submits` ready ТП drafts spread over `submitters` people (P4) and
    one draft for the wizard step POSTs (P3)."""
    rng = random.Random(seed + 1)
    hashed = make_password(PASSWORD)
    page, version = forms["technological_connection"]
    users = [_applicant(SUBMITTER_EMAIL.format(i), i, hashed) for i in range(submitters)]
    wizard_user = _applicant(WIZARD_EMAIL, submitters, hashed)
    Application.objects.filter(owner__in=[*users, wizard_user], status=Status.DRAFT).delete()
    drafts = [ready_draft(users[i % submitters], page, version, rng) for i in range(submits)]
    wizard_draft = ready_draft(wizard_user, page, version, rng)
    return {"submitters": users, "drafts": drafts, "wizard_user": wizard_user, "wizard_draft": wizard_draft}
