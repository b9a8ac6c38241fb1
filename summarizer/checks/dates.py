"""Dates, weekdays and times as facts: "16/08/2024" and "16 August 2024" are one date, "14:55" and
"2.55pm" one time; month and day names in every language from dateparser's locale data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from summarizer.checks.words import fold
from summarizer.languages import UNSPACED

_ISO_DATE = regex.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = regex.compile(r"(?<![\d.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?!\d)(?!\.\d)")
_TIME = regex.compile(r"(?<![\d.,])(\d{1,2})(?:(:|h)(\d{2})|\.(\d{2})(?=\s?[ap]\.?m\b))"
                      r"(?:\s?([ap])(?:\.m\.|m\b))?(?![\d])|(?<![\d.,])(\d{1,2})\s?([ap])(?:\.m\.|m\b)",
                      regex.IGNORECASE)


@dataclass(frozen=True)
class Date:
    year: int | None
    month: int
    day: int | None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _locale_names(language: str | None, keys: tuple[str, ...]) -> Iterator[tuple[str, int, str]]:
    """(name, 1-based number, locale) for month or day names in the language and in English, from
    dateparser's locale data."""
    from dateparser.languages.loader import default_loader

    for code in dict.fromkeys(["en", language or "en"]):
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        for number, key in enumerate(keys, 1):
            for name in info.get(key, []):
                yield name, number, code


@lru_cache(maxsize=64)
def _month_names(language: str | None) -> dict[str, int]:
    names: dict[str, int] = {}
    for name, number, _ in _locale_names(language, _MONTHS):
        if len(name) >= 3:  # as written ("août") and folded ("aout"): texts use both
            names[name.casefold().rstrip(".")] = number
            names[fold(name).rstrip(".")] = number
    return names


@lru_cache(maxsize=64)
def _full_month_names(language: str | None) -> frozenset[str]:
    """The longest name of each month in each locale ("marzo", not "mar"): only these stand alone."""
    longest: dict[tuple[str, int], str] = {}
    for name, number, locale in _locale_names(language, _MONTHS):
        if len(name) > len(longest.get((locale, number), "")):
            longest[locale, number] = name
    return frozenset(fold(name) for name in longest.values())


def _is_month_on_its_own(written: str, language: str | None) -> bool:
    """"en juin", "a maggio", "in March": a month named without day or year is a date fact too."""
    folded = fold(written).rstrip(".")
    if folded in ("may", "march") and written[0].islower():
        return False  # English verbs
    return folded in _full_month_names(language)


@lru_cache(maxsize=64)
def _weekday_names(language: str | None) -> dict[str, int]:
    """"Tuesday", "el viernes", "周五", "الخميس"; not "mo", "so" or "di", which are ordinary words."""
    shortest = 2 if language in UNSPACED else 4
    return {name.casefold(): number for name, number, _ in _locale_names(language, _WEEKDAYS)
            if len(name) >= shortest}


def _ordinal_days() -> dict[str, int]:
    """Day ordinals written out where dates use them: "the first of May", "zum ersten Januar"."""
    days = {"first": 1, "second": 2, "third": 3, "premier": 1, "primero": 1, "primo": 1, "primeiro": 1}
    german = {1: "erst", 2: "zweit", 3: "dritt", 4: "viert", 5: "fünft", 6: "sechst", 7: "siebt", 8: "acht",
              9: "neunt", 10: "zehnt", 11: "elft", 12: "zwölft", 13: "dreizehnt", 14: "vierzehnt",
              15: "fünfzehnt", 16: "sechzehnt", 17: "siebzehnt", 18: "achtzehnt", 19: "neunzehnt",
              20: "zwanzigst", 30: "dreißigst"}
    units = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
    german.update({20 + i: f"{unit}undzwanzigst" for i, unit in enumerate(units, 1)})
    german[31] = "einunddreißigst"
    for day, stem in german.items():
        days.update({stem + ending: day for ending in ("e", "en", "er", "es", "em")})
    return days


ORDINAL_DAYS = _ordinal_days()
_ORDINAL_WORDS = "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True))


@lru_cache(maxsize=64)
def _month_date_patterns(language: str | None) -> tuple[regex.Pattern, regex.Pattern]:
    names = "|".join(sorted((regex.escape(n) for n in _month_names(language)), key=len, reverse=True))
    month = rf"(?P<month>{names})"
    day_first = regex.compile(rf"(?<![\p{{L}}\d])(?:(?P<day>\d{{1,2}}|{_ORDINAL_WORDS})"
                              rf"(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+|of\s+)?)?"
                              rf"{month}(?![\p{{L}}])(?:\.?,?\s+(?:de\s+)?(?P<year>\d{{4}}))?",
                              regex.IGNORECASE)
    month_first = regex.compile(rf"(?<![\p{{L}}])(?:{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
                                rf"(?:,?\s+(?P<year>\d{{4}}))?", regex.IGNORECASE)
    return month_first, day_first


def dates(text: str, language: str | None) -> Iterator[tuple[int, int, list[Date]]]:
    """(start, end, the dates the span can mean); numeric dates may be day-first or month-first."""
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield match.start(), match.end(), [Date(year, month, day)]
    for match in _NUMERIC_DATE.finditer(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year = year + 2000 if year < 100 else year
        readings = [Date(year, m, d) for d, m in ((first, second), (second, first))
                    if 1 <= m <= 12 and d <= 31]
        if readings:
            yield match.start(), match.end(), readings
    months = _month_names(language)
    for pattern in _month_date_patterns(language):
        for match in pattern.finditer(text):
            day = _day(match["day"]) if match["day"] else None
            year = int(match["year"]) if match["year"] else None
            if day is None and year is None and not _is_month_on_its_own(match["month"], language):
                continue  # "mar" (sea), "may" (a verb): words, checked like any other
            yield match.start(), match.end(), [Date(year, months[fold(match["month"]).rstrip(".")], day)]


def _day(written: str) -> int:
    return int(written) if written.isdigit() else ORDINAL_DAYS[written.casefold()]


@lru_cache(maxsize=64)
def _weekday_pattern(language: str | None) -> regex.Pattern:
    names = sorted((regex.escape(n) for n in _weekday_names(language)), key=len, reverse=True)
    alternatives = "|".join(names)
    if language in UNSPACED:
        return regex.compile(alternatives, regex.IGNORECASE)
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternatives})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)


def weekdays(text: str, language: str | None) -> Iterator[tuple[int, int, str]]:
    names = _weekday_names(language)
    for match in _weekday_pattern(language).finditer(text):
        yield match.start(), match.end(), f"w:{names[match.group().casefold()]}"


def date_key(date: Date) -> str:
    return f"d:{date.year or '*'}-{date.month}-{date.day or '*'}"


def date_keys_matching(date: Date) -> set[str]:
    """The keys a source date answers to: itself, and the same date without its year or day."""
    return {date_key(date), date_key(Date(None, date.month, date.day)),
            date_key(Date(date.year, date.month, None)), date_key(Date(None, date.month, None))}


def times(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _TIME.finditer(text):
        if match[1] is not None:
            hour, minute, half = int(match[1]), int(match[3] or match[4]), match[5]
        else:
            hour, minute, half = int(match[6]), 0, match[7]
        if half:
            if hour > 12:
                continue
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        if hour < 24 and minute < 60:
            yield match.start(), match.end(), f"t:{hour:02d}:{minute:02d}"
