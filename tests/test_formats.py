"""Key points, key quotes, a headline and a length in words: on the extractive engine in several
languages, through the fake and the tiny models, and from the CLI and batch."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from summarizer.cli import main
from summarizer.settings import SummarySettings
from summarizer.summarise.formats import HEADLINE_WORDS, MAX_POINTS, MIN_POINTS, SAME_POINT, key_quotes
from summarizer.summarise.pipeline import Summarizer
from summarizer.text.article import Article
from summarizer.text.segmentation import content_terms, count_words
from summarizer.text.similarity import cosine, tfidf_vectors

ARTICLES = ["en-derby", "fr-rugby", "de-fernwaerme", "ar-buses", "zh-basketball", "hi-cricket", "ja-gappei",
            "ru-hockey"]


def article(name: str) -> str:
    return (DATA / "relations" / f"{name}.txt").read_text(encoding="utf-8")


def extractive(name: str, format_name: str, **settings) -> dict:
    return Summarizer(SummarySettings(engine="extractive", format=format_name, language=name[:2],
                                      **settings)).summarise(article(name)).to_dict()


@pytest.mark.parametrize("name", ARTICLES)
def test_points_are_three_to_seven_distinct_sentences_each_with_its_verdict(name):
    result = extractive(name, "points")
    points = [item["sentence"] for item in result["support"]]
    assert MIN_POINTS <= len(points) <= MAX_POINTS and result["format"] == "points"
    assert result["summary"] == "\n".join(f"- {p}" for p in points)
    vectors = tfidf_vectors([content_terms(p) for p in points], [])
    assert all(cosine(vectors[i], vectors[j]) <= SAME_POINT for i in range(len(points)) for j in range(i))
    assert all(item["verdict"] and item["sources"] for item in result["support"])


@pytest.mark.parametrize("name", ARTICLES)
def test_quotes_are_the_articles_own_characters_with_a_speaker(name):
    text = article(name)
    result = extractive(name, "quotes")
    assert result["quotes"] and result["summary"].count("\n") == len(result["quotes"]) - 1
    for quote in result["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
        assert quote["speaker"] and quote["speaker"] in text
    assert [s["sentence"] for s in result["support"]] == [q["text"] for q in result["quotes"]]


@pytest.mark.parametrize("name, opening, speaker", [
    ("en-derby", "“We gave away two goals", "Graham Tully"),    # "he said": the sentence before names him
    ("en-derby", "“We were brave", "Paula Verhoef"),            # not "Harbour City" of "said Harbour City manager …"
    ("fr-rugby", "« Nous avons perdu", "Didier Fabre"),         # « » with spaces inside
    ("de-fernwaerme", "„Wir halten das Urteil", "Nordtherm-Geschäftsführer Thomas Engel"),  # „ “
    ("ar-buses", "«لم نحصل", "عضوة المجلس عن المعارضة، ليلى منصور"),
    ("hi-cricket", "“हमने तीन आसान कैच", "कोच विनोद शर्मा"),      # "उन्होंने कहा": named the sentence before
    ("zh-basketball", "“海港队很强", "陈家豪"),
    ("ja-gappei", "「残念な結果だが", "反対運動を率いた元町議の高橋美和さん"),  # 「」
    ("ru-hockey", "«Соперник был быстрее", "Олег Денисов"),
])
def test_each_quote_has_the_speaker_the_article_gives_it(name, opening, speaker):
    quotes = key_quotes(Article.read(article(name), name[:2]))
    assert [q.speaker for q in quotes if q.text.startswith(opening)] == [speaker]


QUOTED = ("The city council approved the new bus plan on Monday after a four-hour debate. "
          "“When my mother told me ‘never again’, she meant the old buses, not buses at all,” said Ana Ruiz, "
          "who leads the residents' group. "
          "“We waited ten years,” she said. “Now the hard part starts.” "
          "“Nobody asked the drivers what they think of the timetable,” one driver said. "
          "Ruiz said the group would watch the first month closely. "
          "Mayor Tom Bell called it “a good day”. "
          "The plan takes effect in June and costs 12 million euros over three years.")


def test_nested_split_unnamed_and_short_quotations():
    quotes = key_quotes(Article.read(QUOTED, "en"))
    texts = [(q.text, q.speaker) for q in quotes]
    assert texts[0] == ("“When my mother told me ‘never again’, she meant the old buses, not buses at all,”",
                        "Ana Ruiz")  # nested quotation marks stay inside
    assert texts[1] == ("“We waited ten years,” she said. “Now the hard part starts.”", "Ana Ruiz")  # one quote
    assert texts[2] == ("“Nobody asked the drivers what they think of the timetable,”", "")  # named nobody
    assert len(texts) == 3  # “a good day” is a phrase, and "Ruiz said the group would …" is reported speech
    assert all(QUOTED[q.start:q.end] == q.text for q in quotes)


def test_an_article_with_no_quotes_says_so():
    result = Summarizer(SummarySettings(engine="extractive", format="quotes")).summarise(
        QUOTED.split("“")[0] + "The plan takes effect in June and costs 12 million euros over three years.")
    assert result.quotes == [] and result.summary == ""
    assert any("quotes nobody directly" in note for note in result.notes)


@pytest.mark.parametrize("name", ARTICLES)
def test_the_headline_is_one_line_of_at_most_twenty_words_and_is_checked(name):
    result = extractive(name, "headline")
    [item] = result["support"]
    assert result["summary"] == item["sentence"] and "\n" not in result["summary"]
    assert 0 < count_words(result["summary"]) <= HEADLINE_WORDS  # characters in Chinese and Japanese
    assert item["verdict"] == "supported"


@pytest.mark.parametrize("name, words", [("en-derby", 40), ("en-derby", 80), ("fr-rugby", 60), ("ru-hockey", 50),
                                         ("de-fernwaerme", 100), ("zh-basketball", 120)])
def test_a_word_target_lands_within_twenty_percent(name, words):
    result = extractive(name, "paragraph", words=words)
    assert 0.8 * words <= result["summary_words"] <= 1.2 * words
    assert result["settings"]["words"] == words


def test_a_word_target_longer_than_the_article_says_so():
    result = Summarizer(SummarySettings(engine="extractive", words=300)).summarise(article("en-derby"))
    assert any("too short for a summary of 300 words" in note for note in result.notes)


def test_a_word_target_becomes_the_models_token_budget(fake_models):
    from summarizer.models.catalogue import DEFAULT_SUMMARY_MODEL as DEFAULT_MODEL

    text = article("en-derby")
    Summarizer(SummarySettings(engine="abstractive", words=50)).summarise(text)
    [call] = fake_models(DEFAULT_MODEL).calls
    model = fake_models(DEFAULT_MODEL)
    per_word = model.count_tokens(" ".join(Article.read(text, "en").sentences)) / count_words(text)
    assert call.settings.min_new_tokens < 50 * per_word < call.settings.max_new_tokens
    assert call.settings.max_new_tokens <= 1.2 * 50 * per_word


@pytest.mark.parametrize("format_name", ["points", "quotes", "headline"])
def test_every_format_with_the_fake_model_and_translations(fake_models, format_name):
    result = Summarizer(SummarySettings(engine="abstractive", format=format_name, translate_to=("fr",))
                        ).summarise(article("en-derby"))
    assert result.format == format_name and result.summary
    sentences = [item["sentence"] for item in result.support]
    assert len(result.translated_sentences["fr"]) == len(sentences)
    if format_name != "headline":
        assert result.translations["fr"].count("\n- ") == len(sentences) - 1  # a list in French too
    if format_name == "quotes":  # the article's words: no model is asked to write anything
        from summarizer.models.catalogue import DEFAULT_SUMMARY_MODEL as DEFAULT_MODEL

        assert result.engine == "extractive" and not fake_models(DEFAULT_MODEL).calls


@pytest.mark.models
@pytest.mark.usefixtures("hf_home")
def test_every_format_with_the_tiny_real_model(offline_env, monkeypatch):
    for key, value in offline_env.items():
        monkeypatch.setenv(key, value)
    for format_name in ("points", "headline"):
        result = Summarizer(SummarySettings(engine="abstractive", format=format_name, max_tokens=12,
                                            runtime="reference")).summarise(article("en-derby"))
        assert result.engine == "abstractive" and result.format == format_name
        assert all(item["verdict"] for item in result.support)


def test_cli_format_words_and_json(tmp_path, capsys):
    source = tmp_path / "article.txt"
    source.write_text(article("en-derby"), encoding="utf-8")
    assert main([str(source), "--engine", "extractive", "--format", "points"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("- ") and MIN_POINTS <= out.count("\n- ") + 1 <= MAX_POINTS
    assert main([str(source), "--engine", "extractive", "--format", "quotes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "quotes" and data["quotes"][0]["speaker"] == "Paula Verhoef"
    assert main([str(source), "--engine", "extractive", "--words", "60"]) == 0
    assert 48 <= count_words(capsys.readouterr().out) <= 72
    with pytest.raises(SystemExit):
        main([str(source), "--words", "5"])
    assert "give a number of words from 15 to 300, not '5'" in capsys.readouterr().err


def test_batch_takes_the_format(tmp_path):
    from summarizer.batch.records import read_results

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "derby.txt").write_text(article("en-derby"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "articles"), "--out", str(out), "--engine", "extractive",
                 "--format", "headline", "--quiet"]) == 0
    [row] = read_results(out)
    assert count_words(row["summary"]) <= HEADLINE_WORDS and "\n" not in row["summary"]


def test_the_word_target_evaluation_counts_what_it_prints(capsys):
    from summarizer.evaluate.word_targets import main as evaluate_words

    evaluate_words(["--articles", "3"])
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split("\t") for line in lines[1:-1]]
    met, tried = (int(n) for n in lines[-1].split(": ")[1].split(" of "))
    assert tried == sum(int(r[1]) for r in rows) and met == sum(int(r[2]) for r in rows) and 0 < met <= tried


def test_hostile_and_odd_inputs_to_the_formats():
    from summarizer.result import SummaryResult
    from summarizer.summarise.formats import headline, key_points
    from ui.page_settings import compared_lengths, from_query

    assert from_query({"words": "²"}).words is None and from_query({"words": "0060"}).words is None
    assert compared_lengths("²,³") == compared_lengths("50, 50") == ("short", "medium", "long")
    repeated = Article.read(article("en-derby"), "en")
    same = "Harbour City beat Millbrook Rovers 3-1 at Kestrel Park on Sunday."
    assert len(key_points([same, same, same + " "], repeated)) >= MIN_POINTS  # repeats counted once
    quoted = Article.read("“We will win this match and every other one this season,” said Paula Verhoef. "
                          "“We are ready.”", "en")
    line = headline(["“We will win this match and every other one this season,” said Paula Verhoef."], quoted)
    assert "“" not in line and "”" not in line
    assert headline(["Short and plain."], quoted) == "Short and plain."
    inches = Article.read('The screen is 12" wide, said engineer Tom Reed. He added that the "new model is '
                          'far better than the last one", and cheaper.', "en")
    assert [q.text for q in key_quotes(inches)] == ['"new model is far better than the last one"']
    good = json.loads(json.dumps(extractive("en-derby", "quotes")))  # as the store keeps it
    for bad in ({"format": "bogus"}, {"format": ["x"]}, {"quotes": "abc"}, {"quotes": [{"foo": 1}]},
                {"quotes": [dict(good["quotes"][0], start=-1)]}):
        with pytest.raises(ValueError):
            SummaryResult.from_dict({**good, **bad})
    assert SummaryResult.from_dict(good).quotes == good["quotes"]


def test_what_a_hostile_probe_found():
    from summarizer.summarise.formats import headline, key_points

    opening_quote = ("“We will win this election no matter what,” said Anna Holt. The mayor spoke at the town "
                     "hall on Sunday evening. Turnout was high.")
    result = Summarizer(SummarySettings(engine="extractive", format="headline")).summarise(opening_quote)
    assert result.summary == "The mayor spoke at the town hall on Sunday evening."  # no quotation, not empty
    all_quoted = Article.read("“We will win,” said Anna Holt. “We are ready,” said Tom Reed.", "en")
    assert headline([], all_quoted) == ""
    assert any("no line of its own words" in n for n in Summarizer(SummarySettings(
        engine="extractive", format="headline")).summarise(all_quoted.text).notes)
    derby = Article.read(article("en-derby"), "en")
    assert len(key_points(["Harbour City beat Millbrook Rovers 3-1."], derby)) == MIN_POINTS  # topped up to 3
    two = Article.read('Mary Jones said "we are very happy with the result today". He said “she told me never '
                       'again in my life yesterday”.', "en")
    assert len(key_quotes(two)) == 2  # a new sentence that attributes anew is no continuation
    named = Article.read("Ivo Brenner, whose grandfather founded the firm, voted for the sale. “I did not "
                         "want to sell, but I could not say no,” he said.", "en")
    assert [q.speaker for q in key_quotes(named)] == ["Ivo Brenner"]  # his first name opens the sentence


def test_the_evidence_view_finds_quotes_in_an_article_with_windows_line_ends():
    from ui.evidence import quotes_marked

    text = article("en-derby").replace("\n", "\r\n")
    result = Summarizer(SummarySettings(engine="extractive", format="quotes")).summarise(text)
    marked = quotes_marked(text, result.quotes, 0)  # the box's text, as the page has it
    assert all(f'id="quote-{n}"' in marked for n in range(1, len(result.quotes) + 1))
