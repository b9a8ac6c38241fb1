"""Spelled-out numbers as digits, so "forty thousand", "сорок тысяч", "أربعين ألف" and "四万" compare with
"40,000". text2num reads the languages it covers; Russian, Ukrainian, Arabic, Chinese and Japanese
numerals are read here from small tables (cardinals with their case forms).
"""

from __future__ import annotations

from functools import lru_cache

import regex

TEXT2NUM_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "nl", "da", "it"})
# Plural indefinite articles that text2num reads as "one": "unos nueve mil" is about 9,000, not 1 and 9,000;
# and a scale word after a vague quantifier, which states no number: "mehrere Millionen", "several million".
_NOT_ONE = regex.compile(
    r"(?<!\p{L})(unos|unas|uns|umas|(?:several|many|some|mehrere|einige|viele|plusieurs|quelques|varios|varias|"
    r"muchos|muchas|vari|varie|alcuni|alcune|molti|molte|vários|várias|alguns|algumas|muitos|muitas|enkele|"
    r"meerdere|flere|mange)\s+(?:hundreds?|thousands?|millions?|billions?|hunderte?|tausende?|millionen|"
    r"milliarden?|milliers?|milliards?|millones|millares|miles|milioni|miliardi|migliaia|milhões|milhares|"
    r"bilhões|miljoen(?:en)?|duizenden|honderden))(?!\p{L})", regex.IGNORECASE)

# Values are whole numbers except "полтора" (one and a half), written back with a decimal comma.
_RUSSIAN: dict[float, str] = {
    1: "один одна одно одного одной одному одним одном", 2: "два две двух двум двумя",
    3: "три трёх трех трём трем тремя", 4: "четыре четырёх четырех четырём четырем четырьмя",
    5: "пять пяти пятью", 6: "шесть шести шестью", 7: "семь семи семью", 8: "восемь восьми восемью",
    9: "девять девяти девятью", 10: "десять десяти десятью", 11: "одиннадцать одиннадцати",
    12: "двенадцать двенадцати", 13: "тринадцать тринадцати", 14: "четырнадцать четырнадцати",
    15: "пятнадцать пятнадцати", 16: "шестнадцать шестнадцати", 17: "семнадцать семнадцати",
    18: "восемнадцать восемнадцати", 19: "девятнадцать девятнадцати", 20: "двадцать двадцати",
    30: "тридцать тридцати", 40: "сорок сорока", 50: "пятьдесят пятидесяти", 60: "шестьдесят шестидесяти",
    70: "семьдесят семидесяти", 80: "восемьдесят восьмидесяти", 90: "девяносто девяноста",
    100: "сто ста", 200: "двести двухсот", 300: "триста трёхсот трехсот", 400: "четыреста четырёхсот "
    "четырехсот", 500: "пятьсот пятисот", 600: "шестьсот шестисот", 700: "семьсот семисот",
    800: "восемьсот восьмисот", 900: "девятьсот девятисот",
    1.5: "полтора полторы полутора", 1_000: "тысяча тысячи тысяч тысячу тысячам тысячами тысячах",
    1_000_000: "миллион миллиона миллионов "
    "миллионы миллионам", 1_000_000_000: "миллиард миллиарда миллиардов",
}
_UKRAINIAN: dict[float, str] = {
    1: "один одна одне одного однієї", 2: "два дві двох", 3: "три трьох", 4: "чотири чотирьох",
    5: "п'ять п’ять п'яти п’яти", 6: "шість шести", 7: "сім семи", 8: "вісім восьми",
    9: "дев'ять дев’ять дев'яти дев’яти", 10: "десять десяти", 11: "одинадцять одинадцяти",
    12: "дванадцять дванадцяти", 15: "п'ятнадцять п’ятнадцять", 20: "двадцять двадцяти",
    30: "тридцять тридцяти", 40: "сорок сорока", 50: "п'ятдесят п’ятдесят", 60: "шістдесят",
    70: "сімдесят", 80: "вісімдесят", 90: "дев'яносто дев’яносто", 100: "сто ста", 200: "двісті",
    300: "триста", 400: "чотириста", 500: "п'ятсот п’ятсот", 1.5: "півтора півтори півтори",
    1_000: "тисяча тисячі тисяч тисячу",
    1_000_000: "мільйон мільйона мільйонів", 1_000_000_000: "мільярд мільярда мільярдів",
}
_ARABIC = {
    1: "واحد واحدة", 2: "اثنان اثنين اثنتان اثنتين", 3: "ثلاث ثلاثة", 4: "أربع أربعة", 5: "خمس خمسة",
    6: "ست ستة", 7: "سبع سبعة", 8: "ثمان ثماني ثمانية", 9: "تسع تسعة", 10: "عشر عشرة",
    20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين", 50: "خمسون خمسين", 60: "ستون ستين",
    70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين", 100: "مئة مائة", 200: "مئتان مئتين مئتي "
    "مائتان مائتين مائتي", 300: "ثلاثمئة ثلاثمائة", 400: "أربعمئة أربعمائة", 500: "خمسمئة خمسمائة",
    600: "ستمئة ستمائة", 700: "سبعمئة سبعمائة", 800: "ثمانمئة ثمانمائة", 900: "تسعمئة تسعمائة",
    1_000: "ألف آلاف", 2_000: "ألفان ألفين ألفي", 1_000_000: "مليون ملايين", 1_000_000_000: "مليار مليارات",
}
_SCALE_VALUES = frozenset({1_000, 1_000_000, 1_000_000_000})  # these multiply what comes before them
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1_000}
_CJK_SCALES = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CJK_RUN = regex.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
# Whole digits with CJK units: "1万3千" (13,000), "2亿5000万", "3千"; "1.5万" is left to the number pattern.
_MIXED_RUN = regex.compile(r"(?<![\d.,])\d+[十百千万萬亿億](?:\d+[十百千万萬亿億]?)*")
# A lone numeral counts only before a measure word: "一些" (some) and "统一" (unify) are not numbers.
_CJK_MEASURES = "台天名个個年月日人次岁歲家座条條位种種项項倍元米公里周週辆輛架只隻艘所件份本张張"


def spelled_to_digits(text: str, language: str | None) -> str:
    """`text` with the language's number words replaced by digits (unchanged where none are known)."""
    if language in TEXT2NUM_LANGUAGES:
        from text_to_num import alpha2digit

        pieces = _NOT_ONE.split(text)
        return "".join(p if i % 2 else alpha2digit(p, language) for i, p in enumerate(pieces))
    if language in ("zh", "ja"):
        return _CJK_RUN.sub(_cjk_number, text)
    table = _word_table(language)
    if not table:
        return text

    def digits(match: regex.Match) -> str:
        words = match.group().split()
        after_digits = regex.search(r"\d\s?$", text[:match.start()])
        if after_digits and all(table.get(w) in _SCALE_VALUES for w in words):
            return match.group()  # "12 тысяч", "60 ألف": a scale word the number pattern reads
        return _words_value(match.group(), table, language)

    return _spelled_runs(language).sub(digits, text)


@lru_cache(maxsize=8)
def _word_table(language: str | None) -> dict[str, float]:
    source = {"ru": _RUSSIAN, "uk": _UKRAINIAN, "ar": _ARABIC}.get(language or "", {})
    return {form: value for value, forms in source.items() for form in forms.split()}


@lru_cache(maxsize=8)
def _spelled_runs(language: str | None) -> regex.Pattern:
    """Runs of number words, joined by spaces and, in Arabic, by the prefixed "و" (and)."""
    forms = "|".join(sorted((regex.escape(f) for f in _word_table(language)), key=len, reverse=True))
    joiner = r"\s+(?:و\s?)?" if language == "ar" else r"\s+"
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{forms})(?:{joiner}(?:{forms}))*(?![\p{{L}}\p{{M}}])")


def _words_value(run: str, table: dict[str, float], language: str | None) -> str:
    total = current = 0.0
    for word in regex.findall(r"[\p{L}\p{M}'’]+", run):
        if language == "ar" and word not in table and word.startswith("و"):
            word = word[1:]
        value = table.get(word)
        if value is None:
            continue
        if value in _SCALE_VALUES:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    value = total + current
    return str(int(value)) if value == int(value) else f"{value:g}".replace(".", ",")


def cjk_digit_units(text: str) -> str:
    """"1万3千" -> "13000": read before scales and numerals, which would take "1万" and "千" apart."""
    return _MIXED_RUN.sub(_mixed_number, text)


def _mixed_number(match: regex.Match) -> str:
    parts = [(int(digits), unit) for digits, unit in regex.findall(r"(\d+)([十百千万萬亿億]?)", match.group())]
    return str(_sections([(digits, _CJK_UNITS.get(unit), _CJK_SCALES.get(unit)) for digits, unit in parts]))


def _sections(parts: list[tuple[int, int | None, int | None]]) -> int:
    """(digit, unit, scale) in order: units (十百千) multiply their digit within a section, scales (万亿)
    the sections before them ("一亿两千万": 亿 scales all before it, 万 only its own section)."""
    total = section = largest = 0
    for digit, unit, scale in parts:
        if unit:
            section += (digit or 1) * unit
        elif scale:
            section += digit
            if scale > largest:
                total, largest = (total + section) * scale, scale
            else:
                total += section * scale
            section = 0
        else:
            section += digit
    return total + section


def _cjk_number(match: regex.Match) -> str:
    run = match.group()
    following = match.string[match.end():match.end() + 1]
    if len(run) == 1 and run not in _CJK_SCALES and following not in _CJK_MEASURES and \
            not following.isdigit():
        return run
    if all(ch in _CJK_SCALES for ch in run):
        return run  # "万" alone after digits is a scale word the number pattern reads
    parts: list[tuple[int, int | None, int | None]] = []
    digit = 0
    for ch in run:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        else:
            parts.append((digit, _CJK_UNITS.get(ch), _CJK_SCALES.get(ch)))
            digit = 0
    return str(_sections(parts + [(digit, None, None)]))
