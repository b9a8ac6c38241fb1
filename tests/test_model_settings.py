"""The real models, run as their published files say: the catalogue against those files, both runtimes
against the settings table, and each fix for a difference the tiny models used to hide."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, catalogue_model_ids, paragraph

from summarizer.models.catalogue import (
    CHECK_MODELS,
    MULTILINGUAL_SUMMARY_MODEL,
    NLI_MODEL,
    SUMMARY_MODELS,
    TRANSLATION_MODELS,
)
from summarizer.models.decoding import published_generation_config
from summarizer.models.precision import compute_type
from summarizer.models.settings_table import all_rows, render_markdown, summary_rows
from summarizer.summarise.lengths import ONE_SENTENCE_PARTS

PUBLISHED = ROOT / "tests" / "data" / "model-configs"
BART_IDS = [m for m, e in SUMMARY_MODELS.items() if e.architecture == "bart"]


def folder_of(model_id: str) -> Path:
    return PUBLISHED / model_id.replace("/", "--")


@pytest.mark.parametrize("model_id", [*catalogue_model_ids(), *(m.model_id for m in CHECK_MODELS)])
def test_every_catalogue_model_keeps_its_published_files_with_their_source(model_id):
    folder = folder_of(model_id)
    source = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    assert source["model_id"] == model_id
    for name in source["files"]:
        assert (folder / name).is_file(), name
        assert source["files"][name]["url"]
    assert (folder / "config.json").is_file() or (folder / "config.card.json").is_file()
    stand_ins = [p.name for p in folder.glob("*.inferred.json")] + \
        [p.name for p in folder.glob("config.card.json")]
    for name in stand_ins:  # every stand-in for a file that could not be had is marked as one
        assert name in json.dumps(source) or name == "config.card.json", name


@pytest.mark.parametrize("model_id", list(SUMMARY_MODELS))
def test_the_catalogue_transcribes_each_summarisers_published_generation_settings(model_id):
    entry = SUMMARY_MODELS[model_id]
    published = published_generation_config(str(folder_of(model_id)))
    config = json.loads((folder_of(model_id) / "config.json").read_text(encoding="utf-8"))
    p = entry.published
    assert (p.num_beams, p.max_length, p.min_length, p.length_penalty, p.no_repeat_ngram_size) == (
        published.num_beams, published.max_length, published.min_length or 0, published.length_penalty,
        published.no_repeat_ngram_size)
    assert p.early_stopping == bool(published.early_stopping)
    assert p.input_prefix == config.get("prefix", "")
    special = {0: "<s>", 2: "</s>"} if entry.architecture == "bart" else {}
    assert p.forced_bos_token == special.get(published.forced_bos_token_id)
    assert p.forced_eos_token == special.get(published.forced_eos_token_id)
    assert p.source == ("generation_config.json" if (folder_of(model_id) / "generation_config.json").is_file()
                        else "config.json")


def test_the_catalogue_transcribes_the_translators_published_beams():
    checked = 0
    for entry in TRANSLATION_MODELS:
        folder = folder_of(entry.model_id)
        files = [folder / n for n in ("generation_config.json", "config.json") if (folder / n).is_file()]
        if files:
            published = published_generation_config(str(folder))
            assert entry.published_beams == published.num_beams, entry.model_id
            assert entry.published_max_length == published.max_length, entry.model_id
            checked += 1
    assert checked >= 8


def test_lengths_count_generated_tokens_not_the_decoders_start_token():
    """transformers' max_length 142 allows 141 generated tokens after the decoder's start token."""
    for entry in SUMMARY_MODELS.values():
        assert entry.generation.max_new_tokens == entry.published.max_length - 1
    assert SUMMARY_MODELS[MULTILINGUAL_SUMMARY_MODEL].generation.length_penalty == 0.6


def test_the_readme_shows_the_settings_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert render_markdown() in readme


def test_every_deliberate_difference_has_its_reason():
    for row in all_rows():
        product = row.reference.split("=")[-1].split(" ")[0]
        if row.setting == "beams" and row.published.split()[-1] != product:
            assert row.why, row
    [beams] = [r for r in summary_rows(SUMMARY_MODELS["sshleifer/distilbart-cnn-12-6"]) if r.setting == "beams"]
    assert beams.reference == "num_beams=2" and "discuss.huggingface.co/t/2009" in beams.why


def test_t5_family_models_never_compute_in_float16():
    both = {"float16", "bfloat16"}
    assert compute_type("mt5", "cuda", "fast", both) == "bfloat16"
    assert compute_type("mt5", "cuda", "reference", both) == "bfloat16"
    assert compute_type("t5", "cuda", "fast", {"float16"}) == "float32"  # no bfloat16: full precision
    assert compute_type("bart", "cuda", "fast", both) == "float16"
    assert compute_type("marian", "cuda", "reference", both) == "float16"
    assert compute_type("mt5", "cpu", "fast") == "int8" and compute_type("mt5", "cpu", "reference") == "float32"


def test_the_fast_path_asks_the_gpu_for_bfloat16_for_mt5(monkeypatch):
    import ctranslate2

    from summarizer.models.fast_runtime import device_and_compute_type

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types",
                        lambda device: {"float32", "float16", "bfloat16", "int8_float16"})
    assert device_and_compute_type("mt5") == ("cuda", "bfloat16")
    assert device_and_compute_type("bart") == ("cuda", "float16")


# --- both runtimes against the table, on tiny models built from the published files -------------------

def _runtimes(model_id):
    from summarizer.models.fast_runtime import FastModel
    from summarizer.models.hub import locate_model
    from summarizer.models.runtime import TransformersModel

    folder = locate_model(model_id)
    return TransformersModel(model_id, folder), FastModel(model_id, folder, quantization="float32")


@pytest.mark.usefixtures("hf_home")
@pytest.mark.parametrize("model_id", list(SUMMARY_MODELS))
def test_both_runtimes_run_each_summariser_as_the_table_says(spy_generate, model_id):
    entry = SUMMARY_MODELS[model_id]
    reference, fast = _runtimes(model_id)
    settings = replace(entry.generation, min_new_tokens=10, max_new_tokens=12)
    text = paragraph("en")
    with spy_generate(reference) as reference_spy, spy_generate(fast) as fast_spy:
        reference.generate([text], settings)
        fast.generate([text], settings)
    kwargs, options = reference_spy.calls[0]["kwargs"], fast_spy.calls[0]["options"]
    token = reference.tokenizer.convert_tokens_to_ids
    first, last = entry.published.forced_bos_token, entry.published.forced_eos_token
    assert kwargs["num_beams"] == options["beam_size"] == entry.generation.num_beams
    assert kwargs["length_penalty"] == options["length_penalty"] == entry.generation.length_penalty
    assert kwargs["no_repeat_ngram_size"] == options["no_repeat_ngram_size"] == entry.generation.no_repeat_ngram_size
    assert kwargs["early_stopping"] is True
    assert kwargs["forced_bos_token_id"] == (token(first) if first else None)
    assert options["target_prefix"] == ([[first]] if first else None)
    assert kwargs["forced_eos_token_id"] == (token(last) if last else None)
    assert options["max_decoding_length"] == 12 - (1 if last else 0)
    # The published input prefix reaches both runtimes (BART CNN: " The council..." as the old pipeline).
    expected = reference.tokenizer(entry.published.input_prefix + text).input_ids
    assert reference_spy.calls[0]["input_ids"][0] == fast_spy.calls[0]["input_ids"][0] == expected
    if entry.published.input_prefix:
        assert expected != reference.tokenizer(text).input_ids
    table = render_markdown(summary_rows(entry))
    assert f"num_beams={entry.generation.num_beams}" in table and f"beam_size={entry.generation.num_beams}" in table
    assert (f'target_prefix ["{first}"]' if first else "forced_bos_token_id=None") in table


@pytest.mark.usefixtures("hf_home")
def test_the_reference_path_uses_no_generation_value_of_the_checkpoint_it_was_not_given(spy_generate):
    """DistilBART's config.json says num_beams 4 and no_repeat_ngram_size 3: a greedy call with n-gram
    blocking off must run greedy with it off, on both runtimes alike."""
    model_id = "sshleifer/distilbart-cnn-12-6"
    reference, fast = _runtimes(model_id)
    greedy = replace(SUMMARY_MODELS[model_id].generation, num_beams=1, no_repeat_ngram_size=0,
                     min_new_tokens=20, max_new_tokens=20)
    with spy_generate(reference) as reference_spy, spy_generate(fast) as fast_spy:
        reference.generate([paragraph("en")], greedy)
        fast.generate([paragraph("en")], greedy)
    assert reference_spy.calls[0]["kwargs"]["no_repeat_ngram_size"] == 0
    assert reference_spy.calls[0]["kwargs"]["num_beams"] == 1
    reference_ids = reference_spy.calls[0]["output"][0].tolist()[1:]
    assert reference_ids[0] == reference.tokenizer.bos_token_id  # the forced <s>
    assert fast_spy.calls[0]["output_ids"][0] == reference_ids[:-1]  # less the forced end token


@pytest.mark.usefixtures("hf_home")
def test_the_published_length_is_the_length_generated(spy_generate):
    """max_new_tokens = max_length - 1: with the minimum forced to the maximum, the output (start token
    included) is exactly the published max_length."""
    model_id = "sshleifer/distilbart-cnn-6-6"
    reference, _ = _runtimes(model_id)
    entry = SUMMARY_MODELS[model_id]
    forced = replace(entry.generation, num_beams=1, min_new_tokens=entry.generation.max_new_tokens)
    with spy_generate(reference) as spy:
        reference.generate([paragraph("en")], forced)
    assert len(spy.calls[0]["output"][0]) == entry.published.max_length


@pytest.mark.usefixtures("hf_home")
def test_the_marian_padding_token_is_never_generated_on_either_runtime(spy_generate):
    model_id = "Helsinki-NLP/opus-mt-en-de"
    reference, fast = _runtimes(model_id)
    pad = reference.tokenizer.pad_token_id
    assert reference.checkpoint.bad_words_ids == ((pad,),)
    assert "<pad>" not in fast.output_ids  # the converter drops it: nothing to suppress
    settings = replace(SUMMARY_MODELS["sshleifer/distilbart-cnn-12-6"].generation, num_beams=1,
                       min_new_tokens=12, max_new_tokens=12, no_repeat_ngram_size=0)
    with spy_generate(reference) as spy:
        reference.generate(["The council met."], settings)
    assert spy.calls[0]["kwargs"]["bad_words_ids"] == [[pad]]
    assert pad not in spy.calls[0]["output"][0].tolist()[1:]


# --- a one-sentence model and the length presets ------------------------------------------------------

def _arabic_article(sentences: int) -> str:
    base = paragraph("ar")
    return " ".join(f"{base.rstrip('.')} {i}." for i in range(sentences))


@pytest.mark.parametrize("preset", ["short", "medium", "long"])
def test_a_one_sentence_model_keeps_its_published_length_at_every_preset(fake_models, preset):
    from summarizer.settings import SummarySettings
    from summarizer.summarise.pipeline import Summarizer

    model = fake_models(MULTILINGUAL_SUMMARY_MODEL)
    entry = SUMMARY_MODELS[MULTILINGUAL_SUMMARY_MODEL]
    result = Summarizer(SummarySettings(language="ar", length=preset)).summarise(_arabic_article(6))
    assert model.calls and all(call.settings.max_new_tokens == entry.published.max_length - 1
                               and call.settings.min_new_tokens == 0 for call in model.calls)
    parts = ONE_SENTENCE_PARTS[preset]
    assert len(model.calls) == parts  # one sentence for each part of the article
    assert result.chunks == parts
    joined = " ".join(call.texts[0] for call in model.calls)
    assert joined.split() == _arabic_article(6).split()  # the parts cover the article, in order
    says_so = [n for n in result.notes if "one sentence" in n]
    assert bool(says_so) == (parts > 1)


def test_a_one_sentence_model_on_a_long_article_still_writes_as_many_sentences_as_the_preset(fake_models):
    from summarizer.settings import SummarySettings
    from summarizer.summarise.pipeline import Summarizer

    model = fake_models(MULTILINGUAL_SUMMARY_MODEL)
    model.input_limit = 120  # several parts for the model's input alone
    result = Summarizer(SummarySettings(language="ar", length="medium")).summarise(_arabic_article(30))
    assert result.chunks > 2
    assert len([s for s in result.summary.split(".") if s.strip()]) == ONE_SENTENCE_PARTS["medium"]


def test_medium_on_a_long_article_is_the_published_length():
    from summarizer.summarise.lengths import LengthBudget, length_budget

    for entry in SUMMARY_MODELS.values():
        if not entry.one_sentence:
            g = entry.generation
            assert length_budget("medium", 10_000, g.max_new_tokens) == LengthBudget(g.min_new_tokens,
                                                                                      g.max_new_tokens)


def test_a_one_sentence_models_regrouping_never_summarises_one_sentence_again(fake_models):
    from summarizer.settings import SummarySettings
    from summarizer.summarise.pipeline import Summarizer

    model = fake_models(MULTILINGUAL_SUMMARY_MODEL)
    model.input_limit = 120
    result = Summarizer(SummarySettings(language="ar", length="medium")).summarise(_arabic_article(30))
    regrouped = model.calls[result.chunks:]
    assert regrouped and all(call.texts[0].count(".") >= 2 for call in regrouped)


def test_a_one_sentence_model_streams_a_draft_for_a_one_part_summary(fake_models):
    from summarizer.settings import SummarySettings
    from summarizer.summarise.pipeline import Summarizer

    events = []
    Summarizer(SummarySettings(language="ar", length="short")).summarise(
        _arabic_article(6), on_progress=events.append, show_draft=True)
    assert any(e.stage == "draft" and e.text for e in events)
