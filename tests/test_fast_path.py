"""The fast runtime (CTranslate2) answers like the reference runtime (transformers) for every architecture."""

import shutil

import pytest

from summarizer.models.fast_runtime import FastModel, converted_folder
from summarizer.models.hub import locate_model
from summarizer.models.runtime import TransformersModel
from summarizer.settings import GenerationSettings

CASES = [  # (model, text, source language, forced target token)
    ("sshleifer/distilbart-cnn-12-6", "The council approved the budget after a long debate.", None, None),
    ("csebuetnlp/mT5_multilingual_XLSum", "وافق مجلس المدينة على الميزانية الجديدة.", None, None),
    ("Helsinki-NLP/opus-mt-en-zh", ">>cmn_Hans<< The council approved the budget.", "en", None),
    ("facebook/m2m100_418M", "Der Rat hat den Haushalt beschlossen.", "de", "__ja__"),
]
GREEDY = GenerationSettings(num_beams=1, min_new_tokens=12, max_new_tokens=12, length_penalty=1.0,
                            no_repeat_ngram_size=0)

pytestmark = pytest.mark.usefixtures("hf_home")


def content(ids, tokenizer, drop_first=False):
    """Generated ids without the decoder start token (reference) or the end token (both)."""
    ids = list(ids[1:] if drop_first else ids)
    if ids and ids[-1] == tokenizer.eos_token_id:
        ids.pop()
    return ids


@pytest.mark.parametrize("model_id, text, source, target", CASES)
def test_greedy_ids_equal_the_reference_in_full_precision(spy_generate, model_id, text, source, target):
    folder = locate_model(model_id)
    reference = TransformersModel(model_id, folder)
    fast = FastModel(model_id, folder, quantization="float32")
    with spy_generate(reference) as reference_spy, spy_generate(fast) as fast_spy:
        reference_text = reference.generate([text], GREEDY, source_language=source, target_token=target)
        fast_text = fast.generate([text], GREEDY, source_language=source, target_token=target)
    reference_ids = content(reference_spy.calls[0]["output"][0].tolist(), reference.tokenizer, True)
    fast_ids = content(fast_spy.calls[0]["output_ids"][0], fast.tokenizer)
    assert fast_spy.calls[0]["input_ids"] == reference_spy.calls[0]["input_ids"]
    assert len(reference_ids) >= 10
    assert fast_ids == reference_ids
    assert fast_text == reference_text


@pytest.mark.parametrize("model_id, text, source, target", CASES)
def test_int8_output_is_text_of_the_requested_length(spy_generate, model_id, text, source, target):
    fast = FastModel(model_id, locate_model(model_id))
    assert fast.compute_type == "int8" and fast.runtime == "fast"
    with spy_generate(fast) as spy:
        [out] = fast.generate([text], GREEDY, source_language=source, target_token=target)
    assert isinstance(out, str) and out.strip()
    generated = spy.calls[0]["output_ids"][0]
    forced_eos = fast.checkpoint.forced_eos_token_id is not None
    assert len(generated) == GREEDY.max_new_tokens - (1 if forced_eos else 0)


def test_conversion_is_cached_on_disk_beside_the_hf_cache(hf_home):
    model_id = "Helsinki-NLP/opus-mt-en-de"
    folder = locate_model(model_id)
    FastModel(model_id, folder)
    target = converted_folder(folder, "int8")
    assert target.is_relative_to(hf_home) and (target / "model.bin").is_file()
    events = []
    FastModel(model_id, folder, on_progress=events.append)
    assert not [e for e in events if e.stage == "convert"]  # converted once, reused


def test_first_use_reports_the_conversion(tmp_path, monkeypatch):
    import summarizer.models.fast_runtime as fast_runtime

    monkeypatch.setattr(fast_runtime.constants, "HF_HOME", str(tmp_path))
    events = []
    FastModel("Helsinki-NLP/opus-mt-en-fr", locate_model("Helsinki-NLP/opus-mt-en-fr"),
              on_progress=events.append)
    assert [e.stage for e in events] == ["convert"]
    assert events[0].message.startswith("Preparing") and "first use only" in events[0].message


def test_padding_entries_of_the_converted_vocabulary_keep_their_ids(tmp_path, spy_generate):
    """The converter pads M2M100's vocabulary with `madeupword…` entries the tokenizer cannot name; a
    model that emits them must give the same ids on both runtimes, not `<unk>` on the fast one."""
    import tiny_models
    import torch
    from transformers import M2M100ForConditionalGeneration

    model_id = "facebook/m2m100_418M"
    folder = tiny_models.build_model(tmp_path, model_id)
    weights = M2M100ForConditionalGeneration.from_pretrained(folder)
    padding_id = weights.config.vocab_size - 1
    with torch.no_grad():  # every decoder state becomes `direction`, which the padding entry matches best
        direction = torch.ones(weights.config.d_model)
        weights.model.decoder.layer_norm.weight.zero_()
        weights.model.decoder.layer_norm.bias.copy_(direction)
        weights.lm_head.weight[padding_id] = direction
    weights.save_pretrained(folder)

    reference = TransformersModel(model_id, str(folder))
    fast = FastModel(model_id, str(folder), quantization="float32")
    padding_token = next(t for t, i in fast.output_ids.items() if i == padding_id)
    assert padding_token.startswith("madeupword")
    assert fast.tokenizer.convert_tokens_to_ids(padding_token) == fast.tokenizer.unk_token_id
    text, source, target = "Der Rat hat den Haushalt beschlossen.", "de", "__ja__"
    with spy_generate(reference) as reference_spy, spy_generate(fast) as fast_spy:
        reference_text = reference.generate([text], GREEDY, source_language=source, target_token=target)
        fast_text = fast.generate([text], GREEDY, source_language=source, target_token=target)
    reference_ids = content(reference_spy.calls[0]["output"][0].tolist(), reference.tokenizer, True)
    fast_ids = content(fast_spy.calls[0]["output_ids"][0], fast.tokenizer)
    assert padding_id in reference_ids[1:]  # after the forced language token
    assert fast_ids == reference_ids
    assert fast_text == reference_text


def test_a_conversion_that_loses_the_race_keeps_the_winners_copy(tmp_path, monkeypatch):
    """Batch workers or two servers may convert the same model at the same moment."""
    import summarizer.models.fast_runtime as fast_runtime

    monkeypatch.setattr(fast_runtime.constants, "HF_HOME", str(tmp_path))
    folder = locate_model("Helsinki-NLP/opus-mt-en-es")
    target = fast_runtime.convert("Helsinki-NLP/opus-mt-en-es", folder, "int8")
    in_use = FastModel("Helsinki-NLP/opus-mt-en-es", folder)
    second = tmp_path / "converted-by-another-process"
    shutil.copytree(target, second)
    fast_runtime._publish(second, target)  # the rename finds the target in place: no error, no deletion
    assert (target / "model.bin").is_file() and in_use.converted == target
    assert in_use.generate(["The council met."], GREEDY)[0]
    leftover = tmp_path / "interrupted"
    leftover.mkdir()
    (leftover / "shared_vocabulary.json").write_text("[]")
    fast_runtime._publish(second, leftover)  # a folder without model.bin is never a finished conversion
    assert (leftover / "model.bin").is_file() and not second.exists()


SUMMARISER = "sshleifer/distilbart-cnn-12-6"
ARTICLE = ("The council approved the budget on Tuesday after a long debate. Mayor Linda Osei said the plan "
           "would rebuild 1.8 miles of seawall by 2027.")


@pytest.mark.parametrize("runtime", ["fast", "reference"])
def test_streamed_greedy_ids_equal_the_reference_generate_in_full_precision(spy_generate, runtime):
    folder = locate_model(SUMMARISER)
    reference = TransformersModel(SUMMARISER, folder)
    streamer = reference if runtime == "reference" else FastModel(SUMMARISER, folder, quantization="float32")
    with spy_generate(reference) as spy:
        reference.generate([ARTICLE], GREEDY)
    expected = [i for i in content(spy.calls[0]["output"][0].tolist(), reference.tokenizer, True)
                if i not in reference.tokenizer.all_special_ids]
    [row] = streamer.encode([ARTICLE], None)
    assert list(streamer.stream_ids(row, streamer.decoding(GREEDY))) == expected and len(expected) >= 10
    drafts = list(streamer.stream(ARTICLE, GREEDY))
    assert len(drafts) == len(expected)  # one report per token, each the text so far
    assert drafts[-1] == reference.decode([expected])[0]


def test_the_vocabulary_map_keeps_output_to_the_articles_words_and_the_requested_length(spy_generate):
    from summarizer.models.registry import build_model
    from summarizer.models.vocabulary_map import MAP_FILE

    fast = build_model(SUMMARISER, locate_model(SUMMARISER))
    assert fast.use_vmap and (fast.converted / MAP_FILE).is_file()
    lines = (fast.converted / MAP_FILE).read_text(encoding="utf-8").splitlines()
    always = set(lines[0].split("\t")[1].split())
    rules = dict(line.split("\t") for line in lines[1:])
    [row] = fast.encode([ARTICLE], None)
    source = fast.tokenizer.convert_ids_to_tokens(row)
    allowed = always | {t for token in source for t in rules.get(token, "").split()}
    allowed |= {fast.tokenizer.convert_ids_to_tokens(i) for i in fast.special_ids}
    # The map really narrows the choice: with the real tokenizer, about 54 % of it (README, "Faster decoding").
    assert len(allowed) < 0.6 * len(fast.output_ids)
    settings = GenerationSettings(num_beams=2, min_new_tokens=20, max_new_tokens=20, length_penalty=2.0,
                                  no_repeat_ngram_size=3)
    with spy_generate(fast) as spy:
        [text] = fast.generate([ARTICLE], settings)
    [ids] = spy.calls[0]["output_ids"]
    assert spy.calls[0]["options"]["use_vmap"] is True
    assert len(ids) == settings.max_new_tokens - 1  # the last position is the forced end token
    assert {fast.tokenizer.convert_ids_to_tokens(i) for i in ids} <= allowed
    assert text.strip()
    streamed = list(fast.stream(ARTICLE, settings))
    assert streamed and streamed[-1].strip()


def test_the_vocabulary_map_can_be_turned_off(monkeypatch):
    from summarizer.models.registry import build_model, vocabulary_map_languages

    assert vocabulary_map_languages(SUMMARISER) == ("en",)
    assert vocabulary_map_languages("Helsinki-NLP/opus-mt-en-de") == ()  # translators: full vocabulary
    assert vocabulary_map_languages("csebuetnlp/mT5_multilingual_XLSum") == ()
    monkeypatch.setenv("SUMMARIZER_VOCABULARY_MAP", "0")
    assert not build_model(SUMMARISER, locate_model(SUMMARISER)).use_vmap


def test_the_reference_path_encodes_an_article_once_for_several_lengths_and_the_draft():
    folder = locate_model(SUMMARISER)
    model, fresh = TransformersModel(SUMMARISER, folder), TransformersModel(SUMMARISER, folder)
    encoded = []
    model.model.get_encoder().register_forward_hook(lambda *_: encoded.append(1))
    lengths = [GenerationSettings(num_beams=2, min_new_tokens=n, max_new_tokens=n, length_penalty=2.0,
                                  no_repeat_ngram_size=3) for n in (8, 16, 24)]
    [row] = model.encode([ARTICLE], None)
    outputs = [model.generate_ids([row], model.decoding(settings)) for settings in lengths]
    draft = list(model.stream_ids(row, model.decoding(GREEDY)))
    assert len(encoded) == 1
    assert outputs == [fresh.generate_ids([row], fresh.decoding(settings)) for settings in lengths]  # as anew
    assert draft == list(fresh.stream_ids(row, fresh.decoding(GREEDY)))
    model.generate_ids([row[:-2] + row[-1:]], model.decoding(lengths[0]))  # another text is encoded anew
    assert len(encoded) == 2


BEAM_CASES = [(model_id, beams, penalty, ngrams)
              for model_id in ("sshleifer/distilbart-cnn-12-6", "Helsinki-NLP/opus-mt-en-de")
              for beams in (2, 4) for penalty in (2.0, 0.6) for ngrams in (0, 3)]


@pytest.mark.parametrize("model_id, beams, penalty, ngrams", BEAM_CASES)
def test_beam_search_ids_equal_the_reference_in_full_precision(model_id, beams, penalty, ngrams):
    """Both runtimes get the same Decoding; with bans (repeated n-grams, an early end) scored the same way
    (renormalised) and the same minimum, the same beams win."""
    import random

    folder = locate_model(model_id)
    reference = TransformersModel(model_id, folder)
    fast = FastModel(model_id, folder, quantization="float32")
    words = "The council approved the budget on Tuesday after a long debate about the harbour".split()
    special = set(reference.tokenizer.all_special_ids)
    for seed, (shortest, longest) in enumerate([(5, 12), (0, 30)]):
        random.Random(seed).shuffle(words)
        settings = GenerationSettings(num_beams=beams, min_new_tokens=shortest, max_new_tokens=longest,
                                      length_penalty=penalty, no_repeat_ngram_size=ngrams)
        rows = reference.encode([" ".join(words)], None)
        expected = reference.generate_ids(rows, reference.decoding(settings))[0]
        got = fast.generate_ids(rows, fast.decoding(settings))[0]
        assert [i for i in got if i not in special] == [i for i in expected if i not in special]


@pytest.mark.parametrize("model_id, target", [("sshleifer/distilbart-cnn-12-6", None),
                                              ("csebuetnlp/mT5_multilingual_XLSum", None),
                                              ("Helsinki-NLP/opus-mt-en-de", None),
                                              ("facebook/m2m100_418M", "__fr__")])
def test_the_reference_path_applies_no_generation_value_the_decoding_does_not_name(model_id, target):
    """Whatever the checkpoint's generation config holds, what generate() runs is what both runtimes
    were given: only the token ids both read from the checkpoint come from it."""
    from transformers import GenerationConfig

    reference = TransformersModel(model_id, locate_model(model_id))
    forced = reference.tokenizer.convert_tokens_to_ids(target) if target else None
    kwargs = reference.decoding(GREEDY, forced).reference_kwargs()
    effective, _ = reference.model._prepare_generation_config(None, **kwargs)
    ids = ("bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id")
    bare = GenerationConfig(**{name: getattr(reference.model.generation_config, name) for name in ids})
    reference.model.generation_config = bare  # a checkpoint that publishes no generation setting at all
    baseline, _ = reference.model._prepare_generation_config(None, **kwargs)
    superseded = {"max_length", "min_length"}  # max_new_tokens and min_new_tokens take their place
    differing = {name for name, value in effective.to_dict().items()
                 if name not in superseded and not name.startswith("_") and name != "transformers_version"
                 and baseline.to_dict().get(name) != value}
    assert not differing, f"from the checkpoint, unnamed: {sorted(differing)}"
