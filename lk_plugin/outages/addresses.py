"""Street keys and house lists: «ул. Лёнина», «Ленина улица» → «ленина»; «1-15, 2-20 чёт., 6а» → ranges.

Pure functions, no Django: the import, the admin form, the search and the subscriptions share them.
"""

import re
from dataclasses import dataclass

# Street-type words a person may or may not type; stripped anywhere in the name.
STREET_TYPES = (
    "улица",
    "ул",
    "проспект",
    "пр-кт",
    "пр-т",
    "просп",
    "пр",
    "переулок",
    "пер",
    "проезд",
    "пр-д",
    "шоссе",
    "ш",
    "бульвар",
    "б-р",
    "бул",
    "площадь",
    "пл",
    "набережная",
    "наб",
    "тупик",
    "туп",
    "аллея",
    "ал",
    "микрорайон",
    "мкр",
    "мкрн",
    "квартал",
    "кв-л",
    "линия",
    "дом",
    "д",
    "г",
    "город",
)
_TYPE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(t) for t in sorted(STREET_TYPES, key=len, reverse=True))
    + r")\.?(?![\w-])"
)
_SPACES = re.compile(r"\s+")


def normalize_text(value: str) -> str:
    return _SPACES.sub(" ", (value or "").lower().replace("ё", "е")).strip()


def street_key(street: str) -> str:
    """Lower case, ё→е, street-type words and punctuation dropped: the indexed search key."""
    text = normalize_text(street)
    text = _TYPE_RE.sub(" ", text)
    text = re.sub(r"[.,;:«»\"'()]", " ", text)
    return _SPACES.sub(" ", text).strip()


class Parity:
    ALL = "all"
    ODD = "odd"
    EVEN = "even"


@dataclass(frozen=True)
class HouseRange:
    """Houses ``start``..``end`` (inclusive); ``letter`` only for a single lettered house («6а»)."""

    start: int
    end: int
    parity: str = Parity.ALL
    letter: str = ""

    def covers(self, number: int, letter: str = "") -> bool:
        if not self.start <= number <= self.end:
            return False
        if self.parity == Parity.ODD and number % 2 == 0:
            return False
        if self.parity == Parity.EVEN and number % 2 == 1:
            return False
        if self.start == self.end:
            return self.letter == letter
        return True  # lettered buildings inside a range are part of it


class HouseParseError(ValueError):
    pass


# Text is normalised first (ё → е), so «нечётные» arrives as «нечетные».
_ODD = re.compile(r"нечет\w*\.?|неч\.")
_EVEN = re.compile(r"чет\w*\.?")
_NOISE = re.compile(r"\b(?:сторона|стороны|дома|номера|с|по)\b")
_RANGE = re.compile(r"^(\d+)\s*[-–—]\s*(\d+)$")
_SINGLE = re.compile(r"^(\d+)\s*([а-я]?)(?:\s*(?:к|корп|стр|/)\.?\s*\d+)?$")


def parse_houses(text: str) -> list[HouseRange]:
    """«1-15», «2, 4, 6а», «1-15 нечётные», «чёт. 2-20»; empty → [] (the whole street).

    Raises HouseParseError with a Russian message for what cannot be read.
    """
    text = normalize_text(text).replace("д.", " ").replace("№", " ")
    if text in {"", "все", "все дома", "вся улица"}:
        return []
    result = []
    for raw in re.split(r"[,;]", text):
        part = raw.strip()
        if not part:
            continue
        parity = Parity.ALL
        part = _NOISE.sub(" ", part)
        if _ODD.search(part):
            parity = Parity.ODD
            part = _ODD.sub(" ", part)
        elif _EVEN.search(part):
            parity = Parity.EVEN
            part = _EVEN.sub(" ", part)
        part = re.sub(r"[()]", " ", part)
        part = _SPACES.sub(" ", part).strip().rstrip(".")
        if match := _RANGE.match(part):
            start, end = int(match[1]), int(match[2])
            if start > end:
                raise HouseParseError(f"Диапазон «{raw.strip()}»: начало больше конца.")
            result.append(HouseRange(start, end, parity))
        elif match := _SINGLE.match(part):
            number = int(match[1])
            result.append(HouseRange(number, number, Parity.ALL, match[2]))
        else:
            raise HouseParseError(
                f"Не удалось разобрать номер дома «{raw.strip()}». Пишите так: «1-15», «2, 4, 6а», «1-15 нечётные»."
            )
    return result


_HOUSE_TAIL = re.compile(r"(?:^|[\s,])(?:д\.?|дом)?\s*(\d+)\s*([а-я]?)(?:\s*(?:к|корп|стр|/)\.?\s*\d+)?\s*$")


def parse_address(query: str) -> tuple[str, int | None, str]:
    """«ул. Ленина, д. 15а» → ("ленина", 15, "а"); without a number → (key, None, "")."""
    text = normalize_text(query)
    match = _HOUSE_TAIL.search(text)
    if match and match.start() > 0:
        street, number, letter = text[: match.start()], int(match[1]), match[2]
    else:
        street, number, letter = text, None, ""
    return street_key(street), number, letter


def houses_cover(ranges: list[HouseRange], number: int | None, letter: str = "") -> bool:
    if not ranges or number is None:
        return True
    return any(r.covers(number, letter) for r in ranges)
