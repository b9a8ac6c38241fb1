"""Batch throughput: articles per second for one CLI call per article, the embedded batch with one and two
workers, and Ray on a local one-node cluster, for the extractive engine and the default model's
architecture (full size, random weights, summaries forced to the benchmark's length).

    python -m benchmarks.batch_throughput                  # table
    python -m benchmarks.batch_throughput --articles 16    # more articles per workload, steadier figures
    python -m benchmarks.batch_throughput --no-ray         # without the Ray rows
    python -m benchmarks.batch_throughput --tiny           # smoke test: seconds, figures meaningless

Every workload is a real `python -m summarizer` process (start-up, imports and model loading count, as
they do for a user), timed from start to exit. Ratios: each batch row against one CLI call per article;
the Ray row against the embedded batch with the same number of workers (target: within 15 %).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from benchmarks.common import FULL, TINY, Row, Sizes, model_folder, table_line
from summarizer.batch.records import read_results
from summarizer.evaluate.rouge import read_pairs

EMBEDDED_TARGET = 5.0     # the embedded batch, times the throughput of one CLI call per article
RAY_TOLERANCE = 0.15      # Ray on one machine, at most this much slower than the embedded batch
CLI_SAMPLE = 8            # articles timed one CLI call each
EXTRACTIVE_SCALE = 10     # the extractive rows summarise this many times more articles
ARTICLE_WORDS = 150       # extractive articles
MODEL_ARTICLE_WORDS = 75  # about 450 tokens: one chunk of a model outside the catalogue (512-token limit)


def write_articles(folder: Path, count: int, words: int) -> Path:
    """`count` distinct English news articles of about `words` words, as JSON lines."""
    articles = [p.article for p in read_pairs(resources.files("summarizer") / "data" / "news_en.jsonl")]
    rows = []
    for number in range(count):
        text = " ".join(articles[number % len(articles)].split()[:words])
        rows.append({"id": f"article-{number}", "text": f"{text} (Edition {number}.)"})
    path = folder / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    run = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command[:6])} …\n{run.stderr[-2000:]}")
    if "--json" in command and not json.loads(run.stdout).get("summary"):
        raise SystemExit(f"no summary from {' '.join(command[:6])} …: the figures would mean nothing")
    return seconds


def check_summarised(out: Path, count: int) -> None:
    """A batch that failed its records is fast for the wrong reason."""
    rows = read_results(out)
    bad = [row["id"] for row in rows if "error" in row or not row.get("summary")]
    if len(rows) != count or bad:
        raise SystemExit(f"{out.name}: {len(rows)} of {count} records, without a summary: {bad[:5]}")


def engine_rows(label: str, flags: list[str], source: Path, work: Path, ray: bool) -> Iterator[Row]:
    """Four workloads over the same articles; each row as soon as it is measured. One call per article is
    timed on the first CLI_SAMPLE articles (each call is independent, so the rate holds for any count),
    after one untimed call that leaves the model converted, as it is for a user's later calls."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    cli = [sys.executable, "-m", "summarizer"]
    lines = source.read_text(encoding="utf-8").splitlines()
    count = len(lines)
    files = []
    for number, line in enumerate(lines[:CLI_SAMPLE]):
        files.append(work / f"article-{number}.txt")
        files[-1].write_text(json.loads(line)["text"], encoding="utf-8")
    timed([*cli, str(files[0]), "--json", "--quiet", *flags], env)  # untimed: the one-off conversion
    per_call = sum(timed([*cli, str(file), "--json", "--quiet", *flags], env) for file in files) / len(files)
    one_by_one = 1 / per_call
    yield Row(f"{label}: one CLI call per article", "articles/s", None, round(one_by_one, 3), None,
              f"{per_call:.2f} s an article (start-up and model load each time), over {len(files)} calls")
    embedded = {}
    for workers in (1, 2):
        out = work / f"{label}-{workers}.jsonl"
        seconds = timed([*cli, "batch", str(source), "--out", str(out), "--workers", str(workers), "--quiet",
                         *flags], env)
        check_summarised(out, count)
        embedded[workers] = count / seconds
        yield Row(f"{label}: embedded batch of {count}, {workers} worker{'s' if workers > 1 else ''}",
                  "articles/s",
                  round(one_by_one, 3), round(embedded[workers], 3), round(embedded[workers] / one_by_one, 1),
                  f"reference = one CLI call per article; target {EMBEDDED_TARGET:g}x")
    if not ray:
        return
    from summarizer.batch.ray_cluster import local_cluster

    with local_cluster(cpus=os.cpu_count() or 2) as (address, ray_env):
        out = work / f"{label}-ray.jsonl"
        seconds = timed([*cli, "batch", str(source), "--out", str(out), "--workers", "2", "--quiet",
                         "--ray", address, *flags], ray_env)
    check_summarised(out, count)
    on_ray = count / seconds
    yield Row(f"{label}: Ray batch of {count}, local one-node cluster, 2 actors", "articles/s",
              round(embedded[2], 3), round(on_ray, 3), round(on_ray / embedded[2], 2),
              f"reference = embedded batch, 2 workers; target at least {1 - RAY_TOLERANCE:.2f}x "
              "(cluster started before timing)")


def all_rows(count: int, ray: bool, sizes: Sizes) -> Iterator[Row]:
    """The extractive engine gets EXTRACTIVE_SCALE times as many articles: each takes milliseconds."""
    with tempfile.TemporaryDirectory(prefix="summarizer-bench-batch-") as work_dir:
        work = Path(work_dir)
        os.environ["SUMMARIZER_CONVERTED_DIR"] = str(work / "converted")  # not the user's cache
        (work / "extractive").mkdir()
        source = write_articles(work / "extractive", count * EXTRACTIVE_SCALE, ARTICLE_WORDS)
        yield from engine_rows("extractive", ["--engine", "extractive"], source, work / "extractive", ray)
        (work / "model").mkdir()
        source = write_articles(work / "model", count, MODEL_ARTICLE_WORDS)
        folder, weights = model_folder("sshleifer/distilbart-cnn-12-6", work, False, sizes)
        tokens = str(sizes.summary_tokens)
        yield from engine_rows(f"default model architecture ({weights})",
                               ["--engine", "abstractive", "--model", str(folder), "--min-tokens", tokens,
                                "--max-tokens", tokens], source, work / "model", ray)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_throughput", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=32,
                        help=f"articles per model batch (extractive batches: {EXTRACTIVE_SCALE} times more)")
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray rows")
    parser.add_argument("--tiny", action="store_true", help="toy model: checks the benchmark runs")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}; articles of about {ARTICLE_WORDS} words (extractive), "
          f"{MODEL_ARTICLE_WORDS} words (model); "
          f"ratio = project / reference (higher is better){'; TINY model' if args.tiny else ''}", flush=True)
    print("\t".join(("workload", "unit", "reference", "project", "ratio", "note")), flush=True)
    for row in all_rows(args.articles, not args.no_ray, TINY if args.tiny else FULL):
        print(table_line(row), flush=True)


if __name__ == "__main__":
    main()
