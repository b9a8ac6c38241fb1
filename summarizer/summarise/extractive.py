"""Extractive summaries: whole sentences from the article, in article order, with no model download.

Sentences are scored by how central they are to the article: cosine to the article's centroid, with each
term weighted by how rare it is in its language in general (wordfreq), so "said" or "the" count for
little in any language wordfreq covers; elsewhere rarity within the article stands in. The score leans
towards the lead, where news puts its substance. Sentences are then picked greedily into a word budget
(`lengths.word_budget`), never two that say the same thing, and never one that opens with "He" or "But"
without the sentence it points back to.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from summarizer.summarise.lengths import is_already_short, word_budget
from summarizer.summarise.sentence_roles import can_stand_alone, opens_dangling, without_dateline
from summarizer.text.article import Article
from summarizer.text.segmentation import content_terms, count_words, join_sentences
from summarizer.text.similarity import (
    Vector,
    centroid,
    cosine,
    inverse_document_frequency,
    weighted_vectors,
)
from summarizer.text.word_frequency import covers, zipf

LEAD_WEIGHT = 0.25     # how much the position prior counts against centrality
LEAD_DECAY = 6.0       # candidates: the prior falls to 1/e after this many
REDUNDANCY = 0.5       # MMR penalty for overlap with sentences already picked
NEAR_DUPLICATE = 0.5   # cosine above which a sentence repeats one already picked and is never added
OVERSHOOT = 1.15       # a last sentence may take the summary this far past its budget
WORD_TARGET_OVERSHOOT = 1.2  # ...or past a reader's word target: within 20 % of it
ZIPF_CEILING = 8.0     # wordfreq's most common words ("the") sit just under 8
SHORT_ARTICLE_SENTENCES = 2  # an article that is already short gives a sentence or two


@dataclass(frozen=True)
class ExtractiveSummary:
    text: str
    sentence_indices: tuple[int, ...]
    sentences: tuple[str, ...]
    already_short: bool  # the article is short enough that a sentence or two is all a summary can be


def summarise_extractive(article: Article, length: str = "medium", words: int | None = None) -> ExtractiveSummary:
    """`words`: a target length in words (characters in unspaced scripts) in place of the preset's."""
    language = article.language
    article_words = article.word_count
    already_short = is_already_short(article_words, language)
    budget = words if words is not None else word_budget(length, article_words, language)
    chosen = pick_sentences(article, budget, SHORT_ARTICLE_SENTENCES if already_short and words is None else None,
                            target=words is not None)
    picked = tuple(without_dateline(article.segments[i].text) for i in chosen)
    return ExtractiveSummary(join_sentences(list(picked), language), tuple(chosen), picked, already_short)


def pick_sentences(article: Article, budget: int, most: int | None = None, target: bool = False) -> list[int]:
    """Indices of the sentences to keep (at most `most`), in article order; deterministic (ties go to the
    earlier one). `target`: the budget is a reader's word target, which the first sentence must respect
    too where any can (a 40-word lead is no 15-word summary)."""
    overshoot = WORD_TARGET_OVERSHOOT if target else OVERSHOOT
    language = article.language
    segments = article.segments
    candidates = [i for i, s in enumerate(segments) if can_stand_alone(s, language)]
    if not candidates:  # a list, or a text of fragments: better its lines than nothing
        candidates = list(range(len(segments)))
    if not candidates:
        return []
    sizes = [count_words(s.text) for s in segments]
    vectors = _term_vectors([s.text for s in segments], language)
    scores = _scores(candidates, vectors)
    dangling = {i for i in candidates if opens_dangling(segments[i].text, language)}
    chosen: list[int] = []
    used = 0
    fitting = target
    while True:
        options = []
        for i in candidates:
            if i in chosen:
                continue
            unit = _unit(i, dangling, set(candidates), chosen)
            if unit is None:
                continue
            cost = sum(sizes[j] for j in unit)
            if (chosen or fitting) and used + cost > overshoot * budget:
                continue
            overlap = max((cosine(vectors[j], vectors[k]) for j in unit for k in chosen), default=0.0)
            if overlap > NEAR_DUPLICATE:
                continue
            options.append((scores[i] - REDUNDANCY * overlap, -i, unit, cost))
        if not options and fitting and not chosen:
            fitting = False  # no sentence is that short: the best one, whatever its length
            continue
        if not options:
            break
        *_, unit, cost = max(options)
        chosen.extend(unit)
        used += cost
        if used >= budget or (most is not None and len(chosen) >= most):
            break
    return sorted(chosen[:most] if most is not None else chosen)


def _unit(index: int, dangling: set[int], candidates: set[int], chosen: list[int]) -> list[int] | None:
    """The sentence, with its predecessor when it points back at it; None when that cannot be had."""
    if index not in dangling:
        return [index]
    previous = index - 1
    if previous in chosen:
        return [index]
    if previous not in candidates or (previous in dangling and previous - 1 not in chosen):
        return None
    return [previous, index]


def _term_vectors(sentences: list[str], language: str | None) -> list[Vector]:
    terms = [content_terms(s) for s in sentences]
    return weighted_vectors(terms, term_weight(terms, language))


def term_weight(terms: list[list[str]], language: str | None) -> Callable[[str], float]:
    """General rarity in the language where wordfreq knows it, rarity within the article otherwise."""
    if not covers(language):
        return inverse_document_frequency(terms)
    known: dict[str, float] = {}

    def weight(term: str) -> float:
        if term not in known:
            frequency = zipf(term, language)
            known[term] = max(0.0, ZIPF_CEILING - (frequency or 0.0)) / ZIPF_CEILING
        return known[term]

    return weight


def _scores(candidates: list[int], vectors: list[Vector]) -> dict[int, float]:
    center = centroid([vectors[i] for i in candidates])
    centrality = {i: cosine(vectors[i], center) for i in candidates}
    top = max(centrality.values()) or 1.0
    return {i: (1 - LEAD_WEIGHT) * centrality[i] / top + LEAD_WEIGHT * math.exp(-rank / LEAD_DECAY)
            for rank, i in enumerate(candidates)}
