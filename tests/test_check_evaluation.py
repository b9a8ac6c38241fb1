"""The consistency cases and the evaluate-check command that reports on them."""

import json

import pytest

from summarizer.cli import main
from summarizer.evaluate.fact_check import Tally


def test_tally_arithmetic():
    tally = Tally()
    for consistent, flagged in [(True, False), (True, True), (False, True), (False, True), (False, False)]:
        tally.add(consistent, flagged)
    assert (tally.faithful, tally.false_alarms, tally.altered, tally.caught) == (2, 1, 3, 2)
    assert tally.recall == pytest.approx(2 / 3) and tally.precision == pytest.approx(2 / 3)
    assert tally.balanced_accuracy == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert Tally().recall is None and Tally().balanced_accuracy is None


def test_the_committed_cases_are_what_the_builder_writes():
    import consistency_cases

    for output, articles, cases in consistency_cases.SETS:
        expected = "\n".join(consistency_cases.lines(articles, cases)) + "\n"
        assert output.read_text(encoding="utf-8") == expected


def test_evaluate_check_reports_by_language_and_kind(tmp_path, capsys):
    path = tmp_path / "cases.jsonl"
    rows = [{"id": "a", "language": "en", "article": "The council approved 48 million on Tuesday."},
            {"article_id": "a", "summary": "The council approved 48m on Tuesday.", "consistent": True,
             "kind": "number form"},
            {"article_id": "a", "summary": "The council approved 52 million.", "consistent": False,
             "kind": "number"},
            {"article_id": "a", "summary": "The council rejected 48 million.", "consistent": False,
             "kind": "negation"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["evaluate-check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["languages"]["en"] == report["languages"]["all"] == {
        "faithful": 1, "altered": 2, "false_alarms": 0, "caught": 1, "recall": 0.5, "precision": 1.0,
        "balanced_accuracy": 0.75}
    assert report["kinds"]["negation"]["caught"] == 0 and report["kinds"]["number"]["caught"] == 1
    assert main(["evaluate-check", str(path)]) == 0
    assert "balanced acc." in capsys.readouterr().out


def test_evaluate_check_names_a_bad_line(tmp_path, capsys):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"article_id": "missing", "summary": "x", "consistent": true}\n', encoding="utf-8")
    assert main(["evaluate-check", str(path)]) == 2
    assert "line 1" in capsys.readouterr().err
