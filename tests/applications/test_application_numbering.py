from types import SimpleNamespace

import pytest

from lk_plugin.adapter import DefaultLKAdapter
from lk_plugin.applications.numbering import render_number

TEMPLATE = "{seq}ТП/{legal_form}/{connection}/{power_band}/ЛК"


def app(legal_form="individual", **data):
    return SimpleNamespace(
        legal_form=legal_form, data=data, kind=SimpleNamespace(number_code="ТП", code="tc")
    )


def test_template_renders_the_documented_example():
    context = DefaultLKAdapter().number_context(app(reason="new", max_power_kw="15"))
    assert render_number(TEMPLATE, {**context, "seq": 4894}) == "4894ТП/ФЛ/НП/До 15/ЛК"


@pytest.mark.parametrize(
    ("power", "band"),
    [
        ("0.5", "До 15"),
        ("15", "До 15"),
        ("15.1", "15-150"),
        ("150", "15-150"),
        ("670", "150-670"),
        ("671", "Св. 670"),
    ],
)
def test_power_bands(power, band):
    assert DefaultLKAdapter().number_context(app(max_power_kw=power))["power_band"] == band


@pytest.mark.parametrize(("reason", "code"), [("new", "НП"), ("increase", "УМ"), ("category_change", "ИК")])
def test_connection_codes(reason, code):
    assert DefaultLKAdapter().number_context(app(reason=reason))["connection"] == code


def test_legal_form_codes_and_missing_values():
    context = DefaultLKAdapter().number_context(app("legal_entity"))
    assert context["legal_form"] == "ЮЛ"
    assert render_number(TEMPLATE, {**context, "seq": 1}) == "1ТП/ЮЛ///ЛК"


def test_unknown_placeholder_renders_empty():
    assert render_number("{seq}/{nope}/ЛК", {"seq": 7}) == "7//ЛК"
