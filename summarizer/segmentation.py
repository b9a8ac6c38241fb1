"""Split text into sentences and count words, in any language, with no data download."""

from __future__ import annotations

import re

import regex
import sentencex

from .languages import UNSPACED

# One word per ideograph/kana/Thai-like character, otherwise runs of word characters.
_UNSPACED_CHAR = (r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK
                  r"\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Burmese, Khmer
_UNSPACED_RE = re.compile(_UNSPACED_CHAR)
# Letters with their combining marks (Devanagari vowel signs, Arabic harakat, decomposed accents) and digits.
SPACED_WORD = r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*"
_WORD = regex.compile(rf"{_UNSPACED_CHAR}|{SPACED_WORD}")


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Sentences in order, stripped; paragraphs never merge into one sentence."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-•*]\s)", text):
        paragraph = re.sub(r"\s*\n\s*", sentence_separator(language), paragraph.strip())
        if not paragraph:
            continue
        for sentence in sentencex.segment(language or "en", paragraph):
            sentence = sentence.strip()
            if sentence:
                sentences.append(sentence)
    return sentences


def words(text: str) -> list[str]:
    """Words as a reader counts them: CJK and similar scripts give one per character."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    return len(words(text))


def length_label(count: int, language: str | None) -> str:
    """"1,234 words", or "1,234 characters" in scripts written without spaces, where that is what
    `count_words` counts and what readers of those languages measure text in."""
    return f"{count:,} {'characters' if language in UNSPACED else 'words'}"


def content_terms(text: str) -> list[str]:
    """Lower-cased words, with adjacent CJK characters paired (single ideographs carry little meaning)."""
    terms: list[str] = []
    previous_unspaced = ""
    for word in words(text.lower()):
        if len(word) == 1 and _UNSPACED_RE.match(word):
            if previous_unspaced:
                terms.append(previous_unspaced + word)
            previous_unspaced = word
        else:
            terms.append(word)
            previous_unspaced = ""
    return terms


def sentence_separator(language: str | None) -> str:
    return "" if language in UNSPACED else " "


def join_sentences(sentences: list[str], language: str | None) -> str:
    return sentence_separator(language).join(sentences)
