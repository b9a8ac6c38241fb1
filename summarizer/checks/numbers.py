"""Numbers as facts: "40,000", "40 000", "forty thousand" and "40k" are one number, and "1,500" is 1500
in English but 1.5 in German (each language's decimal mark)."""

from __future__ import annotations

import unicodedata

import regex

from summarizer.checks.number_words import TEXT2NUM_LANGUAGES, cjk_digit_units, spelled_to_digits

NUMBER_WORD_LANGUAGES = TEXT2NUM_LANGUAGES | {"ru", "uk", "ar", "zh", "ja"}  # see number_words.py
# Languages that write decimals with a point only: there "6,000" is six thousand, never six.
DECIMAL_POINT_LANGUAGES = frozenset({"en", "zh", "ja", "ko", "hi", "th", "he", "ga"})
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
# Words that make a number a percentage, in the languages the page offers (one word or several).
PERCENT_WORDS = ("%", "percent", "per cent", "pct", "prozent", "pour cent", "por ciento", "per cento",
                 "por cento", "процент", "процента", "процентов", "відсоток", "відсотки", "відсотків", "प्रतिशत",
                 "بالمئة", "بالمائة", "المئة", "المائة")
_SCALE_WORDS = "|".join(sorted((regex.escape(w) for w in _SCALES), key=len, reverse=True))
NUMBER = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\d])"
    r"(?P<digits>\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|"  # Indian grouping: "50,00,000" is five million
    r"\d{1,3}(?:(?:,\s?|[\u00a0\u202f\u2009 .'])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?:st|nd|rd|th)\b)?"
    rf"(?:\s?(?P<scale>{_SCALE_WORDS})(?![\p{{Latin}}\p{{Cyrillic}}]))?", regex.IGNORECASE)


def ascii_digits(text: str) -> str:
    """Every script's decimal digits as 0-9, one character for one, so positions stay the same."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
                   for ch in text)


def values(digits: str, scale: str | None, language: str | None) -> set[float]:
    """Every value a written number can mean: "1,500" is 1500 in English and 1.5 in German."""
    compact = regex.sub(r"[\s\u00a0\u202f\u2009']", "", digits.replace(", ", ","))
    candidates: set[float] = set()
    if regex.fullmatch(r"\d{1,2}(,\d{2})+,\d{3}", compact):
        compact = compact.replace(",", "")
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


def number_key(value: float) -> str:
    return f"n:{value:g}"


def digit_readings(text: str, language: str | None) -> list[str]:
    """The text with script digits as 0-9, and, where text2num reads the language, number words too."""
    digits = ascii_digits(text)
    spelled = numbers_in_digits(digits, language)
    return [digits] if spelled == digits else [digits, spelled]


def numbers_in_digits(text: str, language: str | None) -> str:
    """"48 million" -> "48000000" and number words as digits ("forty thousand", "сорок тысяч" -> "40000").
    Scaled numbers go first: text2num would turn "48 million" into "48 1000000"."""
    if language not in NUMBER_WORD_LANGUAGES:
        return text

    def expanded(match: regex.Match) -> str:
        if not match["scale"]:
            return match.group()
        return f"{max(values(match['digits'], match['scale'], language)):.0f}"

    if language in ("zh", "ja"):
        text = cjk_digit_units(text)
    return spelled_to_digits(NUMBER.sub(expanded, text), language)
