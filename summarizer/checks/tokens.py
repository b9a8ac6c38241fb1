"""A sentence as tokens with keys that compare across inflections, for the rules that look at how a
summary's words are put together (`relations`, `negation`, `quotes`): words in spaced scripts, single
characters in scripts written without spaces, digit runs as one token in both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from summarizer.checks.numbers import ascii_digits
from summarizer.checks.words import fold, lemma_of, without_possessive
from summarizer.languages import UNSPACED, UNSPACED_CHARACTERS
from summarizer.text.segmentation import SPACED_WORD
from summarizer.text.word_frequency import zipf

# "the", "de", "и", "的": this common, a word carries no fact of its own. Lower than words.COMMON_ZIPF
# (6.0): with that, two more faithful cases of the relation set were flagged.
FUNCTION_ZIPF = 5.8
_TOKEN = regex.compile(rf"\d+(?:[.,\u00a0\u202f]\d+)*|[{UNSPACED_CHARACTERS}]|{SPACED_WORD}")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "س")
_ARABIC_SUFFIXES = ("ات", "ون", "ين", "ها", "هم", "ة", "ه", "ا")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str        # folded lemma: "beaten" and "beat", "Achebe's" and "Achebe" agree
    content: bool   # a digit run or a word less common than a function word


def tokens(sentence: str, language: str | None) -> list[Token]:
    return list(_tokens(sentence, language))


def _tokens(sentence: str, language: str | None) -> Iterator[Token]:
    digits = ascii_digits(sentence)  # same length, so spans hold for the sentence as written
    for match in _TOKEN.finditer(digits):
        text = sentence[match.start():match.end()]
        if match.group()[0].isdigit():
            yield Token(match.start(), match.end(), text, match.group(), True)
            continue
        key = token_key(text, language)
        yield Token(match.start(), match.end(), text, key, _is_content(key, language))


@lru_cache(maxsize=65536)
def token_key(word: str, language: str | None) -> str:
    english = language in (None, "en")  # "'s" is English's possessive; elsewhere it may be a word's own
    folded = without_possessive(fold(word)) if english else fold(word)
    if language == "ar" or regex.match(r"\p{Arabic}", folded):
        return _arabic_stem(folded)
    if len(folded) == 1 or language in UNSPACED:
        return folded
    lemma = lemma_of(without_possessive(word.casefold()) if english else word.casefold(), language)
    return fold(lemma) if lemma else folded


def _arabic_stem(word: str) -> str:
    """Clitics off: "والحافلات" and "حافلة" share "حافل"."""
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=65536)
def _is_content(key: str, language: str | None) -> bool:
    frequency = zipf(key, language)
    return frequency is None or frequency < FUNCTION_ZIPF

