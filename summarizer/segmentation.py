"""Split text into sentences and count words, in any language, with no data download."""

from __future__ import annotations

import re

import sentencex

from .languages import UNSPACED

# One word per ideograph/kana/Thai-like character, otherwise runs of word characters.
_UNSPACED_CHAR = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]"
_WORD = re.compile(rf"{_UNSPACED_CHAR}|[^\W_]+(?:['’\-][^\W_]+)*")


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Sentences in order, stripped; paragraphs never merge into one sentence."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-•*]\s)", text):
        joiner = "" if language in UNSPACED else " "
        paragraph = re.sub(r"\s*\n\s*", joiner, paragraph.strip())
        if not paragraph:
            continue
        for sentence in sentencex.segment(language or "en", paragraph):
            sentence = sentence.strip()
            if sentence:
                sentences.append(sentence)
    return sentences


def count_words(text: str) -> int:
    """Words as a reader counts them: CJK and similar scripts count one per character."""
    return len(_WORD.findall(text))


def sentence_separator(language: str | None) -> str:
    return "" if language in UNSPACED else " "


def join_sentences(sentences: list[str], language: str | None) -> str:
    return sentence_separator(language).join(sentences)
