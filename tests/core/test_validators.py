import pytest
from django.core.exceptions import ValidationError

from lk_plugin import validators as v

SNILS_VALID = [
    "112-233-445 95",
    "123-456-789 64",
    "087-654-303 00",
    "001-326-679 00",
    "001-508-816 00",
    "017-996-174 00",
]


@pytest.mark.parametrize("value", SNILS_VALID)
def test_snils_valid(value):
    v.validate_snils(value)
    assert v.is_valid_snils(v.normalize_snils(value))


def test_snils_invalid_checksum_has_russian_message():
    with pytest.raises(ValidationError) as exc:
        v.validate_snils("112-233-445 96")
    assert exc.value.code == "snils_checksum"
    assert "контрольное число" in exc.value.messages[0]


def test_snils_below_threshold_accepted_without_checksum():
    assert v.is_valid_snils("00100199812")


@pytest.mark.parametrize("value", ["1122334459", "112-233-445 9a", ""])
def test_snils_bad_format(value):
    with pytest.raises(ValidationError):
        v.validate_snils(value)


@pytest.mark.parametrize("value", ["7707083893", "7736207543", "77 07 08 38 93"])
def test_inn10_valid(value):
    v.validate_inn10(value)
    v.validate_inn(value)


@pytest.mark.parametrize("value", ["7707083894", "770708389", "500100732259"])
def test_inn10_invalid(value):
    with pytest.raises(ValidationError):
        v.validate_inn10(value)


@pytest.mark.parametrize("value", ["500100732259", "123456789047", "5001-0073-2259"])
def test_inn12_valid(value):
    v.validate_inn12(value)
    v.validate_inn(value)


@pytest.mark.parametrize("value", ["500100732258", "123456789048", "7707083893"])
def test_inn12_invalid(value):
    with pytest.raises(ValidationError):
        v.validate_inn12(value)


@pytest.mark.parametrize("value", ["773601001", "7736AB001", "7736ab001"])
def test_kpp_valid(value):
    v.validate_kpp(value)


@pytest.mark.parametrize("value", ["003601001", "77360100", "7736AB0011", "7736-Ж-001"])
def test_kpp_invalid(value):
    with pytest.raises(ValidationError):
        v.validate_kpp(value)


@pytest.mark.parametrize("value", ["1027700132195", "1027700229193", "1 027 700 132 195"])
def test_ogrn_valid(value):
    v.validate_ogrn(value)


@pytest.mark.parametrize("value", ["1027700132196", "3027700132195", "102770013219"])
def test_ogrn_invalid(value):
    with pytest.raises(ValidationError):
        v.validate_ogrn(value)


@pytest.mark.parametrize("value", ["304500116000157", "304500116000050", "304-500-116-000-157"])
def test_ogrnip_valid(value):
    v.validate_ogrnip(value)


def test_ogrnip_remainder_ten_or_more_is_accepted():
    # 30450011600005 mod 13 ≥ 10: python-stdnum rejects it, the rule of DESIGN.md §5 accepts it.
    assert int("30450011600005") % 13 >= 10
    assert v.is_valid_ogrnip("304500116000050")


@pytest.mark.parametrize("value", ["304500116000158", "104500116000157", "30450011600015"])
def test_ogrnip_invalid(value):
    with pytest.raises(ValidationError):
        v.validate_ogrnip(value)


def test_cadastral():
    v.validate_cadastral("77:01:0001013:4915")
    with pytest.raises(ValidationError):
        v.validate_cadastral("77:01:01013:4915")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8 (916) 123-45-67", "+79161234567"),
        ("+7 916 123 45 67", "+79161234567"),
        ("9161234567", "+79161234567"),
    ],
)
def test_phone_normalized(raw, expected):
    assert v.normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "+1 202 555 0100", "телефон"])
def test_phone_invalid(raw):
    with pytest.raises(ValidationError):
        v.validate_phone(raw)
