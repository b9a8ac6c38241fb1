"""Names and rare terms as facts: a word of the summary the article lacks, folded so that "Özil" and
"Ozil", "Al Thani" and "Al-Thani", "U.S." and "US" agree, and counted as written or by its lemma
(simplemma); whether it is a name or a term, by how common it is in its language (wordfreq)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from summarizer.loaded_once import loaded_once
from summarizer.text.segmentation import SPACED_WORD
from summarizer.text.word_frequency import zipf as word_zipf

CAPITALISED_NOUNS = frozenset({"de", "lb"})  # languages that write every noun with a capital
RARE_ZIPF = 3.0     # a word used less than about once per million words is a rare term
COMMON_ZIPF = 6.0   # "The", "Le", "Der": capitalised function words are never names
NOUN_ZIPF = 3.5     # in German a capitalised word this common is an ordinary noun

_ACRONYM = regex.compile(r"(?<![\p{L}])(?:\p{Lu}\.){2,}")
# Accents and Arabic vowel marks go; the vowel signs of Indic scripts are letters ("ने" is not "न").
_ACCENT = regex.compile(r"(?<=[\p{Latin}\p{Greek}\p{Cyrillic}\p{Arabic}\p{Hebrew}]\p{M}*)\p{M}")
_POSSESSIVE = regex.compile(r"['’]s?$")
_WORD = regex.compile(SPACED_WORD)


def fold(word: str) -> str:
    """Case, accents and Unicode forms folded: "ÖZIL", "Özil" and "Ozil" (decomposed or not) agree."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word).casefold())
    return unicodedata.normalize("NFC", _ACCENT.sub("", decomposed)).replace("’", "'")


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Words with their spans; dotted acronyms ("U.S.") count as one word ("US")."""
    taken: list[tuple[int, int]] = []
    for match in _ACRONYM.finditer(text):
        taken.append(match.span())
        yield match.start(), match.end(), match.group().replace(".", "")
    for match in _WORD.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            yield match.start(), match.end(), match.group()


def without_possessive(word: str) -> str:
    """"Achebe's" and "drivers'" as "Achebe" and "drivers"."""
    return _POSSESSIVE.sub("", word)


def same_word(a: str, b: str) -> bool:
    """Keys of one word: equal, or one a short inflection of the other ("зуев", "зуева")."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 2


def word_keys(word: str) -> set[str]:
    """A word folded, and for "Al-Thani" its parts and "althani" too, for "Osei's" "osei"."""
    folded = fold(word)
    keys = {folded, folded.replace("-", "").replace("'", ""), without_possessive(folded)}
    if "-" in folded:
        keys.update(folded.split("-"))
    return keys


def lemma_of(word: str, language: str | None) -> str | None:
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


def next_to_a_known_name(spans: list[tuple[int, int, str]], index: int, sentence: str,
                         names: frozenset[str]) -> bool:
    """Whether a capitalised neighbour, with only a space between, is a word of the article: then this
    word is part of a name the article spells differently, even if it is a common word."""
    for other in (index - 1, index + 1):
        if not 0 <= other < len(spans):
            continue
        first, second = sorted((spans[index], spans[other]))
        neighbour = spans[other][2]
        if sentence[first[1]:second[0]].strip() == "" and neighbour[0].isupper() and \
                word_keys(neighbour) & names:
            return True
    return False


def can_be_a_name(word: str, language: str | None, capitalised: bool = True) -> bool:
    """No function word, nor, where German capitalises it, an ordinary noun: such a word is no name."""
    zipf = _zipf_with_lemma(word, language)
    nouns_capitalised = capitalised and language in CAPITALISED_NOUNS
    return zipf is None or zipf < (NOUN_ZIPF if nouns_capitalised else COMMON_ZIPF)


def is_rare_for_a_name(word: str, language: str | None) -> bool:
    """A word no more common than many surnames ("osei", "reyna"; not "warned"), its lemma counted too:
    in a lower-cased summary such a word, new to the article, is taken for a name."""
    zipf = _zipf_with_lemma(word, language)
    return zipf is None or zipf < NOUN_ZIPF


def _zipf_with_lemma(word: str, language: str | None) -> float | None:
    """A word is as common as its lemma: "débuteront" is a rare form of the common "débuter"."""
    zipf = word_zipf(word.lower(), language)
    lemma = lemma_of(word.lower(), language)
    if zipf is not None and lemma and lemma != word.lower():
        zipf = max(zipf, word_zipf(lemma, language) or 0.0)
    return zipf


def _sentence_initial(start: int, sentence: str) -> bool:
    return not sentence[:start].strip(" \"'“‘«([")


def is_common_opener(word: str, start: int, sentence: str, language: str | None) -> bool:
    """"Under", "Selon": a common word capitalised only because the sentence starts with it."""
    zipf = word_zipf(word.lower(), language)
    return _sentence_initial(start, sentence) and zipf is not None and zipf >= RARE_ZIPF


def word_kind(word: str, start: int, sentence: str, language: str | None) -> str | None:
    """"name" for a capitalised word that is no common word, "term" for a rare word; None otherwise."""
    sentence_initial = _sentence_initial(start, sentence)
    if word[0].isupper() and not sentence_initial:
        return "name" if can_be_a_name(word, language) else None
    zipf = _zipf_with_lemma(word, language)
    if zipf is not None and zipf < RARE_ZIPF:
        return "name" if word[0].isupper() else "term"
    return None
