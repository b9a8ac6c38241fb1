"""Sparse TF-IDF vectors over sentences: enough to rank and align sentences in any language."""

from __future__ import annotations

import math
from collections import Counter

Vector = dict[str, float]


def tfidf_vectors(term_lists: list[list[str]], extra: list[list[str]] | None = None) -> list[Vector]:
    """One unit-length vector per term list; IDF comes from `term_lists` (the source sentences).

    `extra` lists (e.g. summary sentences) are vectorised with the same IDF and appended.
    """
    document_frequency: Counter[str] = Counter()
    for terms in term_lists:
        document_frequency.update(set(terms))
    count = len(term_lists) or 1

    def vector(terms: list[str]) -> Vector:
        weights = {t: (1 + math.log(n)) * math.log(1 + count / (1 + document_frequency[t]))
                   for t, n in Counter(terms).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    return [vector(terms) for terms in [*term_lists, *(extra or [])]]


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
