"""Split text into sentences and count words, in any language, with no data download."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex
import sentencex

from summarizer.languages import SENTENCES_UNSPACED, UNSPACED, UNSPACED_CHARACTERS, units_per_word
from summarizer.plain_words import counted

# One word per ideograph/kana/Thai-like character, otherwise runs of word characters.
_UNSPACED_CHAR = f"[{UNSPACED_CHARACTERS}]"
_UNSPACED_RE = re.compile(_UNSPACED_CHAR)
# Letters with their combining marks (Devanagari vowel signs, Arabic harakat, decomposed accents) and digits.
SPACED_WORD = r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*"
_WORD = regex.compile(rf"{_UNSPACED_CHAR}|{SPACED_WORD}")


HEADING, BULLET, TEXT = "heading", "bullet", "text"
MAX_HEADING_WORDS = 15
_SENTENCE_END = tuple(".!?…:;。！？؟।\"'”’»)")
_BULLET = re.compile(r"\s*(?:[-•*▪●–]|\d{1,2}[.)])\s+\S")


@dataclass(frozen=True)
class Segment:
    """A sentence, or a line that stands alone (a heading or a list item), with where it sits."""

    text: str
    kind: str  # text, heading or bullet
    paragraph: int


def split_segments(text: str, language: str | None = None) -> list[Segment]:
    """Sentences in order, stripped. Paragraphs never merge into one sentence, and neither does a line
    that reads as a heading (short, no closing punctuation, not continued in lower case) or a list item:
    a title pasted above the article stays apart from its first sentence."""
    segments: list[Segment] = []
    for number, block in enumerate(b for b in re.split(r"\n\s*\n", text) if b.strip()):
        lines_of_block = [line.strip() for line in block.splitlines() if line.strip()]
        for kind, lines in _line_groups(lines_of_block, language):
            joined = sentence_separator(language).join(lines)
            if kind != TEXT:
                segments.append(Segment(joined, kind, number))
                continue
            segments.extend(Segment(sentence.strip(), TEXT, number)
                            for sentence in sentencex.segment(language or "en", joined) if sentence.strip())
    return segments


def _line_groups(lines: list[str], language: str | None) -> Iterator[tuple[str, list[str]]]:
    """Lines of one paragraph grouped into headings, bullets and runs of running text."""
    typical = sorted(len(line) for line in lines)[len(lines) // 2]
    run: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _BULLET.match(line):
            kind = BULLET
        elif (not run or run[-1].endswith(_SENTENCE_END)) and _is_heading(line, following, typical, language):
            kind = HEADING
        else:
            run.append(line)
            continue
        if run:
            yield TEXT, run
            run = []
        yield kind, [line]
    if run:
        yield TEXT, run


def _is_heading(line: str, following: str | None, typical_length: int, language: str | None) -> bool:
    if line.endswith(_SENTENCE_END) or len(words(line)) > MAX_HEADING_WORDS * units_per_word(language):
        return False
    if following is None:  # a short line alone, or after a sentence, with no closing punctuation
        return True
    continued_in_lower_case = following[:1].islower()
    return not continued_in_lower_case and len(line) < 0.75 * max(typical_length, len(following))


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Sentences in order, stripped; paragraphs, headings and list items never merge into one sentence."""
    return [segment.text for segment in split_segments(text, language)]


def words(text: str) -> list[str]:
    """Words as a reader counts them: CJK and similar scripts give one per character."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    return len(words(text))


def length_label(count: int, language: str | None) -> str:
    """"1,234 words", or "1,234 characters" in scripts written without spaces, where that is what
    `count_words` counts and what readers of those languages measure text in."""
    return counted(count, "character" if language in UNSPACED else "word")


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
    return "" if language in SENTENCES_UNSPACED else " "


def join_sentences(sentences: list[str], language: str | None) -> str:
    return sentence_separator(language).join(sentences)
