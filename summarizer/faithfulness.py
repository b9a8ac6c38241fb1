"""Where each summary sentence comes from, and which facts in it the source does not contain.

Alignment uses TF-IDF overlap with the source sentences rather than a sentence-embedding model: the one
embedding model installable offline (all-MiniLM-L6-v2) is English-only, and overlap works in every
language the splitter handles. Names are found by capital letters, so in scripts without case
(Arabic, CJK, Devanagari) only numbers are checked.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from .segmentation import content_terms, words
from .similarity import cosine, tfidf_vectors

MIN_SUPPORT = 0.12       # below this cosine, a source sentence is not evidence
SECOND_SOURCE = 0.6      # a second source sentence counts if it scores this share of the best one
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")


@dataclass(frozen=True)
class SentenceSupport:
    sentence: str
    sources: tuple[int, ...]
    scores: tuple[float, ...]
    source_sentences: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UnsupportedFact:
    text: str
    kind: str  # "number" or "name"
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def align_support(summary_sentences: list[str], source_sentences: list[str]) -> list[SentenceSupport]:
    """For each summary sentence, the one or two source sentences it rests on (none if nothing fits)."""
    source_terms = [content_terms(s) for s in source_sentences]
    vectors = tfidf_vectors(source_terms, [content_terms(s) for s in summary_sentences])
    source_vectors, summary_vectors = vectors[:len(source_sentences)], vectors[len(source_sentences):]
    supports = []
    for sentence, vector in zip(summary_sentences, summary_vectors):
        ranked = sorted(((cosine(vector, v), i) for i, v in enumerate(source_vectors)),
                        key=lambda pair: (-pair[0], pair[1]))
        best = ranked[0][0] if ranked else 0.0
        kept = [(s, i) for s, i in ranked[:2]
                if s >= MIN_SUPPORT and (i == ranked[0][1] or s >= SECOND_SOURCE * best)]
        supports.append(SentenceSupport(sentence, tuple(i for _, i in kept),
                                        tuple(round(s, 3) for s, _ in kept),
                                        tuple(source_sentences[i] for _, i in kept)))
    return supports


def normalise_number(token: str) -> str:
    """'1,200' and '1200' match; '3.5' keeps its decimal point; European '1.200' matches '1200'."""
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", token):
        return re.sub(r"[.,]", "", token)
    return token.replace(",", ".")


def find_unsupported(summary_sentences: list[str], source: str) -> list[UnsupportedFact]:
    """Numbers, dates and capitalised names in the summary that never occur in the source."""
    source_numbers = {normalise_number(n) for n in _NUMBER.findall(source)}
    source_words = {w.lower() for w in words(source)}
    facts: list[UnsupportedFact] = []
    for index, sentence in enumerate(summary_sentences):
        for number in _NUMBER.findall(sentence):
            if normalise_number(number) not in source_numbers:
                facts.append(UnsupportedFact(number, "number", index))
        tokens = words(sentence)
        for position, token in enumerate(tokens):
            if not token[0].isupper() or token.lower() in source_words:
                continue
            # A capitalised first word is usually just the start of the sentence, unless a name follows.
            if position == 0 and not (len(tokens) > 1 and tokens[1][:1].isupper()):
                continue
            facts.append(UnsupportedFact(token, "name", index))
    return facts
