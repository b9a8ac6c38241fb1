"""How close the extractive engine comes to a reader's word target, on articles long enough for it.

    python -m summarizer.evaluate.word_targets [pairs.jsonl] [--articles N]

Each article twice as long as a target or more is summarised at each target; a result within 20 % of
its target counts as met. Prints one line per target and the misses.
"""

from __future__ import annotations

import argparse
from importlib import resources

from summarizer.evaluate.rouge import read_pairs
from summarizer.summarise.extractive import summarise_extractive
from summarizer.text.article import Article
from summarizer.text.segmentation import count_words

TARGETS = (15, 30, 60, 100, 200, 300)
TOLERANCE = 0.2


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evaluate.word_targets", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="?", help="JSON lines with an article each (default: the bundled "
                                                 "English news, summarizer/data/news_en.jsonl)")
    parser.add_argument("--articles", type=int, default=20, help="how many of its articles (default 20)")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    source = args.pairs or resources.files("summarizer") / "data" / "news_en.jsonl"
    articles = [Article.read(p.article, args.lang) for p in read_pairs(source)][:args.articles]
    met_all = tried_all = 0
    print("target\tarticles\tmet\tshortest\tlongest")
    for target in TARGETS:
        lengths = [count_words(summarise_extractive(a, "medium", target).text) for a in articles
                   if a.word_count >= 2 * target]
        met = sum((1 - TOLERANCE) * target <= n <= (1 + TOLERANCE) * target for n in lengths)
        met_all, tried_all = met_all + met, tried_all + len(lengths)
        if lengths:
            print(f"{target}\t{len(lengths)}\t{met}\t{min(lengths)}\t{max(lengths)}")
    print(f"within {TOLERANCE:.0%} of the target: {met_all} of {tried_all}")


if __name__ == "__main__":
    main()
