"""One error shape for every API error: ``{"detail", "code", "errors": {field: [messages]}}``.

Field messages are the Russian messages of the HTML forms and flows (the API runs the same forms),
so a front end shows exactly what the cabinet shows.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from lk_plugin.core.pdf import PDF_UNAVAILABLE_MESSAGE, PDFRenderError

NON_FIELD = "__all__"


class ErrorOut(Schema):
    detail: str
    code: str
    errors: dict[str, list[str]] = {}


#: Every status an operation may answer with besides its success; each is an ErrorOut.
ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429)


def responses(*success) -> dict:
    """``response=`` of an operation: ``responses(200, Out)`` or ``responses((201, Out), (204, None))``."""
    pairs = [success] if success and isinstance(success[0], int) else list(success)
    result = dict.fromkeys(ERROR_STATUSES, ErrorOut)
    for code, schema in pairs:
        result[code] = schema
    return result


class ApiError(Exception):
    def __init__(self, status: int, detail: str, code: str, errors: dict | None = None):
        super().__init__(detail)
        self.status, self.detail, self.code, self.errors = status, str(detail), code, errors or {}


def _messages(value) -> list[str]:
    return [str(m) for m in value]


def form_error(form, detail=None) -> ApiError:
    """A 400 with the bound Django form's errors at their field names."""
    errors = {name: _messages(messages) for name, messages in form.errors.items()}
    first = next(iter(errors.values()), [""])[0]
    return ApiError(400, detail or first or _("Проверьте отмеченные поля."), "invalid", errors)


def validation_error(exc: DjangoValidationError, *, field: str = NON_FIELD, status: int = 400) -> ApiError:
    """A flow's ValidationError (keyed or not) as an ApiError."""
    if hasattr(exc, "error_dict"):
        errors = {
            name: _messages(DjangoValidationError(errs).messages) for name, errs in exc.error_dict.items()
        }
    else:
        errors = {field: _messages(exc.messages)}
    first = next(iter(errors.values()), [""])[0]
    code = getattr(exc, "code", None) or "invalid"
    return ApiError(status, first or _("Проверьте отмеченные поля."), code, errors)


def _body(detail, code, errors=None) -> dict:
    return {"detail": str(detail), "code": code, "errors": errors or {}}


#: pydantic error types → the Russian message shown at the field.
PYDANTIC_MESSAGES = {
    "missing": "This field is required.",  # Django's own message (and translation), as in the forms
    "int_parsing": "Введите целое число.",
    "int_type": "Введите целое число.",
    "float_parsing": "Введите число.",
    "decimal_parsing": "Введите число.",
    "bool_parsing": "Укажите true или false.",
    "bool_type": "Укажите true или false.",
    "string_type": "Введите строку.",
    "string_too_long": "Слишком длинное значение.",
    "date_from_datetime_parsing": "Введите дату в формате ГГГГ-ММ-ДД.",
    "date_parsing": "Введите дату в формате ГГГГ-ММ-ДД.",
    "greater_than_equal": "Значение слишком мало.",
    "less_than_equal": "Значение слишком велико.",
    "enum": "Выберите одно из допустимых значений.",
    "literal_error": "Выберите одно из допустимых значений.",
    "dict_type": "Ожидается объект.",
    "list_type": "Ожидается список.",
    "model_attributes_type": "Ожидается объект.",
    "json_invalid": "Тело запроса — неверный JSON.",
}

#: ninja's location prefixes that are not field names.
_LOCATIONS = {"body", "query", "path", "form", "file", "header", "cookie", "payload", "params", "data"}


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if str(p) not in _LOCATIONS]
    return ".".join(parts) or NON_FIELD


def install(api) -> None:
    """Exception handlers of *api*: everything answers with ErrorOut."""

    @api.exception_handler(ApiError)
    def api_error(request, exc):
        return api.create_response(request, _body(exc.detail, exc.code, exc.errors), status=exc.status)

    @api.exception_handler(NinjaValidationError)
    def request_invalid(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            message = PYDANTIC_MESSAGES.get(error.get("type", ""), "Неверное значение.")
            errors.setdefault(_field_of(error.get("loc", ())), []).append(_(message))
        return api.create_response(
            request, _body(_("Запрос заполнен неверно."), "invalid_request", errors), status=422
        )

    from lk_plugin.core.limits import QuotaExceeded

    @api.exception_handler(QuotaExceeded)
    def quota_exceeded(request, exc):
        response = api.create_response(request, _body(exc.messages[0], "quota_exceeded"), status=429)
        response["Retry-After"] = str(exc.seconds)
        return response

    @api.exception_handler(DjangoValidationError)
    def flow_invalid(request, exc):
        error = validation_error(exc)
        return api.create_response(request, _body(error.detail, error.code, error.errors), status=400)

    @api.exception_handler(PDFRenderError)
    def pdf_unavailable(request, exc):
        return api.create_response(request, _body(PDF_UNAVAILABLE_MESSAGE, "pdf_unavailable"), status=503)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, _body(_("Не найдено."), "not_found"), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, _body(_("Недостаточно прав."), "forbidden"), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request, _body(_("Войдите в личный кабинет."), "not_authenticated"), status=401
        )

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        return api.create_response(
            request, _body(_("Слишком много запросов. Повторите позже."), "throttled"), status=429
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 403:
            detail, code = _("Запрос отклонён: обновите страницу (проверка CSRF)."), "csrf"
        else:
            detail, code = str(exc), "error"
        return api.create_response(request, _body(detail, code), status=exc.status_code)

    from lk_plugin.core.errors import ConflictError

    @api.exception_handler(ConflictError)
    def conflict(request, exc):
        return api.create_response(
            request,
            _body(_("Заявку только что изменил специалист. Обновите данные и повторите."), "conflict"),
            status=409,
        )
