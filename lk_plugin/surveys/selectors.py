"""Survey results: counts, averages per question and per month (admin report and XLSX)."""

from collections import Counter, defaultdict

from .models import SurveyResponse

SCALE = ("rating",)
CHOICE = ("choice", "multichoice")


def responses(*, page, date_from=None, date_to=None):
    qs = SurveyResponse.objects.filter(page=page).select_related("application")
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("created_at")


def _average(values):
    numbers = []
    for value in values:
        try:
            numbers.append(int(value))
        except (TypeError, ValueError):
            continue
    return (round(sum(numbers) / len(numbers), 2), len(numbers)) if numbers else (None, 0)


def results(*, page, questions: list, date_from=None, date_to=None) -> dict:
    rows = list(responses(page=page, date_from=date_from, date_to=date_to))
    summary = []
    for question in questions:
        name, kind = question["name"], question["type"]
        values = [r.answers.get(name) for r in rows if r.answers.get(name) not in (None, "", [])]
        entry = {"name": name, "label": question.get("label") or name, "type": kind, "answered": len(values)}
        if kind in SCALE:
            entry["average"], _count = _average(values)
            counts = Counter(str(v) for v in values)
            entry["options"] = [(str(n), counts.get(str(n), 0)) for n in range(1, 6)]
        elif kind in CHOICE:
            counts = Counter()
            for value in values:
                for item in value if isinstance(value, list) else [value]:
                    counts[str(item)] += 1
            entry["options"] = [(label, counts.get(str(v), 0)) for v, label in question.get("choices") or []]
        else:
            entry["texts"] = [str(v) for v in values][-20:]
        summary.append(entry)
    by_month = defaultdict(list)
    for row in rows:
        by_month[row.created_at.strftime("%Y-%m")].append(row)
    scale = [q for q in questions if q["type"] in SCALE]
    periods = [
        {
            "period": month,
            "count": len(items),
            "averages": [_average([r.answers.get(q["name"]) for r in items])[0] for q in scale],
        }
        for month, items in sorted(by_month.items())
    ]
    return {
        "count": len(rows),
        "with_application": sum(1 for r in rows if r.application_id),
        "questions": summary,
        "scale_questions": scale,
        "periods": periods,
        "rows": rows,
    }
