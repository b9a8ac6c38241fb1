import json
import subprocess
import sys

import pytest
from conftest import paragraph

from summarizer.catalogue import translation_model_for
from summarizer.cli import main
from summarizer.errors import ModelUnavailable, UnsupportedLanguage
from summarizer.language_detection import detect_language
from summarizer.models import load_model
from summarizer.routing import CHOSEN_MODEL, ENGLISH_MODEL, MULTILINGUAL_MODEL, VIA_ENGLISH, choose_route
from summarizer.translation import translate_into, translate_sentences

PARAGRAPH_LANGUAGES = ["en", "es", "fr", "de", "it", "pt", "ru", "uk", "ar", "zh", "ja", "hi", "tr", "ko"]


@pytest.mark.parametrize("language", PARAGRAPH_LANGUAGES)
def test_detects_real_paragraphs(language):
    guess = detect_language(paragraph(language))
    assert guess.language == language
    assert guess.confidence >= 0.8


@pytest.mark.parametrize("text", ["Hello there", "OK", "Paris 2024"])
def test_short_text_is_uncertain_not_guessed(text):
    guess = detect_language(text)
    assert guess.language is None and "short" in guess.reason


def test_mixed_text_is_uncertain():
    mixed = "\n\n".join([paragraph("en"), paragraph("ru"), paragraph("es")])
    guess = detect_language(mixed)
    assert guess.language is None and "mixed" in guess.reason


def test_routes():
    assert choose_route("en").name == ENGLISH_MODEL
    assert choose_route(None).name == ENGLISH_MODEL
    ar = choose_route("ar")
    assert ar.name == MULTILINGUAL_MODEL and ar.summary_model == "csebuetnlp/mT5_multilingual_XLSum"
    de = choose_route("de")
    assert de.name == VIA_ENGLISH
    assert de.model_ids() == ["Helsinki-NLP/opus-mt-de-en", "sshleifer/distilbart-cnn-12-6",
                              "Helsinki-NLP/opus-mt-en-de"]
    assert choose_route("en", "facebook/bart-large-cnn").name == CHOSEN_MODEL
    with pytest.raises(UnsupportedLanguage, match="Latin|la"):
        choose_route("la")
    with pytest.raises(UnsupportedLanguage, match="Arabic"):
        choose_route("ar", "facebook/bart-large-cnn")


def test_cli_routes_by_detected_language(tmp_path, capsys):
    for language, route in [("en", ENGLISH_MODEL), ("ar", MULTILINGUAL_MODEL), ("de", VIA_ENGLISH)]:
        path = tmp_path / f"{language}.txt"
        path.write_text(paragraph(language), encoding="utf-8")
        assert main([str(path), "--json", "--quiet", "--beams", "1", "--engine", "abstractive"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["language"], data["route"]) == (language, route)


def test_unsupported_language_is_refused_not_answered_in_english(tmp_path, capsys):
    path = tmp_path / "la.txt"
    path.write_text("Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae.", encoding="utf-8")
    assert main([str(path), "--lang", "la", "--engine", "abstractive", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "la" in err and "--list-languages" in err


def test_lang_overrides_detection(tmp_path, capsys):
    path = tmp_path / "es.txt"
    path.write_text(paragraph("es"), encoding="utf-8")
    assert main([str(path), "--lang", "pt", "--engine", "extractive", "--json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "pt" and data["language_confidence"] == 1.0


def test_sentence_count_is_preserved_even_for_an_overlong_sentence():
    giant = " ".join(["The council met again and again and again"] * 80) + "."
    sentences = ["The council met.", giant, "It approved the plan.", "Work starts in March.",
                 "Bridges will be fixed.", "Buses will run more often.", "Critics were unconvinced.",
                 "The mayor spoke.", "Residents cheered.", "The vote was close."]
    for target in ("de", "ja"):  # an opus-mt pair and the many-to-many fallback
        out = translate_sentences(sentences, "en", target)
        assert len(out) == len(sentences)


def test_source_equal_target_returns_text_untouched():
    sentences = ["مرحبا بالعالم.", "Café ét́é 東京."]
    assert translate_sentences(sentences, "ar", "ar") == sentences


@pytest.mark.parametrize("backend", ["reference", "fast"])
def test_multi_target_opus_gets_its_language_token_first(spy_generate, backend):
    model = load_model("Helsinki-NLP/opus-mt-en-zh", backend=backend)
    with spy_generate(model) as spy:
        translate_sentences(["The council met.", "It approved the plan."], "en", "zh", backend=backend)
    token_id = model.tokenizer.convert_tokens_to_ids(">>cmn_Hans<<")
    [call] = spy.calls
    assert [row[0] for row in call["input_ids"]] == [token_id, token_id]
    assert call["forced_id"] is None


@pytest.mark.parametrize("backend", ["reference", "fast"])
def test_many_to_many_gets_source_prefix_and_forced_target(spy_generate, backend):
    entry = translation_model_for("de", "ja")
    assert entry is not None and entry.model_id == "facebook/m2m100_418M"
    model = load_model(entry.model_id, backend=backend)
    with spy_generate(model) as spy:
        out = translate_sentences(["Der Rat tagte.", "Er stimmte zu."], "de", "ja", backend=backend)
    [call] = spy.calls
    assert call["forced_id"] == model.tokenizer.get_lang_id("ja")
    assert [row[0] for row in call["input_ids"]] == [model.tokenizer.get_lang_id("de")] * 2
    assert all("__ja__" not in s for s in out)


@pytest.mark.parametrize("backend", ["reference", "fast"])
def test_single_target_opus_gets_no_token(spy_generate, backend):
    model = load_model("Helsinki-NLP/opus-mt-en-de", backend=backend)
    with spy_generate(model) as spy:
        translate_sentences(["The council met."], "en", "de", backend=backend)
    [call] = spy.calls
    assert call["forced_id"] is None
    first = model.tokenizer.convert_ids_to_tokens(call["input_ids"][0][:1])[0]
    assert not first.startswith(">>")


def test_partial_failure_keeps_the_rest(monkeypatch):
    import summarizer.translation as translation

    real_load = translation.load_model

    def load_or_fail(model_id, *args, **kwargs):
        if model_id == "Helsinki-NLP/opus-mt-en-fr":
            raise ModelUnavailable(model_id, f"model {model_id} is not downloaded (simulated)")
        return real_load(model_id, *args, **kwargs)

    monkeypatch.setattr(translation, "load_model", load_or_fail)
    translations, errors = translate_into(["The council met.", "It agreed."], "en", ["fr", "de", "xx", "zh"])
    assert set(translations) == {"de", "zh"}
    assert all(len(v) == 2 for v in translations.values())
    assert "opus-mt-en-fr" in errors["fr"] and "xx" in errors["xx"]


def test_cli_translation_failure_keeps_exit_zero(tmp_path, capsys):
    path = tmp_path / "en.txt"
    path.write_text(paragraph("en"), encoding="utf-8")
    assert main([str(path), "--translate", "fr", "xx", "--json", "--quiet", "--engine", "extractive"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["translations"]) == {"fr"} and set(data["errors"]) == {"xx"}
    assert len(data["translated_sentences"]["fr"]) == len(data["support"])


def test_unicode_survives_byte_for_byte(tmp_path, offline_env):
    # Arabic (right to left), a combining accent and CJK: the extractive summary is source text.
    article = ("وافق مجلس المدينة على الميزانية الجديدة بعد نقاش طويل. "
               "Le café ouvre à l’aube, dit Jose\u0301. "
               "市议会周二批准了新的预算。") * 1
    path = tmp_path / "mixed.txt"
    path.write_bytes(article.encode("utf-8"))
    run = subprocess.run([sys.executable, "-m", "summarizer", str(path), "--engine", "extractive",
                          "--length", "long", "--lang", "ar", "--json", "--quiet"],
                         env=offline_env, capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout.decode("utf-8"))
    for sentence in data["support"]:
        assert sentence["sentence"].encode("utf-8") in article.encode("utf-8")
    assert "\\u" not in run.stdout.decode("utf-8")  # ensure_ascii=False
    assert "Jose\u0301".encode("utf-8") in run.stdout


def test_list_languages_covers_scripts(capsys):
    assert main(["--list-languages"]) == 0
    out = capsys.readouterr().out
    for code, model in [("ar", "opus-mt-en-ar"), ("zh", "opus-mt-en-zh"), ("ru", "opus-mt-en-ru"),
                        ("hi", "opus-mt-en-hi"), ("ja", "m2m100_418M"), ("de", "opus-mt-en-de")]:
        assert any(line.startswith(code + " ") and model in line for line in out.splitlines())
