"""Many articles in one run: every record exactly once, bad records as errors, resumable after a kill."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, paragraph

from summarizer.batch.records import Record, ResultWriter, journal_path, read_records, read_results
from summarizer.batch.run import run_batch
from summarizer.cli import main
from summarizer.evaluate.rouge import read_pairs
from summarizer.settings import SummarySettings

EXTRACTIVE = SummarySettings(engine="extractive")
LANGUAGES = ["en", "fr", "de", "es", "ru", "ar", "zh", "hi"]


def corpus(tmp_path, copies: int = 3):
    """Articles in several languages and a few bad records, as JSON lines."""
    news = [p.article for p in read_pairs(ROOT / "summarizer" / "data" / "news_en.jsonl")]
    rows = [{"id": f"{language}-{n}", "text": f"{paragraph(language)} ({n})"}
            for n in range(copies) for language in LANGUAGES]
    rows += [{"id": f"news-{i}", "article": text} for i, text in enumerate(news)]
    rows += [{"id": "empty", "text": ""}, {"id": "binary", "text": "\x00\x01\x02" * 50},
             {"id": "oversize", "text": "word " * 30_000}, {"id": "refused-url", "url": "http://127.0.0.1:9/"}]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n",
                    encoding="utf-8")
    return path, [r["id"] for r in rows] + ["corpus.jsonl:" + str(len(rows) + 1)]


def test_every_record_once_bad_ones_as_errors(tmp_path):
    source, ids = corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    report = run_batch(read_records([str(source)]), out, EXTRACTIVE.with_changes(max_chars=50_000))
    rows = read_results(out)
    assert [r["id"] for r in rows] == ids
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {"empty", "binary", "oversize", "refused-url", ids[-1]}
    assert "over the limit" in errors["oversize"] and "not JSON" in errors[ids[-1]]
    assert all(r["summary"] and r["engine"] == "extractive" for r in rows if "error" not in r)
    assert (report.done, report.failed, report.skipped) == (len(ids) - 5, 5, 0)


@pytest.mark.subprocess
def test_two_workers_give_the_same_records_as_one(tmp_path):
    source, ids = corpus(tmp_path, copies=1)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(read_records([str(source)]), one, EXTRACTIVE, workers=1)
    run_batch(read_records([str(source)]), two, EXTRACTIVE, workers=2)

    def comparable(row):
        return {k: v for k, v in row.items() if k != "timings"}

    assert [comparable(r) for r in read_results(one)] == [comparable(r) for r in read_results(two)]


@pytest.mark.subprocess
def test_a_run_killed_midway_resumes_with_every_id_exactly_once(tmp_path, offline_env):
    source, ids = corpus(tmp_path, copies=6)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "--out", str(out), "--engine",
               "extractive", "--workers", "1", "--quiet"]
    run = subprocess.Popen(command, cwd=ROOT, env=offline_env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 10):
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=10)
    assert 10 <= out.read_text().count("\n") < len(ids)  # stopped partway
    with out.open("a", encoding="utf-8") as half:
        half.write('{"id": "half-writ')  # as if killed in the middle of a record
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, env=offline_env, capture_output=True,
                             text=True, timeout=300)
    assert resumed.returncode == 3, resumed.stderr  # finished; the corpus's bad records failed
    assert "of the records failed" in resumed.stderr
    assert "skipped" in resumed.stderr and "articles a second" in resumed.stderr
    assert sorted(r["id"] for r in read_results(out)) == sorted(ids)


def test_csv_output_folder_input_and_url_lists(tmp_path, capsys):
    folder = tmp_path / "articles"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.txt").write_text(paragraph("en"), encoding="utf-8")
    (folder / "deep" / "b.md").write_text(paragraph("fr"), encoding="utf-8")
    urls = tmp_path / "links.txt"
    urls.write_text("http://127.0.0.1:9/one\nhttps://10.0.0.1/two\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["batch", str(folder), str(urls), "--out", str(out), "--engine", "extractive",
                 "--workers", "1", "--quiet"]) == 3  # two refused addresses: records that failed
    rows = read_results(out)
    assert [r["id"] for r in rows] == ["a.txt", "deep/b.md", "links.txt:1", "links.txt:2"]
    with out.open(encoding="utf-8", newline="") as file:
        columns = list(csv.DictReader(file))  # one spreadsheet row each: main fields, and all as JSON
    assert columns[0]["summary"] and json.loads(columns[0]["result"])["language"] == "en"
    assert columns[1]["language"] == "fr" and not columns[1]["error"]
    assert rows[0]["language"] == "en" and "error" not in rows[1]
    assert all("public web address" in r["error"] or "refused" in r["error"] for r in rows[2:])
    assert "done 2, failed 2, skipped 0" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_flat_output_has_a_column_for_each_translation(tmp_path, fake_models, suffix):
    from summarizer.batch.records import csv_text

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": paragraph("en")}) + "\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    assert main(["batch", str(source), "--out", str(out), "--engine", "extractive", "--translate", "fr",
                 "de", "--workers", "1", "--quiet"]) == 0
    if suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as file:
            [row] = list(csv.DictReader(file))
    else:
        import pyarrow.parquet as parquet

        [row] = parquet.read_table(out).to_pylist()
    assert row["summary_fr"].startswith("[fr] ") and row["summary_de"].startswith("[de] ")
    [result] = read_results(out)
    assert result["translations"] == {"fr": row["summary_fr"], "de": row["summary_de"]}
    header = csv_text([result]).splitlines()[0].split(",")
    assert header[:6] == ["id", "title", "error", "summary", "summary_fr", "summary_de"]  # as asked


def test_inputs_it_cannot_read_are_one_line(tmp_path, capsys):
    odd = tmp_path / "notes.xlsx"
    odd.write_bytes(b"PK")
    assert main(["batch", str(odd), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert main(["batch", str(odd), "--out", str(tmp_path / "o.parquet")]) == 2


def test_a_record_without_text_is_an_error_not_a_crash(tmp_path):
    out = tmp_path / "o.jsonl"
    run_batch([Record("nothing")], out, EXTRACTIVE)
    assert read_results(out) == [{"id": "nothing", "error": "the record has no text, article or url"}]


ODD_ROWS = [
    {"id": "a", "title": "Première", "summary": "Deux lignes,\n« guillemets » et \"quotes\"",
     "language": "fr", "engine": "extractive", "model": None, "translations": {"ar": "ملخص", "zh": "摘要"},
     "support": [{"verdict": "supported", "sources": [0, 2]}], "timings": {"detect": 0.01}},
    {"id": "b", "error": "the article is empty: paste some text"},
    {"id": "c,with;odd\tid", "summary": "", "language": "en", "engine": "abstractive", "model": "m"},
    {"id": "=HYPERLINK(\"http://x\")", "title": "+1", "summary": "@SUM(A1:A2) and -5", "language": "en"},
    {"id": "'=quoted", "summary": "'plain apostrophe", "language": "en"},
]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_each_output_format_round_trips(tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    writer = ResultWriter(out)
    for row in ODD_ROWS:
        writer.write(row)
    writer.close(finished=True)
    assert read_results(out) == ODD_ROWS
    assert not journal_path(out).exists()
    if suffix == ".csv":  # a spreadsheet shows these cells as text, never as formulas
        with out.open(encoding="utf-8", newline="") as file:
            cells = [cell for row in csv.reader(file) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_jsonl_csv_and_parquet_inputs_give_the_same_records(tmp_path):
    import pyarrow as arrow
    import pyarrow.parquet as parquet

    rows = [{"id": f"{language}-1", "text": paragraph(language), "title": f"In {language}"}
            for language in LANGUAGES] + [{"id": "link", "url": "http://127.0.0.1:9/"}]
    full = [{"id": r["id"], "text": r.get("text"), "url": r.get("url"), "title": r.get("title")}
            for r in rows]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with (tmp_path / "in.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, ["id", "text", "url", "title"])
        writer.writeheader()
        writer.writerows(full)
    parquet.write_table(arrow.Table.from_pylist(full), tmp_path / "in.parquet")
    read = {suffix: list(read_records([str(tmp_path / f"in{suffix}")]))
            for suffix in (".jsonl", ".csv", ".parquet")}
    assert read[".jsonl"] == read[".csv"] == read[".parquet"]
    assert read[".jsonl"][0] == Record("en-1", text=paragraph("en"), title="In en")
    assert read[".jsonl"][-1] == Record("link", url="http://127.0.0.1:9/")


def test_a_stopped_parquet_run_resumes_from_its_journal(tmp_path):
    source, ids = corpus(tmp_path, copies=2)
    out = tmp_path / "out.parquet"

    def stop_after_twenty(row, seen=[]):  # noqa: B006 - counts across calls on purpose
        seen.append(row)
        if len(seen) == 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(read_records([str(source)]), out, EXTRACTIVE, on_record=stop_after_twenty)
    assert not out.exists() and journal_path(out).read_text().count("\n") == 20
    report = run_batch(read_records([str(source)]), out, EXTRACTIVE, resume=True)
    assert report.skipped == 20 and not journal_path(out).exists()
    assert [r["id"] for r in read_results(out)] == ids


def test_a_file_that_is_not_parquet_or_not_utf8_is_one_line(tmp_path, capsys):
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    (tmp_path / "latin.csv").write_bytes("id,text\n1,caf\xe9\n".encode("latin-1"))
    for name in ("bad.parquet", "latin.csv"):
        assert main(["batch", str(tmp_path / name), "--out", str(tmp_path / "o.jsonl"), "--quiet"]) == 2
        message = capsys.readouterr().err
        assert message.startswith(f"error: {name}") and "Traceback" not in message


def test_an_article_longer_than_csvs_field_limit_is_that_records_error(tmp_path):
    source = tmp_path / "feed.csv"
    with source.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerows([["id", "text"], ["long", "word " * 40_000], ["short", paragraph("en")]])
    out = tmp_path / "out.jsonl"
    run_batch(read_records([str(source)]), out, EXTRACTIVE)
    rows = {row["id"]: row for row in read_results(out)}
    assert "over the limit" in rows["long"]["error"] and rows["short"]["summary"]


def test_a_symlinked_file_in_an_input_folder_is_not_read(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text(paragraph("en"), encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2 and nobody may read it.", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    out = tmp_path / "o.jsonl"
    run_batch(list(read_records([str(folder)])), out, EXTRACTIVE)
    results = {r["id"]: r for r in read_results(out)}
    assert set(results) == {"story.txt", "link.txt"}
    assert "symbolic link" in results["link.txt"]["error"] and "hunter2" not in out.read_text()


def test_one_deeply_nested_json_line_is_that_records_error(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "good", "text": paragraph("en")}) + "\n" + "[" * 100_000 + "\n",
                    encoding="utf-8")
    records = list(read_records([str(path)]))
    assert [r.id for r in records] == ["good", "in.jsonl:2"]
    assert "nested too deeply" in records[1].error


def test_the_output_may_not_be_an_input(tmp_path, capsys):
    path, _ = corpus(tmp_path, copies=1)
    before = path.read_bytes()
    for extra in ([], ["--resume"]):
        assert main(["batch", str(path), "--out", str(path), "--engine", "extractive", *extra]) == 2
        assert "also an input" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_csv_output_cut_inside_a_quoted_newline_resumes_cleanly(tmp_path):
    out = tmp_path / "o.csv"
    writer = ResultWriter(out)
    writer.write({"id": "a", "title": "one line"})
    writer.write({"id": "b", "title": "two\nlines that a kill cuts"})  # titles keep their newlines
    writer.close(finished=False)
    data = out.read_bytes()
    out.write_bytes(data[:data.index(b"lines that")])  # killed inside b's quoted field, after its newline
    from summarizer.batch.records import done_ids

    assert done_ids(out) == {"a"}
    writer = ResultWriter(out)
    writer.write({"id": "b", "title": "two\nlines, written again"})
    writer.close(finished=True)
    assert [(r["id"], r.get("title")) for r in read_results(out)] == [
        ("a", "one line"), ("b", "two\nlines, written again")]


@pytest.mark.parametrize("cell", [" =1+1", "＝HYPERLINK(\"http://x\")", "\u3000+1", "＠SUM(A1)"])
def test_formula_cells_behind_spaces_or_in_full_width_are_neutralised(tmp_path, cell):
    from summarizer.batch.records import csv_row

    assert csv_row({"id": "x", "summary": cell})["summary"] == "'" + cell
    out = tmp_path / "o.csv"
    writer = ResultWriter(out)
    writer.write({"id": cell, "summary": cell, "language": "en"})
    writer.close(finished=True)
    assert read_results(out)[0]["id"] == cell
