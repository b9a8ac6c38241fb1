"""Sparse term vectors over sentences: enough to rank and align sentences in any language."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

Vector = dict[str, float]


def weighted_vectors(term_lists: list[list[str]], weight: Callable[[str], float]) -> list[Vector]:
    """One unit-length vector per term list: log term frequency times the term's weight."""
    def vector(terms: list[str]) -> Vector:
        weights = {t: (1 + math.log(n)) * weight(t) for t, n in Counter(terms).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items() if w}

    return [vector(terms) for terms in term_lists]


def inverse_document_frequency(term_lists: list[list[str]]) -> Callable[[str], float]:
    """How rare a term is among `term_lists` (the source sentences): the weight when nothing better is
    known about the language."""
    document_frequency: Counter[str] = Counter()
    for terms in term_lists:
        document_frequency.update(set(terms))
    count = len(term_lists) or 1
    return lambda term: math.log(1 + count / (1 + document_frequency[term]))


def tfidf_vectors(term_lists: list[list[str]], extra: list[list[str]] | None = None) -> list[Vector]:
    """TF-IDF with the IDF from `term_lists`; `extra` lists (e.g. summary sentences) are vectorised with
    the same IDF and appended."""
    return weighted_vectors([*term_lists, *(extra or [])], inverse_document_frequency(term_lists))


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def centroid(vectors: list[Vector]) -> Vector:
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}
