"""The benchmark runs end to end at toy sizes (its figures are only meaningful at full size)."""

import json

import pytest

import benchmarks.speed as bench

pytestmark = pytest.mark.models  # it builds its own tiny models


def test_tiny_benchmark_gives_every_row(monkeypatch, capsys):
    monkeypatch.setenv("SUMMARIZER_CONVERTED_DIR", "")  # the bench points it at its own folder
    bench.main(["--tiny", "--runs", "1", "--json"])
    rows = json.loads(capsys.readouterr().out)
    workloads = [row["workload"] for row in rows]
    assert workloads == [
        "default summariser: 40-token article, 4 tokens",
        "first summary words visible (default model)",
        "compare lengths: 11 + 22 + 33 tokens vs medium alone (default model, project runtime)",
        "two requests at once (default model, project runtime)",
        "fast summariser: 40-token article, 4 tokens",
        "translate a 3-sentence, 60-word summary into 3 languages (opus-mt)",
        "resident memory: default summariser + 3 translators loaded",
        "deep check (English claim checker), 4 sentences against a 500-word article",
        "extractive engine, 200-word article",
        "extractive engine, 2,000-word article",
        "fact check, 4 sentences against a 500-word article",
    ]
    for row in rows:
        assert row["project"] >= 0 and row["unit"] in ("s", "MB")  # tiny times may round to 0.0
        if row["ratio"] is not None:  # figures are rounded for print, so only the sign is comparable here
            assert row["reference"] >= 0 and row["ratio"] >= 0
    summaries = [row for row in rows if row["output_tokens"]]
    assert [row["workload"] for row in summaries] == [workloads[0], workloads[4]]
    for row in summaries:  # both runtimes wrote the forced length (4 new tokens, <s> first): the same work
        assert row["output_tokens"] == {"reference": [3], "project": [3]}
    memory = rows[6]
    assert memory["reference"] > 100 and memory["project"] > 100  # MB of a process with torch loaded
    deep = rows[7]  # the real tokenizer packs the 500-word article into two chunks of at most 400 tokens
    assert "random weights, 8 chunk-claim pairs" in deep["note"] and deep["project"] > 0


def test_table_rows_are_printed_as_each_workload_finishes(capsys):
    bench.main(["--tiny", "--runs", "1", "--extractive-only"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cores: ") and "TINY" in lines[0]
    assert lines[1].split("\t") == list(bench.COLUMNS)
    assert [line.split("\t")[0] for line in lines[2:]] == [
        "extractive engine, 200-word article", "extractive engine, 2,000-word article",
        "fact check, 4 sentences against a 500-word article"]
