import pytest

from lk_plugin.outages.addresses import (
    HouseParseError,
    HouseRange,
    houses_cover,
    parse_address,
    parse_houses,
    street_key,
)


@pytest.mark.parametrize(
    "street",
    ["ул. Ленина", "улица Ленина", "Ленина ул.", "ЛЕНИНА", "  ул  ленина ", "Лёнина"],
)
def test_street_key_ignores_case_type_words_and_yo(street):
    assert street_key(street) == "ленина"


@pytest.mark.parametrize(
    ("street", "key"),
    [
        ("проспект Мира", "мира"),
        ("пр-т Мира", "мира"),
        ("Огородный пер.", "огородный"),
        ("ул. Ёлочная", "елочная"),
        ("1-я Тверская-Ямская ул.", "1-я тверская-ямская"),
        ("ул. Маршала Жукова", "маршала жукова"),
    ],
)
def test_street_key_keeps_the_name(street, key):
    assert street_key(street) == key


def test_parse_range_and_list_with_letters():
    assert parse_houses("1-15") == [HouseRange(1, 15)]
    assert parse_houses("2, 4, 6а") == [HouseRange(2, 2), HouseRange(4, 4), HouseRange(6, 6, letter="а")]
    assert parse_houses("") == []


@pytest.mark.parametrize(
    ("text", "parity"),
    [
        ("1-15 нечётные", "odd"),
        ("1-15 (нечет.)", "odd"),
        ("чёт. 2-20", "even"),
        ("2-20 четная сторона", "even"),
    ],
)
def test_parse_odd_even_ranges(text, parity):
    (only,) = parse_houses(text)
    assert only.parity == parity


@pytest.mark.parametrize("text", ["1-15-20", "пятнадцать", "15-1"])
def test_unreadable_houses_raise_a_russian_message(text):
    with pytest.raises(HouseParseError, match="[А-Яа-я]"):
        parse_houses(text)


@pytest.mark.parametrize(
    ("houses", "number", "letter", "covered"),
    [
        ("1-15", 15, "", True),
        ("1-15", 16, "", False),
        ("1-15", 6, "а", True),  # lettered buildings inside a range belong to it
        ("1-15 нечётные", 7, "", True),
        ("1-15 нечётные", 8, "", False),
        ("2-20 чётные", 8, "", True),
        ("2-20 чётные", 9, "", False),
        ("2, 4, 6а", 6, "а", True),
        ("2, 4, 6а", 6, "", False),
        ("2, 4, 6а", 4, "б", False),
        ("", 999, "", True),  # the whole street
    ],
)
def test_houses_cover(houses, number, letter, covered):
    assert houses_cover(parse_houses(houses), number, letter) is covered


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ленина 15", ("ленина", 15, "")),
        ("ул. Лёнина, д. 15", ("ленина", 15, "")),
        ("ЛЕНИНА 6А", ("ленина", 6, "а")),
        ("улица Ленина дом 15", ("ленина", 15, "")),
        ("Ленина", ("ленина", None, "")),
        ("1-я Тверская-Ямская 5", ("1-я тверская-ямская", 5, "")),
    ],
)
def test_parse_address(query, expected):
    assert parse_address(query) == expected
