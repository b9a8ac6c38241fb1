"""Language codes, names and writing direction shared by the CLI, the catalogue and the app."""

from __future__ import annotations

# ISO 639-1 (or 639-3 where no two-letter code exists) -> English name.
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "ast": "Asturian", "az": "Azerbaijani",
    "ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton",
    "bs": "Bosnian", "ca": "Catalan", "ceb": "Cebuano", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "ff": "Fula", "fi": "Finnish", "fr": "French", "fy": "Western Frisian", "ga": "Irish",
    "gd": "Scottish Gaelic", "gl": "Galician", "gu": "Gujarati", "ha": "Hausa", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "ilo": "Ilocano", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "ky": "Kyrgyz", "lb": "Luxembourgish", "lg": "Ganda",
    "ln": "Lingala", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian", "mg": "Malagasy",
    "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "ns": "Northern Sotho",
    "oc": "Occitan", "om": "Oromo", "or": "Odia", "pa": "Punjabi", "pcm": "Nigerian Pidgin",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "rn": "Kirundi", "ro": "Romanian",
    "ru": "Russian", "sd": "Sindhi", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian",
    "so": "Somali", "sq": "Albanian", "sr": "Serbian", "ss": "Swati", "su": "Sundanese",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "ti": "Tigrinya",
    "tl": "Tagalog", "tn": "Tswana", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "wo": "Wolof", "xh": "Xhosa", "yi": "Yiddish", "yo": "Yoruba",
    "zh": "Chinese", "zu": "Zulu",
    # Further languages the detector can name (py3langid), so no reader is shown a bare code.
    "ace": "Acehnese", "an": "Aragonese", "as": "Assamese", "bcl": "Central Bikol", "crh": "Crimean Tatar",
    "dz": "Dzongkha", "eo": "Esperanto", "eu": "Basque", "ext": "Extremaduran", "fo": "Faroese",
    "fuv": "Nigerian Fulfulde", "gcf": "Guadeloupean Creole", "gcr": "Guianese Creole", "gn": "Guarani",
    "gom": "Konkani", "grc": "Ancient Greek", "guw": "Gun", "hbo": "Ancient Hebrew", "kab": "Kabyle",
    "kik": "Kikuyu", "ku": "Kurdish", "la": "Latin", "lij": "Ligurian", "ltg": "Latgalian", "mt": "Maltese",
    "nso": "Northern Sotho", "qu": "Quechua", "rw": "Kinyarwanda", "sa": "Sanskrit", "se": "Northern Sami",
    "sn": "Shona", "st": "Southern Sotho", "tg": "Tajik", "tk": "Turkmen", "tt": "Tatar", "ug": "Uyghur",
    "vec": "Venetian", "vo": "Volapük", "wa": "Walloon",
}

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "sd", "ur", "yi"})

# Scripts written without spaces between words: words are counted per character there.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})
# Their characters, as ranges for a regular expression's [...]: the one table every stage uses.
IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and CJK ideographs
UNSPACED_CHARACTERS = IDEOGRAPHS + "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # + Thai, Lao,
# Burmese, Khmer. Hangul syllables are spaced into words, but a tokenizer spends about one token on each.
HANGUL_SYLLABLES = "\uac00-\ud7af"
# Of those, the ones whose sentences follow each other with no space. Thai, Lao, Khmer and Burmese put a
# space between sentences (and phrases): joined without one, two sentences read as one run of words.
SENTENCES_UNSPACED = frozenset({"zh", "ja"})
# In those scripts, characters that carry about as much as one English word (for length budgets).
CHARACTERS_PER_WORD = {"zh": 1.6, "ja": 2.0, "th": 4.0, "lo": 4.0, "km": 4.0, "my": 4.0}


def units_per_word(code: str | None) -> float:
    """How many counted units (`segmentation.words`) make one word's worth of text in this language."""
    return CHARACTERS_PER_WORD.get(code or "", 1.0)


def language_name(code: str | None) -> str:
    if code is None:
        return "unknown"
    return LANGUAGE_NAMES.get(code, code)


def is_right_to_left(code: str | None) -> bool:
    return code in RIGHT_TO_LEFT
