"""The Ray engine on a real Ray cluster started by the test (loopback only, two CPUs): the same records
as the embedded batch, record for record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, free_port, paragraph

from summarizer.batch.ray_cluster import local_cluster
from summarizer.batch.records import read_records, read_results
from summarizer.batch.run import run_batch
from summarizer.settings import SummarySettings

pytest.importorskip("ray")
pytestmark = pytest.mark.subprocess
LANGUAGES = ["en", "fr", "de", "es", "ru", "ar", "zh", "hi"]


@pytest.fixture(scope="module")
def cluster():
    """A real one-node Ray cluster on 127.0.0.1 with two CPUs and token authentication."""
    with local_cluster(cpus=2) as (address, env):
        yield address, env


def corpus(folder: Path, languages: list[str] = LANGUAGES, articles: int = 196) -> tuple[Path, list[str]]:
    """`articles` articles in several languages (200 records by default), and the four bad records a real
    feed has."""
    rows: list[dict] = [{"id": f"{language}-{n}", "text": f"{paragraph(language)} ({n})", "title": f"#{n}"}
                        for n in range(articles // len(languages) + 1) for language in languages][:articles]
    rows += [{"id": "empty", "text": ""}, {"id": "binary", "text": "\x00\x01\x02" * 50},
             {"id": "oversize", "text": "word " * 30_000}, {"id": "refused-url", "url": "http://127.0.0.1:9/"}]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path, [r["id"] for r in rows]


def without_timings(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "timings"} for row in rows]


def ray_batch(cluster, source: Path, out: Path, *flags: str) -> subprocess.CompletedProcess:
    address, env = cluster
    return subprocess.run([sys.executable, "-m", "summarizer", "batch", str(source), "--out", str(out),
                           "--ray", address, "--workers", "2", "--quiet", "--max-chars", "50000", *flags],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_extractive_records_on_ray_equal_the_embedded_run(cluster, tmp_path):
    source, ids = corpus(tmp_path)
    embedded, on_ray = tmp_path / "embedded.jsonl", tmp_path / "ray.parquet"
    run_batch(read_records([str(source)]), embedded, SummarySettings(engine="extractive", max_chars=50_000))
    run = ray_batch(cluster, source, on_ray, "--engine", "extractive")
    assert run.returncode == 3, run.stderr[-3000:]
    assert "done 196, failed 4, skipped 0" in run.stderr, run.stderr[-500:]
    rows = read_results(on_ray)
    assert [r["id"] for r in rows] == ids
    assert without_timings(rows) == without_timings(read_results(embedded))
    errors = {r["id"] for r in rows if "error" in r}
    assert errors == {"empty", "binary", "oversize", "refused-url"}


@pytest.mark.models
def test_tiny_model_records_on_ray_equal_the_embedded_run(cluster, tmp_path, hf_home):
    # Not German: it is summarised through a translation model, whose random weights decode to the length
    # limit (seconds an article); summaries are capped at 8 tokens, greedy, for the same reason.
    # 18 records: three commit batches on two actors, a tenth of the extractive run's records.
    source, ids = corpus(tmp_path, [language for language in LANGUAGES if language != "de"], articles=14)
    settings = SummarySettings(engine="abstractive", runtime="reference", max_tokens=8, min_tokens=1,
                               num_beams=1, max_chars=50_000)
    embedded, on_ray = tmp_path / "embedded.jsonl", tmp_path / "ray.jsonl"
    run_batch(read_records([str(source)]), embedded, settings)
    run = ray_batch(cluster, source, on_ray, "--engine", "abstractive", "--runtime", "reference",
                    "--max-tokens", "8", "--min-tokens", "1", "--beams", "1")
    assert run.returncode == 3, run.stderr[-3000:]
    rows = read_results(on_ray)
    assert [r["id"] for r in rows] == ids
    assert sum("error" not in r and r["engine"] == "abstractive" for r in rows) == 14
    assert without_timings(rows) == without_timings(read_results(embedded))


def test_an_unreachable_cluster_is_one_line(tmp_path, offline_env):
    source, _ = corpus(tmp_path)
    port = free_port()
    run = subprocess.run([sys.executable, "-m", "summarizer", "batch", str(source), "--out",
                          str(tmp_path / "o.jsonl"), "--ray", f"127.0.0.1:{port}", "--engine", "extractive"],
                         cwd=ROOT, env=offline_env, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1].startswith("error: could not reach the Ray cluster")
    assert "Traceback" not in run.stderr
