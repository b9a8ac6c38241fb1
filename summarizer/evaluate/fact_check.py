"""How well the fact check tells faithful summaries from altered ones, on labelled cases.

A summary counts as flagged when any of its sentences is "partly" supported or "not found" (one left
unchecked, in another language than its article, is not flagged). Cases are
JSON lines: articles ({"id", "language", "article"}) and summaries of them ({"article_id", "summary",
"consistent", "kind"}), as in `summarizer/data/consistency_cases.jsonl`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.checks.entailment import EntailmentModel, entailment_scores
from summarizer.checks.faithfulness import NOT_FOUND, PARTLY, check_summary, with_entailment
from summarizer.evaluate.json_lines import read_json_lines
from summarizer.text.article import Article
from summarizer.text.segmentation import split_sentences

DeepCheck = Callable[[str | None], EntailmentModel]  # the deep check's model for an article's language


@dataclass(frozen=True)
class Case:
    article: Article
    summary: str
    consistent: bool
    kind: str


@dataclass
class Tally:
    faithful: int = 0
    altered: int = 0
    false_alarms: int = 0  # faithful summaries flagged
    caught: int = 0        # altered summaries flagged

    def add(self, consistent: bool, flagged: bool) -> None:
        if consistent:
            self.faithful += 1
            self.false_alarms += flagged
        else:
            self.altered += 1
            self.caught += flagged

    @property
    def recall(self) -> float | None:
        return self.caught / self.altered if self.altered else None

    @property
    def precision(self) -> float | None:
        flagged = self.caught + self.false_alarms
        return self.caught / flagged if flagged else None

    @property
    def balanced_accuracy(self) -> float | None:
        if not (self.altered and self.faithful):
            return None
        return (self.caught / self.altered + 1 - self.false_alarms / self.faithful) / 2

    def to_dict(self) -> dict[str, float | int | None]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        return {"faithful": self.faithful, "altered": self.altered, "false_alarms": self.false_alarms,
                "caught": self.caught, "recall": rounded(self.recall), "precision": rounded(self.precision),
                "balanced_accuracy": rounded(self.balanced_accuracy)}


def read_cases(path: str | Path) -> list[Case]:
    """Articles, each followed by the labelled summaries of it."""
    articles: dict[str, Article] = {}

    def case(row: dict[str, Any]) -> Case | None:
        if "article" in row:
            articles[str(row["id"])] = Article.read(str(row["article"]), row.get("language"))
            return None
        return Case(articles[str(row["article_id"])], str(row["summary"]), bool(row["consistent"]),
                    str(row.get("kind", "")))

    return read_json_lines(path, case, 'an article {"id", "language", "article"} or a case '
                                       '{"article_id", "summary", "consistent"} given after its article',
                           "cases")


def is_flagged(case: Case, deep: DeepCheck | None = None) -> bool:
    sentences = split_sentences(case.summary, case.article.language)
    support, unsupported = check_summary(sentences, case.article)
    if deep is not None:
        model = deep(case.article.language)
        support = with_entailment(support, unsupported, entailment_scores(sentences, case.article, model),
                                  case.article.sentences)
    return any(item.verdict in (PARTLY, NOT_FOUND) for item in support)


def evaluate_check(cases: list[Case], deep: DeepCheck | None = None
                   ) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """Tallies by language (with "all") and by kind of case."""
    by_language: defaultdict[str, Tally] = defaultdict(Tally)
    by_kind: defaultdict[str, Tally] = defaultdict(Tally)
    for case in cases:
        flagged = is_flagged(case, deep)
        for tally in (by_language[case.article.language or "?"], by_language["all"], by_kind[case.kind]):
            tally.add(case.consistent, flagged)
    return dict(by_language), dict(by_kind)
