"""The command line over the real pipeline, with fake models answering (one subprocess run end to end)."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT, paragraph

from summarizer.cli import main
from summarizer.evaluate.rouge import read_pairs
from summarizer.text.segmentation import split_sentences

MODEL_ID = "sshleifer/distilbart-cnn-6-6"
MODEL = ["--model", MODEL_ID, "--beams", "1", "--quiet"]
NEWS_ARTICLE = read_pairs(ROOT / "summarizer" / "data" / "news_en.jsonl")[0].article
RESULT_KEYS = {"summary", "engine", "model", "language", "source_words", "summary_words",
               "compression", "chunks", "timings"}


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(paragraph("en"), encoding="utf-8")
    return path


def test_summary_on_stdout(article, capsys, fake_models):
    fake_models(MODEL_ID).answers = ["The council approved the budget."]
    assert main([str(article), *MODEL]) == 0
    captured = capsys.readouterr()
    assert captured.out == "The council approved the budget.\n"
    assert captured.err.startswith("note: The article is already short")  # --quiet: no progress
    assert len(captured.err.splitlines()) == 1
    [call] = fake_models(MODEL_ID).calls
    assert call.texts == [paragraph("en")] and call.settings.num_beams == 1


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for command in ("summarise", "check", "batch", "evaluate", "evaluate-check"):
        assert f"    {command} " in out or f"    {command}\n" in out


def test_an_article_file_named_like_a_command_is_summarised(tmp_path, monkeypatch, capsys, fake_models):
    fake_models(MODEL_ID).answers = ["The council approved the budget."] * 2
    monkeypatch.chdir(tmp_path)
    (tmp_path / "batch").write_text(paragraph("en"), encoding="utf-8")
    assert main(["summarise", "batch", *MODEL]) == 0
    assert main(["./batch", *MODEL]) == 0
    assert capsys.readouterr().out == "The council approved the budget.\n" * 2
    assert [call.texts for call in fake_models(MODEL_ID).calls] == [[paragraph("en")]] * 2


def test_the_runtime_flag_keeps_its_old_name(article, capsys, fake_models):
    assert main([str(article), *MODEL, "--backend", "reference", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["runtime"] == "reference"
    assert fake_models(MODEL_ID, "reference").calls and not fake_models(MODEL_ID).calls


def test_progress_goes_to_stderr_not_stdout(article, capsys, fake_models):
    assert main([str(article), "--model", MODEL_ID]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == split_sentences(paragraph("en"), "en")[0]
    assert "Summarising" in captured.err


def test_json_has_the_result_keys(article, capsys, fake_models):
    assert main([str(article), "--json", "--translate", "fr", *MODEL]) == 0
    data = json.loads(capsys.readouterr().out)
    assert RESULT_KEYS <= set(data)
    first = split_sentences(paragraph("en"), "en")[0]
    assert data["summary"] == first and data["model"] == MODEL_ID and data["engine"] == "abstractive"
    assert data["chunks"] == 1 and data["source_words"] == 40 and data["language"] == "en"
    assert data["translations"] == {"fr": f"[fr] {first}"}
    assert data["settings"]["num_beams"] == 1 and data["settings"]["translate_to"] == ["fr"]


def test_plain_output_lists_translations_after_the_summary(article, capsys, fake_models):
    assert main([str(article), "--translate", "de", *MODEL]) == 0
    first = split_sentences(paragraph("en"), "en")[0]
    assert capsys.readouterr().out == f"{first}\n\n[de] [de] {first}\n"


@pytest.mark.subprocess
def test_stdin_and_length_preset_end_to_end(offline_env, tmp_path, capsys):
    """The real `python -m summarizer -` in its own process (extractive: no model to load)."""
    run = subprocess.run([sys.executable, "-m", "summarizer", "-", "--length", "short", "--json",
                          "--engine", "extractive", "--quiet"],
                         input=NEWS_ARTICLE, env=offline_env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    short = json.loads(run.stdout)
    assert short["settings"]["length"] == "short" and short["engine"] == "extractive"
    path = tmp_path / "article.txt"
    path.write_text(NEWS_ARTICLE, encoding="utf-8")
    assert main([str(path), "--length", "long", "--json", "--engine", "extractive", "--quiet"]) == 0
    long = json.loads(capsys.readouterr().out)
    assert long["source_words"] == short["source_words"]  # the same article came in through stdin
    assert short["summary_words"] < long["summary_words"]


def test_list_models_shows_languages_size_licence_limit(capsys):
    assert main(["--list-models"]) == 0
    out = capsys.readouterr().out
    for fragment in ("sshleifer/distilbart-cnn-12-6", "csebuetnlp/mT5_multilingual_XLSum",
                     "Apache-2.0", "CC BY-NC-SA", "1024 tokens", "512 tokens", "GB"):
        assert fragment in out
    from summarizer.models.catalogue import CHECK_MODELS, SUMMARY_MODELS

    for entry in [*SUMMARY_MODELS.values(), *CHECK_MODELS]:  # every description in full, uncut
        assert f"\n  {entry.label}\n" in out


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"),
    (b"  \n\t \n", "empty"),
    (b"12345 67890 ... !!!", "no letters"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"word " * 30_000, "100,000"),
])
def test_bad_input_one_line_exit_2(tmp_path, capsys, fake_models, content, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main([str(path), *MODEL]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert fragment in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert captured.out == "" and fake_models(MODEL_ID).calls == []


def test_invalid_utf8_is_summarised_not_fatal(tmp_path, capsys, fake_models):
    path = tmp_path / "latin1.txt"
    path.write_bytes(paragraph("fr").encode("latin-1", errors="replace"))
    assert main([str(path), "--lang", "en", *MODEL]) == 0
    [call] = fake_models(MODEL_ID).calls
    assert "conseil municipal" in call.texts[0] and "\ufffd" not in call.texts[0]
    assert capsys.readouterr().out.strip()


def test_missing_file_names_its_path(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main([str(missing), *MODEL]) == 2
    assert str(missing) in capsys.readouterr().err


def test_max_chars_raises_the_cap(tmp_path, capsys, fake_models):
    path = tmp_path / "long.txt"
    path.write_text(paragraph("en") + " " + "More words here. " * 200, encoding="utf-8")
    assert main([str(path), "--max-chars", "1000", *MODEL]) == 2
    assert "1,000" in capsys.readouterr().err and fake_models(MODEL_ID).calls == []
    assert main([str(path), "--max-chars", "10000", *MODEL]) == 0
    assert len(fake_models(MODEL_ID).calls) == 1


def test_plain_output_names_facts_the_article_does_not_state_on_stderr(article, capsys, fake_models):
    fake_models(MODEL_ID).answers = ["The council approved 52 million for Blinken."]
    assert main([str(article), *MODEL]) == 0
    captured = capsys.readouterr()
    assert captured.out == "The council approved 52 million for Blinken.\n"
    assert "warning: sentence 1 says 52 million (number), which the article does not state" in captured.err
    assert "Blinken (name)" in captured.err


def test_progress_says_what_the_reader_waits_for_and_no_empty_translation_line(article, capsys, fake_models):
    assert main([str(article), "--model", MODEL_ID]) == 0
    err = capsys.readouterr().err
    assert "Translating into" not in err  # no languages asked for
    assert "chunk" not in err and "token" not in err and "(s)" not in err
    assert "Reading the article" in err


@pytest.mark.parametrize("name", ["articles.csv", "articles.jsonl", "articles.parquet"])
def test_a_list_given_as_one_article_points_to_batch(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_text("id,text\n1,Some article text here.\n", encoding="utf-8")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "looks like a list of articles" in err and f"batch {path}" in err


def test_a_model_the_user_named_that_cannot_load_fails_with_exit_2(article, capsys, tmp_path):
    assert main([str(article), "--model", str(tmp_path / "nope")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ") and "nope" in captured.err
