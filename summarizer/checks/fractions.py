"""Fractions and multiples in words, read as numbers: "half", "a third", "three quarters", "double",
"la moitié", "zwei Drittel", "вдвое", "ثلثي", "一半", "आधी". An article's "half of the 2,400 tickets"
then backs a summary's "1,200 tickets" or "50 %", and a summary's "a third" is checked against the
shares the article states, like any number. Only forms that say a share or a multiple are listed:
"the first half", "a third goal" and "double-digit" are not fractions.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

_L = r"(?<![\p{L}\p{M}])"  # no letter before...
_R = r"(?![\p{L}\p{M}])"   # ...or after (Devanagari vowel signs are marks)

# Per language: (pattern, value). A value above 1 is a multiple ("double": 2).
_FRACTIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "en": ((r"half of|half the|a half|one half", 1 / 2), (r"(?:a|one) third", 1 / 3),
           (r"two[- ]thirds", 2 / 3), (r"(?:a|one) quarter", 1 / 4), (r"three[- ]quarters", 3 / 4),
           (r"(?:a|one) fifth", 1 / 5), (r"doubled|twice as (?:many|much|high|large)", 2),
           (r"tripled|three times as (?:many|much|high|large)", 3)),
    "fr": ((r"(?:la|une) moitié", 1 / 2), (r"un tiers", 1 / 3), (r"deux tiers", 2 / 3), (r"un quart", 1 / 4),
           (r"trois quarts", 3 / 4), (r"le double|doublé\w*", 2), (r"le triple|triplé\w*", 3)),
    "de": ((r"(?:die|der) Hälfte|halb so (?:viele|viel|hoch)", 1 / 2), (r"(?:ein|einem|eines) Drittel", 1 / 3),
           (r"zwei Drittel\w*", 2 / 3), (r"(?:ein|einem|eines) Viertel", 1 / 4), (r"drei Viertel\w*", 3 / 4),
           (r"verdoppelt\w*|doppelt so (?:viele|viel|hoch)", 2), (r"verdreifacht\w*", 3)),
    "es": ((r"la mitad", 1 / 2), (r"un tercio|la tercera parte", 1 / 3), (r"dos tercios|dos terceras partes", 2 / 3),
           (r"la cuarta parte|un cuarto de", 1 / 4), (r"tres cuartos|tres cuartas partes", 3 / 4),
           (r"el doble|duplic\w+", 2), (r"el triple|triplic\w+", 3)),
    "pt": ((r"(?:a )?metade", 1 / 2), (r"um terço", 1 / 3), (r"dois terços", 2 / 3), (r"um quarto d[eoa]s?", 1 / 4),
           (r"três quartos", 3 / 4), (r"o dobro|dobrou|duplic\w+", 2), (r"o triplo|triplic\w+", 3)),
    "it": ((r"(?:la )?metà", 1 / 2), (r"un terzo", 1 / 3), (r"due terzi", 2 / 3), (r"un quarto d\w*", 1 / 4),
           (r"tre quarti", 3 / 4), (r"una volta e mezz[ao]", 3 / 2), (r"il doppio|raddoppi\w+", 2),
           (r"il triplo|triplic\w+", 3)),
    "ru": ((r"половин\w*", 1 / 2), (r"две трети", 2 / 3), (r"треть|трети", 1 / 3), (r"три четверти", 3 / 4),
           (r"четверть|четверти", 1 / 4), (r"вдвое|в два раза|удвои\w*", 2), (r"втрое|в три раза", 3),
           (r"в полтора раза", 3 / 2)),
    "uk": ((r"половин\w*", 1 / 2), (r"дві третини", 2 / 3), (r"третин\w*", 1 / 3), (r"чверть|чверті", 1 / 4),
           (r"удвічі|вдвічі|у два рази|в два рази", 2)),
    "ar": ((r"نصف", 1 / 2), (r"ثلثي|ثلثا", 2 / 3), (r"ثلث", 1 / 3), (r"ثلاثة أرباع", 3 / 4), (r"ربع", 1 / 4),
           (r"ضعفي|ضعف", 2)),
    "hi": ((r"आधा|आधी|आधे", 1 / 2), (r"दो तिहाई", 2 / 3), (r"एक तिहाई|तिहाई", 1 / 3), (r"तीन चौथाई", 3 / 4),
           (r"चौथाई", 1 / 4), (r"दोगुना|दोगुनी|दोगुने|दुगना|दुगनी", 2)),
    "tr": ((r"yarısı\w*", 1 / 2), (r"üçte biri\w*", 1 / 3), (r"dörtte biri\w*", 1 / 4), (r"iki katı\w*", 2)),
    "zh": ((r"增[长加]了?一半", 3 / 2), (r"一半|半数", 1 / 2), (r"三分之一", 1 / 3), (r"三分之二", 2 / 3), (r"四分之一", 1 / 4),
           (r"四分之三", 3 / 4), (r"翻了?一番|翻番|两倍", 2)),
    "ja": ((r"半分|半数", 1 / 2), (r"(?:3|三)分の(?:1|一)", 1 / 3), (r"(?:3|三)分の(?:2|二)", 2 / 3),
           (r"(?:4|四)分の(?:1|一)", 1 / 4), (r"倍増|二倍", 2)),
}
_UNSPACED_FRACTIONS = frozenset({"zh", "ja"})  # no word boundaries around them


@lru_cache(maxsize=64)
def _pattern(language: str) -> regex.Pattern | None:
    forms = _FRACTIONS.get(language)
    if not forms:
        return None
    left, right = ("", "") if language in _UNSPACED_FRACTIONS else (_L, _R)
    alternatives = "|".join(f"(?P<f{i}>{form})" for i, (form, _) in enumerate(forms))
    return regex.compile(f"{left}(?:{alternatives}){right}", regex.IGNORECASE)


def fractions(text: str, language: str | None) -> Iterator[tuple[int, int, float]]:
    """(start, end, value) of each fraction or multiple written in words."""
    pattern = _pattern(language or "en")
    if pattern is None:
        return
    forms = _FRACTIONS[language or "en"]
    for match in pattern.finditer(text):
        index = next(i for i in range(len(forms)) if match.group(f"f{i}") is not None)
        yield match.start(), match.end(), forms[index][1]


def as_share(value: float) -> float:
    """A multiple as the share it implies ("double": the old figure is half the new one)."""
    return value if value <= 1 else 1 / value
