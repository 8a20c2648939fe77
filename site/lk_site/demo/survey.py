"""The quality survey (issue 20): the page from the plugin's preset and a few answers, one of them
rating the demo applicant's completed application."""

from lk_plugin.applications.models import Application
from lk_plugin.setup import build_survey_page
from lk_plugin.surveys.models import SurveyResponse


def load(ctx):
    [(page, _created)] = build_survey_page(ctx.home)
    ctx.pages["survey"] = page
    if not SurveyResponse.objects.filter(page=page).exists():
        questions = page.question_specs()
        guests = [
            {"overall": 5, "speed": 4, "convenience": 5, "channel": "site", "comment": "Всё понятно."},
            {
                "overall": 3,
                "speed": 2,
                "convenience": 4,
                "channel": "office",
                "comment": "Долго ждал договор.",
            },
        ]
        for answers in guests:
            SurveyResponse.objects.create(page=page, answers=answers, questions=questions)
        completed = Application.objects.filter(owner=ctx.users["applicant"], status="completed").first()
        if completed is not None:
            SurveyResponse.objects.create(
                page=page,
                application=completed,
                user=ctx.users["applicant"],
                answers={"overall": 4, "speed": 4, "convenience": 5},
                questions=questions,
            )
    ctx.say(f"Опрос качества: {page.url}; итоги — «Отчёты → Опрос качества» в админке")
