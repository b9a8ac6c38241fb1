import json
import subprocess
import sys
import threading
import time

import pytest
from conftest import paragraph
from fake_model import first_sentence

from summarizer.cli import main
from summarizer.errors import UnsupportedLanguage
from summarizer.fair_queue import FairQueue
from summarizer.models.catalogue import translation_model_for
from summarizer.models.registry import load_model
from summarizer.models.routing import (
    CHOSEN_MODEL,
    ENGLISH_MODEL,
    MULTILINGUAL_MODEL,
    VIA_ENGLISH,
    choose_route,
)
from summarizer.models.runtime import cpu_threads
from summarizer.settings import SummarySettings
from summarizer.summarise.pipeline import Summarizer
from summarizer.summarise.translation import translate_into, translate_sentences
from summarizer.text.language_detection import detect_language
from summarizer.text.segmentation import split_sentences

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


@pytest.mark.parametrize("text, language", [
    ("市议会周二批准了新的预算。", "zh"),  # the detector splits Chinese between zh, wuu and yue
    ("وافق مجلس المدينة على الميزانية الجديدة بعد نقاش طويل.", "ar"),  # and Arabic between ar, ary, arz
    ("市議会は火曜日に新しい予算を承認した。", "ja"),
])
def test_one_sentence_in_a_split_macro_language_is_certain(text, language):
    guess = detect_language(text)
    assert guess.language == language and guess.confidence >= 0.8


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


def test_cli_routes_by_detected_language(tmp_path, capsys, fake_models):
    for language, route in [("en", ENGLISH_MODEL), ("ar", MULTILINGUAL_MODEL), ("de", VIA_ENGLISH)]:
        path = tmp_path / f"{language}.txt"
        path.write_text(paragraph(language), encoding="utf-8")
        assert main([str(path), "--json", "--quiet", "--beams", "1", "--engine", "abstractive"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["language"], data["route"]) == (language, route)
    # mT5 writes one sentence a part: the medium summary is one for each of the article's two halves.
    parts = fake_models("csebuetnlp/mT5_multilingual_XLSum").calls
    assert len(parts) == 2 and " ".join(c.texts[0] for c in parts).split() == paragraph("ar").split()
    # German goes to English, is summarised there, and comes back: each model saw the previous one's output.
    to_english = fake_models("Helsinki-NLP/opus-mt-de-en").calls
    assert [t for call in to_english for t in call.texts] == split_sentences(paragraph("de"), "de")
    english_summary = fake_models("sshleifer/distilbart-cnn-12-6").calls[-1]
    assert english_summary.texts[0].startswith("[en] ")
    assert data["summary"] == f"[de] {first_sentence(english_summary.texts[0])}"


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


def test_sentence_count_is_preserved_even_for_an_overlong_sentence(fake_models):
    giant = " ".join(["The council met again and again and again"] * 160) + "."  # 1,280 words
    sentences = ["The council met.", giant, "It approved the plan.", "Work starts in March.",
                 "Bridges will be fixed.", "Buses will run more often.", "Critics were unconvinced.",
                 "The mayor spoke.", "Residents cheered.", "The vote was close."]
    for target, model_id in (("de", "Helsinki-NLP/opus-mt-en-de"), ("ja", "facebook/m2m100_418M")):
        out = translate_sentences(sentences, "en", target)  # an opus-mt pair, the many-to-many fallback
        assert len(out) == len(sentences)
        assert out[0] == f"[{target}] The council met." and out[2] == f"[{target}] It approved the plan."
        # The long sentence went in pieces that fit the model, and came back as one sentence.
        texts = [t for call in fake_models(model_id).calls for t in call.texts]
        assert len(texts) > len(sentences)
        assert all(fake_models(model_id).count_tokens(t) <= fake_models(model_id).input_limit for t in texts)
        assert out[1].count(f"[{target}]") == len(texts) - len(sentences) + 1
        joined = out[1].replace(f"[{target}] ", " ")  # Japanese joins the pieces with no space
        assert "".join(joined.split()) == "".join(giant.split())


def test_source_equal_target_returns_text_untouched():
    sentences = ["مرحبا بالعالم.", "Café ét́é 東京."]
    assert translate_sentences(sentences, "ar", "ar") == sentences


@pytest.mark.parametrize("runtime", ["reference", "fast"])
def test_multi_target_opus_gets_its_language_token_first(hf_home, spy_generate, runtime):
    model = load_model("Helsinki-NLP/opus-mt-en-zh", runtime=runtime)
    with spy_generate(model) as spy:
        translate_sentences(["The council met.", "It approved the plan."], "en", "zh", runtime=runtime)
    token_id = model.tokenizer.convert_tokens_to_ids(">>cmn_Hans<<")
    [call] = spy.calls
    assert [row[0] for row in call["input_ids"]] == [token_id, token_id]
    assert call["forced_id"] is None


@pytest.mark.parametrize("runtime", ["reference", "fast"])
def test_many_to_many_gets_source_prefix_and_forced_target(hf_home, spy_generate, runtime):
    entry = translation_model_for("de", "ja")
    assert entry is not None and entry.model_id == "facebook/m2m100_418M"
    model = load_model(entry.model_id, runtime=runtime)
    with spy_generate(model) as spy:
        out = translate_sentences(["Der Rat tagte.", "Er stimmte zu."], "de", "ja", runtime=runtime)
    [call] = spy.calls
    assert call["forced_id"] == model.tokenizer.get_lang_id("ja")
    assert [row[0] for row in call["input_ids"]] == [model.tokenizer.get_lang_id("de")] * 2
    assert all("__ja__" not in s for s in out)


@pytest.mark.parametrize("runtime", ["reference", "fast"])
def test_single_target_opus_gets_no_token(hf_home, spy_generate, runtime):
    model = load_model("Helsinki-NLP/opus-mt-en-de", runtime=runtime)
    with spy_generate(model) as spy:
        translate_sentences(["The council met."], "en", "de", runtime=runtime)
    [call] = spy.calls
    assert call["forced_id"] is None
    first = model.tokenizer.convert_ids_to_tokens(call["input_ids"][0][:1])[0]
    assert not first.startswith(">>")


def test_partial_failure_keeps_the_rest(monkeypatch, fake_models):
    import summarizer.models.registry as models

    monkeypatch.delitem(models.loaded_models, ("Helsinki-NLP/opus-mt-en-fr", "fast"))  # not downloaded
    translations, errors = translate_into(["The council met.", "It agreed."], "en", ["fr", "de", "xx", "zh"])
    assert translations == {"de": ["[de] The council met.", "[de] It agreed."],
                            "zh": ["[zh] The council met.", "[zh] It agreed."]}
    assert "opus-mt-en-fr" in errors["fr"] and "not downloaded" in errors["fr"]
    assert "xx" in errors["xx"]


def test_languages_are_translated_side_by_side_and_keep_their_order(monkeypatch, fake_models):
    """Three targets on two cores: two translations are in flight at once (a sequential loop would
    time out at the barrier), and the result still lists the languages in the order asked."""
    monkeypatch.setenv("SUMMARIZER_THREADS", "2")
    both_started = threading.Barrier(2, timeout=10)
    for model_id in ("Helsinki-NLP/opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-de"):
        model = fake_models(model_id)
        answer = model.respond

        def respond(text, token, answer=answer):
            both_started.wait()  # fr and de must meet here
            return answer(text, token)
        model.respond = respond
    translations, errors = translate_into(["The council met."], "en", ["fr", "zh", "de"])
    assert errors == {} and list(translations) == ["fr", "zh", "de"]
    assert translations["de"] == ["[de] The council met."]


def test_cores_are_lent_first_come_first_served_and_never_oversubscribed(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_THREADS", "2")
    cores, busy, most, order = FairQueue(capacity=cpu_threads), [0], [0], []
    guard = threading.Lock()

    def work(name, count, pause):
        with cores.turn(count):
            with guard:
                busy[0] += 2 if count is None else count
                most[0] = max(most[0], busy[0])
                order.append(name)
            time.sleep(pause)
            with guard:
                busy[0] -= 2 if count is None else count

    threads = [threading.Thread(target=work, args=("one-a", 1, 0.3))]
    threads[0].start()
    time.sleep(0.05)
    for name, count in (("all", None), ("one-b", 1)):  # one-b waits behind the whole-machine request
        threads.append(threading.Thread(target=work, args=(name, count, 0.1)))
        threads[-1].start()
        time.sleep(0.05)
    for thread in threads:
        thread.join(10)
    assert order == ["one-a", "all", "one-b"] and most[0] == 2


def test_cli_translation_failure_keeps_exit_zero(tmp_path, capsys, fake_models):
    path = tmp_path / "en.txt"
    path.write_text(paragraph("en"), encoding="utf-8")
    assert main([str(path), "--translate", "fr", "xx", "--json", "--quiet", "--engine", "extractive"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert set(data["translations"]) == {"fr"} and set(data["errors"]) == {"xx"}
    summary_sentences = split_sentences(data["summary"], "en")
    assert data["translated_sentences"]["fr"] == [f"[fr] {s}" for s in summary_sentences]
    assert "translation into xx failed" in captured.err


@pytest.mark.subprocess
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


@pytest.fixture
def hub_cache(monkeypatch, tmp_path):
    """An empty Hugging Face cache; `hub_cache(id)` puts a snapshot of `id` in it."""
    from hf_cache import snapshot_dir
    from huggingface_hub import constants

    import summarizer.models.registry as registry

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setattr(registry, "loaded_models", type(registry.loaded_models)())  # none loaded either
    return lambda model_id: snapshot_dir(tmp_path, model_id)


def test_models_to_fetch_lists_what_the_route_lacks_in_order(hub_cache):
    german = Summarizer(SummarySettings())
    assert german.models_to_fetch("de") == ["Helsinki-NLP/opus-mt-de-en", "sshleifer/distilbart-cnn-12-6",
                                            "Helsinki-NLP/opus-mt-en-de"]
    hub_cache("sshleifer/distilbart-cnn-12-6")
    assert german.models_to_fetch("de") == ["Helsinki-NLP/opus-mt-de-en", "Helsinki-NLP/opus-mt-en-de"]
    assert german.models_to_fetch("en") == []
    assert german.models_to_fetch("ar") == ["csebuetnlp/mT5_multilingual_XLSum"]
    assert Summarizer(SummarySettings(model="someone/their-model")).models_to_fetch("en") == [
        "someone/their-model"]


def test_models_to_fetch_is_empty_when_no_model_would_run(hub_cache, tmp_path):
    assert Summarizer(SummarySettings(engine="extractive")).models_to_fetch("de") == []
    assert Summarizer(SummarySettings()).models_to_fetch("la") == []  # no route: extractive
    assert Summarizer(SummarySettings(model=str(tmp_path))).models_to_fetch("en") == []  # a local folder


def test_every_language_the_detector_can_name_has_a_name_for_readers():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from summarizer.languages import LANGUAGE_NAMES, language_name
    from summarizer.text.language_detection import _ALIASES

    labels = LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes
    codes = {_ALIASES.get(label, label) for label in labels} - {"zxx"}  # zxx: no linguistic content
    assert codes <= set(LANGUAGE_NAMES)
    assert language_name("eo") == "Esperanto"
