import json
import subprocess
import sys

import pytest
from conftest import paragraph

from summarizer.cli import main

MODEL = ["--model", "sshleifer/distilbart-cnn-6-6", "--beams", "1", "--quiet"]
RESULT_KEYS = {"summary", "engine", "model", "language", "source_words", "summary_words",
               "compression", "chunks", "timings"}


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(paragraph("en"), encoding="utf-8")
    return path


def test_summary_on_stdout(article, capsys):
    assert main([str(article), *MODEL]) == 0
    out = capsys.readouterr().out
    assert out.strip() and not out.lstrip().startswith("{")


def test_json_has_the_result_keys(article, capsys):
    assert main([str(article), "--json", *MODEL]) == 0
    data = json.loads(capsys.readouterr().out)
    assert RESULT_KEYS <= set(data)
    assert data["chunks"] == 1 and data["source_words"] == 40


def test_stdin_and_length_preset_end_to_end(offline_env):
    run = subprocess.run([sys.executable, "-m", "summarizer", "-", "--length", "short", "--json", *MODEL],
                         input=paragraph("en"), env=offline_env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["model"] == "sshleifer/distilbart-cnn-6-6"


def test_list_models_shows_languages_size_licence_limit(capsys):
    assert main(["--list-models"]) == 0
    out = capsys.readouterr().out
    for fragment in ("sshleifer/distilbart-cnn-12-6", "csebuetnlp/mT5_multilingual_XLSum",
                     "Apache-2.0", "CC BY-NC-SA", "1024 tokens", "512 tokens", "GB"):
        assert fragment in out


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"),
    (b"  \n\t \n", "empty"),
    (b"12345 67890 ... !!!", "no letters"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"word " * 30_000, "100,000"),
])
def test_bad_input_one_line_exit_2(tmp_path, capsys, content, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main([str(path), *MODEL]) == 2
    err = capsys.readouterr().err.strip()
    assert fragment in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_invalid_utf8_is_summarised_not_fatal(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes(paragraph("fr").encode("latin-1", errors="replace"))
    assert main([str(path), *MODEL]) == 0


def test_missing_file_names_its_path(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main([str(missing), *MODEL]) == 2
    assert str(missing) in capsys.readouterr().err


def test_max_chars_raises_the_cap(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text(paragraph("en") + " " + "More words here. " * 200, encoding="utf-8")
    assert main([str(path), "--max-chars", "1000", *MODEL]) == 2
    assert main([str(path), "--max-chars", "10000", *MODEL]) == 0
