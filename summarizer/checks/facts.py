"""Facts a sentence states (numbers, dates, times, names and rare terms) in forms that compare across
faithful rewordings: "40,000", "40 000", "forty thousand" and "40k" are one number; "16/08/2024" and
"16 August 2024" one date; "14:55" and "2.55pm" one time; "Özil" and "Ozil", "Al Thani" and "Al-Thani",
"U.S." and "US" one name. No model and no download: number words come from text2num, month names from
dateparser's language data, word frequencies from wordfreq and lemmas from simplemma.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from summarizer.languages import UNSPACED
from summarizer.checks.number_words import TEXT2NUM_LANGUAGES, spelled_to_digits
from summarizer.text.segmentation import SPACED_WORD
from summarizer.text.word_frequency import zipf as word_zipf
from summarizer.loaded_once import loaded_once

NUMBER_WORD_LANGUAGES = TEXT2NUM_LANGUAGES | {"ru", "uk", "ar", "zh", "ja"}  # see number_words.py
# Languages that write decimals with a point only: there "6,000" is six thousand, never six.
DECIMAL_POINT_LANGUAGES = frozenset({"en", "zh", "ja", "ko", "hi", "th", "he", "ga"})
CAPITALISED_NOUNS = frozenset({"de", "lb"})  # languages that write every noun with a capital
RARE_ZIPF = 3.0     # a word used less than about once per million words is a rare term
COMMON_ZIPF = 6.0   # "The", "Le", "Der": capitalised function words are never names
NOUN_ZIPF = 3.5     # in German a capitalised word this common is an ordinary noun

_SCALES = {
    "thousand": 1e3, "k": 1e3, "tausend": 1e3, "mille": 1e3, "mil": 1e3, "тыс": 1e3, "тысяч": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "millionen": 1e6, "millones": 1e6,
    "millón": 1e6, "milioni": 1e6, "milhões": 1e6, "milhão": 1e6, "млн": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "milliard": 1e9,
    "milliards": 1e9, "milliarden": 1e9, "mrd": 1e9, "млрд": 1e9, "trillion": 1e12, "lakh": 1e5,
    "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
    "हज़ार": 1e3, "हजार": 1e3, "लाख": 1e5, "अरब": 1e9,
    "\u0915\u0930\u094b\u095c": 1e7, "\u0915\u0930\u094b\u0921\u093c": 1e7,  # करोड़, nukta composed or not
    "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
}
_SCALE_WORDS = "|".join(sorted((regex.escape(w) for w in _SCALES), key=len, reverse=True))
_NUMBER = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\d])"
    r"(?P<digits>\d{1,3}(?:(?:,\s?|[\u00a0\u202f\u2009 .'])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?:st|nd|rd|th)\b)?"
    rf"(?:\s?(?P<scale>{_SCALE_WORDS})(?![\p{{Latin}}\p{{Cyrillic}}]))?", regex.IGNORECASE)
_ISO_DATE = regex.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = regex.compile(r"(?<![\d.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?!\d)(?!\.\d)")
_TIME = regex.compile(r"(?<![\d.,])(\d{1,2})(?:(:|h)(\d{2})|\.(\d{2})(?=\s?[ap]\.?m\b))"
                      r"(?:\s?([ap])(?:\.m\.|m\b))?(?![\d])|(?<![\d.,])(\d{1,2})\s?([ap])(?:\.m\.|m\b)",
                      regex.IGNORECASE)
_ACRONYM = regex.compile(r"(?<![\p{L}])(?:\p{Lu}\.){2,}")
_SPELLED = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{Greek}\p{Arabic}\d]")  # scripts with spelled numbers
_WORD = regex.compile(SPACED_WORD)


@dataclass(frozen=True)
class Fact:
    """One fact as written in a sentence: `text` is `sentence[start:end]`; `keys` its comparable forms."""

    text: str
    kind: str  # number, date, time, name, term
    start: int
    end: int
    keys: frozenset[str]


@dataclass(frozen=True)
class _Date:
    year: int | None
    month: int
    day: int | None


def fold(word: str) -> str:
    """Case, accents and Unicode forms folded: "ÖZIL", "Özil" and "Ozil" (decomposed or not) agree."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word).casefold())
    return regex.sub(r"\p{M}", "", decomposed).replace("’", "'")


def ascii_digits(text: str) -> str:
    """Every script's decimal digits as 0-9, one character for one, so positions stay the same."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
                   for ch in text)


# --- numbers ---------------------------------------------------------------------------------------

def _values(digits: str, scale: str | None, language: str | None) -> set[float]:
    """Every value a written number can mean: "1,500" is 1500 in English and 1.5 in German."""
    compact = regex.sub(r"[\s\u00a0\u202f\u2009']", "", digits.replace(", ", ","))
    candidates: set[float] = set()
    grouped = regex.fullmatch(r"\d{1,3}([.,]\d{3})+", compact)
    if grouped:
        candidates.add(float(regex.sub(r"[.,]", "", compact)))
        if compact.count(",") + compact.count(".") == 1 and not (
                language in DECIMAL_POINT_LANGUAGES and "," in compact):
            candidates.add(float(compact.replace(",", ".")))
    elif regex.fullmatch(r"\d{1,3}([.,]\d{3})+[.,]\d+", compact):  # "1,234,567.89": the last mark is decimal
        cut = max(compact.rfind("."), compact.rfind(","))
        candidates.add(float(regex.sub(r"[.,]", "", compact[:cut]) + "." + compact[cut + 1:]))
    else:
        candidates.add(float(compact.replace(",", ".")))
    factor = _SCALES.get(scale.lower(), 1.0) if scale else 1.0
    return {round(v * factor, 6) for v in candidates}


def _number_key(value: float) -> str:
    return f"n:{value:g}"


# --- dates and times -------------------------------------------------------------------------------

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


def _dates(text: str, language: str | None) -> Iterator[tuple[int, int, list[_Date]]]:
    """(start, end, the dates the span can mean); numeric dates may be day-first or month-first."""
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield match.start(), match.end(), [_Date(year, month, day)]
    for match in _NUMERIC_DATE.finditer(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year = year + 2000 if year < 100 else year
        readings = [_Date(year, m, d) for d, m in ((first, second), (second, first))
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
            yield match.start(), match.end(), [_Date(year, months[fold(match["month"]).rstrip(".")], day)]


def _day(written: str) -> int:
    return int(written) if written.isdigit() else ORDINAL_DAYS[written.casefold()]


@lru_cache(maxsize=64)
def _weekday_pattern(language: str | None) -> regex.Pattern:
    names = sorted((regex.escape(n) for n in _weekday_names(language)), key=len, reverse=True)
    alternatives = "|".join(names)
    if language in UNSPACED:
        return regex.compile(alternatives, regex.IGNORECASE)
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternatives})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)


def _weekdays(text: str, language: str | None) -> Iterator[tuple[int, int, str]]:
    names = _weekday_names(language)
    for match in _weekday_pattern(language).finditer(text):
        yield match.start(), match.end(), f"w:{names[match.group().casefold()]}"


def _date_key(date: _Date) -> str:
    return f"d:{date.year or '*'}-{date.month}-{date.day or '*'}"


def _date_keys_matching(date: _Date) -> set[str]:
    """The keys a source date answers to: itself, and the same date without its year or day."""
    return {_date_key(date), _date_key(_Date(None, date.month, date.day)),
            _date_key(_Date(date.year, date.month, None)), _date_key(_Date(None, date.month, None))}


def _times(text: str) -> Iterator[tuple[int, int, str]]:
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


# --- words -----------------------------------------------------------------------------------------

def _word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Words with their spans; dotted acronyms ("U.S.") count as one word ("US")."""
    taken: list[tuple[int, int]] = []
    for match in _ACRONYM.finditer(text):
        taken.append(match.span())
        yield match.start(), match.end(), match.group().replace(".", "")
    for match in _WORD.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            yield match.start(), match.end(), match.group()


def _word_keys(word: str) -> set[str]:
    """A word folded, and for "Al-Thani" its parts and "althani" too."""
    folded = fold(word)
    keys = {folded, folded.replace("-", "").replace("'", "")}
    if "-" in folded:
        keys.update(folded.split("-"))
    return keys


def _lemma(word: str, language: str | None) -> str | None:
    import simplemma

    if not _lemmas_loaded(language or "en"):
        return None
    try:
        return simplemma.lemmatize(word, lang=language or "en")
    except (ValueError, KeyError):
        return None


@loaded_once(maxsize=64)
def _lemmas_loaded(language: str) -> bool:
    """simplemma's dictionary for the language, loaded once for every thread; False where it has none."""
    import simplemma

    try:
        simplemma.lemmatize("a", lang=language)
    except (ValueError, KeyError):  # a language simplemma does not cover
        return False
    return True


# --- the source, once ------------------------------------------------------------------------------

class SourceFacts:
    """Everything a summary's facts are compared against, computed once per article. Lemmas are looked up
    only when a summary word is not found as written: loading a language's lemma dictionary takes
    seconds, and most summary words are found directly."""

    def __init__(self, source: str, language: str | None) -> None:
        self.language = language
        keys: set[str] = set()
        words: set[str] = set()
        names: set[str] = set()  # capitalised where no sentence starts: people, places, organisations
        for start, _, word in _word_spans(source):
            if word[0].isupper() and source[:start].rstrip()[-1:] not in ("", ".", "!", "?", '"', "“", "—"):
                names |= _word_keys(word)
        for text in _readings(source, language):
            for fact in _facts(text, language):
                keys |= fact.keys
            for _, _, readings in _dates(text, language):
                for reading in readings:
                    keys |= _date_keys_matching(reading)
                    keys |= {_number_key(reading.day)} if reading.day else set()
            for _, _, word in _word_spans(text):
                words.add(word)
                keys |= _word_keys(word)
        for value in [k for k in keys if k.startswith("d:") and not k.startswith("d:*")]:
            keys.add(_number_key(float(value[2:].split("-")[0])))  # a date's year is a number too
        self.keys = frozenset(keys)
        self.names = frozenset(names)
        self._words = words
        self._lemmas: frozenset[str] | None = None

    def has_lemma_of(self, word: str) -> bool:
        lemma = _lemma(word, self.language)
        if lemma is None:
            return False
        if self._lemmas is None:
            self._lemmas = frozenset(fold(_lemma(w, self.language) or w) for w in self._words)
        return fold(lemma) in self._lemmas


def _readings(text: str, language: str | None) -> list[str]:
    """The text with script digits as 0-9, and, where text2num reads the language, number words too."""
    digits = ascii_digits(text)
    spelled = _numbers_in_digits(digits, language)
    return [digits] if spelled == digits else [digits, spelled]


def _numbers_in_digits(text: str, language: str | None) -> str:
    """"48 million" -> "48000000" and number words as digits ("forty thousand", "сорок тысяч" -> "40000").
    Scaled numbers go first: text2num would turn "48 million" into "48 1000000"."""
    if language not in NUMBER_WORD_LANGUAGES:
        return text

    def expanded(match: regex.Match) -> str:
        if not match["scale"]:
            return match.group()
        return f"{max(_values(match['digits'], match['scale'], language)):.0f}"

    return spelled_to_digits(_NUMBER.sub(expanded, text), language)


def _facts(text: str, language: str | None) -> Iterator[Fact]:
    """Numbers, dates and times in `text` (digits already ASCII), each once, dates before their numbers."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    for start, end, readings in _dates(text, language):
        if free(start, end):
            taken.append((start, end))
            yield Fact(text[start:end], "date", start, end, frozenset(_date_key(r) for r in readings))
    for start, end, key in _weekdays(text, language):
        if free(start, end):
            taken.append((start, end))
            yield Fact(text[start:end], "date", start, end, frozenset({key}))
    for start, end, key in _times(text):
        if free(start, end):
            taken.append((start, end))
            yield Fact(text[start:end], "time", start, end, frozenset({key}))
    for match in _NUMBER.finditer(text):
        if free(*match.span()):
            taken.append(match.span())
            keys = frozenset(_number_key(v) for v in _values(match["digits"], match["scale"], language))
            yield Fact(match.group(), "number", match.start(), match.end(), keys)


def unsupported_facts(sentence: str, source: SourceFacts) -> list[Fact]:
    """The facts of a summary sentence that the article does not state, each once, in sentence order."""
    language = source.language
    flagged: list[Fact] = []
    numeric = ascii_digits(sentence)
    converted = _numbers_in_digits(numeric, language)
    spans = _SpanMap(numeric, converted)
    for fact in _facts(converted, language):
        if not fact.keys & source.keys:
            flagged.append(spans.fact_in(sentence, fact))
    covered = [(f.start, f.end) for f in flagged] + [(s, e) for s, e, _ in _dates(numeric, language)] + \
        [(s, e) for s, e, _ in _times(numeric)] + [(s, e) for s, e, _ in _weekdays(numeric, language)]
    if language not in UNSPACED:
        spans = sorted(_word_spans(sentence))
        for index, (start, end, word) in enumerate(spans):
            if any(s <= start < e for s, e in covered) or any(ch.isdigit() for ch in word) or len(word) < 2:
                continue
            keys = _word_keys(word)
            if keys & source.keys:
                continue
            kind = _word_kind(word, start, sentence, language)
            if kind is None and word[0].isupper() and _next_to_a_known_name(spans, index, sentence, source):
                kind = "name"  # "Margarete Schulz" where the article has "Margarete Vogt"
            if kind and not source.has_lemma_of(word):
                flagged.append(Fact(word, kind, start, end, frozenset(keys)))
    unique: dict[tuple[str, frozenset[str]], Fact] = {}  # a fact repeated in the sentence, once
    for fact in sorted(flagged, key=lambda f: f.start):
        unique.setdefault((fact.kind, fact.keys), fact)
    return list(unique.values())


def _next_to_a_known_name(spans: list[tuple[int, int, str]], index: int, sentence: str,
                          source: SourceFacts) -> bool:
    """Whether a capitalised neighbour, with only a space between, is a word of the article: then this
    word is part of a name the article spells differently, even if it is a common word."""
    for other in (index - 1, index + 1):
        if not 0 <= other < len(spans):
            continue
        first, second = sorted((spans[index], spans[other]))
        neighbour = spans[other][2]
        if sentence[first[1]:second[0]].strip() == "" and neighbour[0].isupper() and \
                _word_keys(neighbour) & source.names:
            return True
    return False


def _word_kind(word: str, start: int, sentence: str, language: str | None) -> str | None:
    """"name" for a capitalised word that is no common word, "term" for a rare word; None otherwise.
    A word is as common as its lemma: "débuteront" is a rare form of the common "débuter"."""
    zipf = word_zipf(word.lower(), language)
    lemma = _lemma(word.lower(), language)
    if zipf is not None and lemma and lemma != word.lower():
        zipf = max(zipf, word_zipf(lemma, language) or 0.0)
    sentence_initial = not sentence[:start].strip(" \"'“‘«([")
    if word[0].isupper() and not sentence_initial:
        common = zipf is not None and (zipf >= COMMON_ZIPF or
                                       (language in CAPITALISED_NOUNS and zipf >= NOUN_ZIPF))
        if common:
            return None
        return "name"
    if zipf is not None and zipf < RARE_ZIPF:
        return "name" if word[0].isupper() else "term"
    return None


class _SpanMap:
    """Maps a span of the sentence with number words turned into digits back onto the sentence."""

    def __init__(self, original: str, converted: str) -> None:
        self.same = original == converted
        self.blocks = [] if self.same else \
            difflib.SequenceMatcher(None, original, converted, autojunk=False).get_opcodes()

    def position(self, converted_position: int, end: bool) -> int:
        if self.same:
            return converted_position
        for _, a_start, a_end, b_start, b_end in self.blocks:
            if b_start <= converted_position < b_end or (end and converted_position == b_end):
                if a_end - a_start == b_end - b_start:
                    return a_start + converted_position - b_start
                return a_end if end else a_start
        return converted_position

    def fact_in(self, sentence: str, fact: Fact) -> Fact:
        start, end = self.position(fact.start, False), self.position(fact.end, True)
        while start > 0 and _SPELLED.match(sentence[start - 1]):  # number words map back to whole words
            start -= 1
        while end < len(sentence) and _SPELLED.match(sentence[end]):
            end += 1
        return Fact(sentence[start:end], fact.kind, start, end, fact.keys)
