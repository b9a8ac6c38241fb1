"""A result as a Markdown document people can paste into notes or email."""

from __future__ import annotations

from summarizer.checks.faithfulness import fact_words, is_relation
from summarizer.languages import language_name
from summarizer.plain_words import counted, duration
from summarizer.result import SummaryResult
from summarizer.summarise.formats import FORMAT_TITLES
from summarizer.text.segmentation import length_label


def to_markdown(result: SummaryResult) -> str:
    lines = [f"# {FORMAT_TITLES.get(result.format, 'Summary')} ({language_name(result.language)})", "", result.summary, ""]
    for code, text in result.translations.items():
        lines += [f"## {language_name(code)}", "", text, ""]
    for code, message in result.errors.items():
        lines += [f"> Translation into {language_name(code)} failed: {message}", ""]
    for heading, relations in (("Not found in the source", False), ("Said otherwise in the source", True)):
        facts = ", ".join(fact_words(f) for f in result.unsupported if is_relation(f) == relations)
        lines += [f"> {heading}: {facts}", ""] if facts else []
    engine = result.model or result.engine
    lines += ["---", "",
              f"{length_label(result.summary_words, result.language)} from {result.source_words:,} "
              f"({result.share_label}), {engine}, {counted(result.chunks, 'part')}, "
              f"{duration(sum(result.timings.values()))}."]
    if result.fallback_reason:
        lines.append(f"Extractive because {result.fallback_reason}")
    return "\n".join(lines) + "\n"
