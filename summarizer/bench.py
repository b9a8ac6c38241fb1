"""Speed benchmark: prints each workload's figure beside its reference and the ratio.

    python -m summarizer.bench            # table
    python -m summarizer.bench --json     # rows as JSON objects

Not a test: figures depend on the machine (its core count is printed). The README quotes the output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import resources

from .evaluation import read_pairs
from .extractive import summarise_extractive


@dataclass
class Row:
    workload: str
    unit: str
    reference: float | None
    project: float
    ratio: float | None
    note: str = ""


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def article_of(words: int) -> str:
    """A deterministic article of about `words` words, built from the bundled evaluation articles."""
    articles = [p.article for p in read_pairs(resources.files("summarizer") / "data" / "news_en.jsonl")]
    paragraphs = [p for a in articles for p in a.split("\n\n")]
    out, count, i = [], 0, 0
    while count < words:
        paragraph = paragraphs[i % len(paragraphs)]
        # Vary repeated paragraphs so the text is not one block of duplicates.
        out.append(f"Update {i // len(paragraphs)}: {paragraph}" if i >= len(paragraphs) else paragraph)
        count += len(paragraph.split())
        i += 1
    return "\n\n".join(out)


def extractive_rows(runs: int) -> list[Row]:
    rows = []
    for words, target in ((5_000, 1.0), (50_000, 5.0)):
        text = article_of(words)
        seconds = median_seconds(lambda: summarise_extractive(text, "en", "medium"), runs)
        rows.append(Row(f"extractive engine, {words:,}-word article", "s", target, round(seconds, 3),
                        round(target / seconds, 1), "reference = target time"))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m summarizer.bench", description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="runs per workload; the median is shown")
    args = parser.parse_args(argv)
    rows = extractive_rows(args.runs)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
        return
    print(f"cores: {os.cpu_count()}; median of {args.runs} runs; ratio = reference / project")
    header = ("workload", "unit", "reference", "project", "ratio", "note")
    table = [header] + [(r.workload, r.unit, f"{r.reference}" if r.reference is not None else "-",
                         f"{r.project}", f"{r.ratio}x" if r.ratio else "-", r.note) for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
