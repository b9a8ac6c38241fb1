"""ROUGE-1/2/L of a summariser against reference summaries, beside the Lead-3 baseline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from summarizer.evaluate.json_lines import read_json_lines
from summarizer.text.segmentation import TEXT, join_sentences, split_segments, split_sentences, words

METRICS = ("rouge1", "rouge2", "rougeL")


class _UnicodeTokenizer:
    """rouge-score's default keeps only [a-z0-9], scoring any non-Latin text 0 (evaluate#256)."""

    def tokenize(self, text: str) -> list[str]:
        return words(text.lower())


@dataclass(frozen=True)
class Pair:
    article: str
    reference: str


def read_pairs(path: str | Path) -> list[Pair]:
    """One JSON object a line with "article" and "reference"."""
    return read_json_lines(path, lambda row: Pair(str(row["article"]), str(row["reference"])),
                           '{"article": ..., "reference": ...}', "article/reference pairs")


def intro_as_reference(pairs: list[Pair], language: str | None = None) -> list[Pair]:
    """The way XSum was made from BBC pages: the article's introductory sentence (the first one that is no
    heading) becomes the reference, and the article loses it."""
    made = []
    for pair in pairs:
        segments = split_segments(pair.article, language)
        intro = next((s.text for s in segments if s.kind == TEXT), None)
        if intro:
            made.append(Pair(pair.article.replace(intro, "", 1).strip(), intro))
    return made


def lead_3(article: str, language: str | None = None) -> str:
    return join_sentences(split_sentences(article, language)[:3], language)


def rouge_f1(candidate: str, reference: str) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(list(METRICS), tokenizer=_UnicodeTokenizer())
    scores = scorer.score(reference, candidate)
    return {m: scores[m].fmeasure for m in METRICS}


def evaluate(pairs: list[Pair], summarise: Callable[[str], str]) -> dict[str, dict[str, float]]:
    """Mean F1 (in percent) per metric for the summariser ("engine") and for "lead-3"."""
    totals = {"engine": dict.fromkeys(METRICS, 0.0), "lead-3": dict.fromkeys(METRICS, 0.0)}
    for pair in pairs:
        for name, candidate in (("engine", summarise(pair.article)), ("lead-3", lead_3(pair.article))):
            for metric, value in rouge_f1(candidate, pair.reference).items():
                totals[name][metric] += value
    return {name: {m: round(100 * v / len(pairs), 2) for m, v in scores.items()}
            for name, scores in totals.items()}
