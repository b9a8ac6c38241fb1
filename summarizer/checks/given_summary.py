"""The fact check of a summary written anywhere (another tool, a person) against its article: what the
command line's `check` and the API's `POST /check` report, computed once here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarizer.checks.faithfulness import NOT_FOUND, SentenceSupport, UnsupportedFact
from summarizer.progress import ProgressCallback, no_progress


@dataclass(frozen=True)
class CheckReport:
    language: str | None
    support: list[SentenceSupport]
    unsupported: list[UnsupportedFact]

    @property
    def all_found(self) -> bool:
        """Every sentence found in the article and none of its facts missing there."""
        return not self.unsupported and all(s.verdict != NOT_FOUND for s in self.support)

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "support": [s.to_dict() for s in self.support],
                "unsupported": [f.to_dict() for f in self.unsupported]}


def check_given_summary(source: str, summary: str, language: str | None = None, deep: bool = False,
                        on_progress: ProgressCallback = no_progress) -> CheckReport:
    """`language`: the article's (default: detected). `deep` adds the model's verdicts (downloaded on
    first use); a summary in another language is checked against the article's translation."""
    from summarizer.checks.entailment import entailment_scores
    from summarizer.checks.faithfulness import check_summary, with_entailment
    from summarizer.models.registry import load_check_model
    from summarizer.summarise.translation import article_translation
    from summarizer.text.article import Article
    from summarizer.text.language_detection import detect_language
    from summarizer.text.segmentation import split_sentences

    language = language or detect_language(source).language
    summary_sentences = split_sentences(summary, language)
    article = Article.read(source, language)
    support, unsupported = check_summary(summary_sentences, article, article_translation(on_progress))
    if deep:
        model = load_check_model(language, on_progress)
        support = with_entailment(support, unsupported, entailment_scores(summary_sentences, article, model),
                                  article.sentences)
    return CheckReport(language, support, unsupported)
