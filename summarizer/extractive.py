"""Extractive summaries: whole sentences from the article, in article order, with no model download.

Sentences are scored by how central they are to the article (TF-IDF cosine to the article's centroid,
IDF from the article itself, so no stop list or stemmer is needed in any language), weighted towards
the lead where news puts its substance, and picked greedily while penalising redundancy (MMR).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .segmentation import content_terms, join_sentences, split_sentences, words
from .similarity import centroid, cosine, tfidf_vectors

# preset: (share of the article's sentences, fewest, most)
_SENTENCE_BUDGETS = {"short": (0.10, 2, 3), "medium": (0.20, 3, 6), "long": (0.35, 5, 12)}
LEAD_WEIGHT = 0.15     # how much the position prior counts against centrality
LEAD_DECAY = 8.0       # sentences: the prior falls to 1/e after this many sentences
REDUNDANCY = 0.6       # MMR penalty for overlap with sentences already chosen
MIN_WORDS = 4          # shorter "sentences" (datelines, captions) are picked only if nothing else fits


@dataclass(frozen=True)
class ExtractiveSummary:
    text: str
    sentence_indices: tuple[int, ...]
    sentences: tuple[str, ...]


def sentence_budget(preset: str, sentence_count: int) -> int:
    share, fewest, most = _SENTENCE_BUDGETS[preset]
    return min(sentence_count, max(fewest, min(most, round(share * sentence_count))))


def summarise_extractive(text: str, language: str | None, length: str = "medium",
                         max_sentences: int | None = None) -> ExtractiveSummary:
    sentences = split_sentences(text, language)
    budget = max_sentences or sentence_budget(length, len(sentences))
    chosen = sorted(rank_sentences(sentences, language, budget))
    picked = tuple(sentences[i] for i in chosen)
    return ExtractiveSummary(join_sentences(list(picked), language), tuple(chosen), picked)


def rank_sentences(sentences: list[str], language: str | None, budget: int) -> list[int]:
    """Indices of the `budget` best sentences, best first; deterministic (ties go to the earlier one)."""
    if len(sentences) <= budget:
        return list(range(len(sentences)))
    vectors = tfidf_vectors([content_terms(s) for s in sentences])
    center = centroid(vectors)
    centrality = [cosine(v, center) for v in vectors]
    top = max(centrality) or 1.0
    scores = [(1 - LEAD_WEIGHT) * c / top + LEAD_WEIGHT * math.exp(-i / LEAD_DECAY)
              for i, c in enumerate(centrality)]
    for i, sentence in enumerate(sentences):
        if len(words(sentence)) < MIN_WORDS and language not in ("zh", "ja"):
            scores[i] -= 1.0
    chosen: list[int] = []
    candidates = set(range(len(sentences)))
    while len(chosen) < budget and candidates:
        def gain(i: int) -> tuple[float, int]:
            overlap = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            return scores[i] - REDUNDANCY * overlap, -i

        best = max(candidates, key=gain)
        chosen.append(best)
        candidates.remove(best)
    return chosen
