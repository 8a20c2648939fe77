"""AbstractSurveyPage: the quality survey editors build from the form builder's field blocks.

Guests and applicants answer it; an applicant invited after an application was completed arrives with
``?application=<pk>`` and the answer is linked to that application (one answer per application).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from lk_plugin.app_settings import app_settings
from lk_plugin.formbuilder import registry
from lk_plugin.formbuilder.checks import located_problems
from lk_plugin.formbuilder.naming import slugify_label, unique_name

QUESTION_TYPES = ("rating", "choice", "multichoice", "textarea", "text", "checkbox")


def questions_block():
    return blocks.StreamBlock(
        [(name, registry.get(name).block()) for name in QUESTION_TYPES], required=False, collapsed=True
    )


class AbstractSurveyPage(Page):
    #: Marks the survey the adapter invites applicants to (adapter.quality_survey_url).
    lk_survey_page = True

    intro = RichTextField(gettext_lazy("вводный текст"), blank=True)
    questions = StreamField(questions_block(), blank=True, verbose_name=gettext_lazy("вопросы"))
    thanks_text = RichTextField(
        gettext_lazy("текст после ответа"), blank=True, help_text=gettext_lazy("Пусто — «Спасибо за оценку!»")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("thanks_text"),
    ]
    default_template = "lk_plugin/surveys/survey_page.html"

    class Meta:
        abstract = True

    @classmethod
    def lk_templates(cls) -> list[dict]:
        from lk_plugin.formbuilder.presets import survey_templates

        return survey_templates()

    @classmethod
    def lk_page_from_template(cls, preset: dict):
        page = cls(title=preset["title"], slug=preset["key"], intro=preset.get("intro") or "")
        page.questions = preset["questions"]
        return page

    def question_specs(self) -> list[dict]:
        return [
            registry.get(q.block_type).schema(q.value) | {"type": q.block_type} for q in self.questions or []
        ]

    def clean(self):
        super().clean()
        taken = {q.value.get("name") for q in self.questions or [] if q.value.get("name")}
        for question in self.questions or []:
            if not question.value.get("name"):
                name = unique_name(slugify_label(question.value.get("label") or "", "q"), taken)
                question.value["name"] = name
                taken.add(name)
        problems = [
            m for _where, m in located_problems({"steps": [{"title": "-", "fields": self.question_specs()}]})
        ]
        if problems:
            raise ValidationError({"questions": problems})

    def get_template(self, request, *args, **kwargs):
        from django.template import TemplateDoesNotExist
        from django.template.loader import get_template

        name = super().get_template(request, *args, **kwargs)
        try:
            get_template(name)
        except TemplateDoesNotExist:
            return self.default_template
        return name

    def _form(self, data=None, user=None):
        from lk_plugin.formbuilder.engine import StepForm

        form = StepForm(data, step={"fields": self.question_specs()})
        if app_settings.CAPTCHA_ENABLED and not (user and user.is_authenticated):
            from lk_plugin.core.captcha import captcha_field

            form.fields["captcha"] = captcha_field(
                label=gettext_lazy("Введите код с картинки"),
                error_messages={"invalid": gettext_lazy("Код с картинки введён неверно.")},
            )
        return form

    def serve(self, request, *args, **kwargs):
        from .flows import already_rated, rateable_application, survey_answer

        application_id = request.POST.get("application") or request.GET.get("application")
        application = rateable_application(user=request.user, application_id=application_id)
        context = self.get_context(request, *args, **kwargs)
        context.update(application=application, done=request.GET.get("done") == "1")
        if application is not None and already_rated(application):
            context["already"] = True
            return TemplateResponse(request, self.get_template(request), context)
        form = self._form(request.POST if request.method == "POST" else None, request.user)
        if request.method == "POST" and form.is_valid():
            answers, _drop = form.values()
            try:
                survey_answer(
                    page=self,
                    user=request.user,
                    answers=answers,
                    questions=self.question_specs(),
                    application=application,
                )
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                return redirect(self.url)
            return redirect(f"{self.url}?done=1")
        context["form"] = form
        context["items"] = [form[name] for name in form.fields if name != "captcha"]
        return TemplateResponse(request, self.get_template(request), context)

    def serve_preview(self, request, mode_name):
        context = self.get_context(request)
        form = self._form(None, request.user)
        context.update(form=form, items=[form[name] for name in form.fields if name != "captcha"])
        return TemplateResponse(request, self.get_template(request), context)
