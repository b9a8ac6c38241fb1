"""The summariser's flow (chunks, reduce passes, budgets, progress) with fake models that echo."""

import pytest
from conftest import paragraph

from summarizer.settings import SummarySettings
from summarizer.summarise.pipeline import NOT_FETCHABLE, Summarizer

MODEL = "sshleifer/distilbart-cnn-6-6"


def summarise(text, **settings):
    events = []
    settings = SummarySettings(model=MODEL, num_beams=1, **settings)
    result = Summarizer(settings).summarise(text, on_progress=events.append)
    return result, events


def test_short_article_is_one_chunk(fake_models):
    fake_models(MODEL).answers = ["The council approved a budget."]
    result, events = summarise(paragraph("en"), length="short")
    assert [call.texts for call in fake_models(MODEL).calls] == [[paragraph("en")]]
    assert result.summary == "The council approved a budget."
    assert result.chunks == 1
    assert result.engine == "abstractive" and result.model == MODEL and result.runtime == "fast"
    assert (result.source_words, result.summary_words) == (40, 5)
    assert result.compression == round(5 / 40, 3)
    assert set(result.timings) >= {"load", "summarise"}
    assert not any(e.stage == "reduce" for e in events)


def test_long_article_is_chunked_and_reduced(fake_models, long_english):
    model = fake_models(MODEL)
    model.input_limit = 300
    model.respond = lambda text, token: text  # chunk summaries as long as the chunks: a reduce is needed
    result, events = summarise(long_english, length="short", max_tokens=20)
    chunk_events = [e for e in events if e.stage == "summarise"]
    assert result.chunks > 1
    assert [e.step for e in chunk_events] == list(range(1, result.chunks + 1))
    assert all(e.total == result.chunks for e in chunk_events)
    # Every chunk fits the model's input, and the chunks cover the article in order.
    chunk_calls = model.calls[:result.chunks]
    assert all(model.count_tokens(call.texts[0]) <= 300 for call in chunk_calls)
    assert " ".join(call.texts[0] for call in chunk_calls).split() == long_english.split()
    assert any(e.stage == "reduce" for e in events)
    assert len(model.calls) > result.chunks  # the reduce passes ran the model again
    partials = [e for e in events if e.stage == "partial"]
    assert [e.step for e in partials] == list(range(1, result.chunks + 1))
    assert [e.text for e in partials] == [call.texts[0] for call in chunk_calls]


def test_joined_chunk_summaries_within_budget_are_not_reduced(fake_models, long_english):
    model = fake_models(MODEL)
    model.input_limit = 300
    model.respond = lambda text, token: text.split(":")[0] + "."  # "Report 0." for the chunk "Report 0: ..."
    result, events = summarise(long_english, length="long")
    assert result.chunks > 1 and len(model.calls) == result.chunks
    assert not any(e.stage == "reduce" for e in events)
    assert result.summary == " ".join(call.texts[0].split(":")[0] + "." for call in model.calls)


@pytest.mark.parametrize("min_tokens, max_tokens", [(8, 8), (20, 40)])
def test_explicit_token_budget_is_obeyed(fake_models, min_tokens, max_tokens):
    summarise(paragraph("en"), min_tokens=min_tokens, max_tokens=max_tokens)
    [call] = fake_models(MODEL).calls
    assert (call.settings.min_new_tokens, call.settings.max_new_tokens) == (min_tokens, max_tokens)
    assert call.settings.num_beams == 1


def test_presets_ask_the_model_for_longer_summaries(fake_models):
    for preset in ("short", "medium", "long"):
        summarise(" ".join([paragraph("en")] * 10), length=preset)
    maxima = [call.settings.max_new_tokens for call in fake_models(MODEL).calls]
    assert maxima == sorted(set(maxima)) and len(maxima) == 3


def test_settings_save_and_load_round_trip(tmp_path):
    settings = SummarySettings(model=MODEL, length="long", max_tokens=90,
                               translate_to=("fr", "ar"), runtime="reference")
    settings.save(tmp_path / "settings.json")
    assert SummarySettings.load(tmp_path / "settings.json") == settings


def test_a_plan_says_what_will_run_without_running_it(fake_models, monkeypatch):
    monkeypatch.setattr("summarizer.summarise.pipeline.loaded_model", lambda *args: None)  # none loaded yet
    text = paragraph("en")
    assert Summarizer(SummarySettings(engine="extractive")).plan(text).engine == "extractive"
    offline = Summarizer(SummarySettings()).plan(text)  # the fakes' cache is empty and HF is offline
    assert (offline.engine, offline.reason) == ("extractive", NOT_FETCHABLE)
    assert "sshleifer/distilbart-cnn-12-6" in offline.to_download
    esperanto = Summarizer(SummarySettings(language="eo")).plan("La urbo aprobis novan buĝeton. " * 5)
    assert esperanto.engine == "extractive" and "Esperanto" in esperanto.reason
    assert not [call for fake in fake_models.values() for call in getattr(fake, "calls", [])]  # nothing ran


@pytest.mark.parametrize("model_id", [MODEL, "csebuetnlp/mT5_multilingual_XLSum"])
@pytest.mark.parametrize("length", ["short", "long"])
def test_with_the_model_loaded_the_plan_counts_the_parts_the_run_makes(fake_models, model_id, length):
    fake_models(model_id)
    language = "en" if model_id == MODEL else "fr"
    text = " ".join(f"{paragraph(language)} ({n})" for n in range(12))  # long: several parts
    settings = SummarySettings(model=model_id, length=length, language=language, engine="abstractive")
    plan = Summarizer(settings).plan(text)
    result = Summarizer(settings).summarise(text)
    assert plan.parts_exact and plan.chunks == result.chunks
    assert plan.to_download == () and plan.reason is None  # a loaded model is here: nothing to fetch


def test_a_page_sees_a_streamed_draft_before_the_beam_search_final(fake_models):
    model = fake_models(MODEL)
    model.drafts = ["A quick greedy draft of the budget story."]
    model.answers = ["The council approved the budget."]
    events = []
    result = Summarizer(SummarySettings(model=MODEL, num_beams=2)).summarise(
        paragraph("en"), on_progress=events.append, show_draft=True)
    drafts = [e.text for e in events if e.stage == "draft"]
    assert drafts[0] == "A" and drafts[-1] == "A quick greedy draft of the budget story."
    assert all(later.startswith(earlier) for earlier, later in zip(drafts, drafts[1:]))
    assert [call.settings.num_beams for call in model.calls] == [1, 2]  # draft, then the final
    assert result.summary == "The council approved the budget."  # the draft is replaced


def test_with_one_beam_the_streamed_draft_is_the_summary_and_nothing_runs_twice(fake_models):
    model = fake_models(MODEL)
    model.drafts = ["The council approved the budget."]
    events = []
    result = Summarizer(SummarySettings(model=MODEL, num_beams=1)).summarise(
        paragraph("en"), on_progress=events.append, show_draft=True)
    assert len(model.calls) == 1 and result.summary == "The council approved the budget."
    assert [e.message for e in events if e.stage == "draft"][-1] == "Writing the summary"


def test_without_show_draft_or_for_a_long_article_no_draft_is_written(fake_models, long_english):
    model = fake_models(MODEL)
    _, events = summarise(paragraph("en"))
    model.input_limit = 300
    events_long = []
    Summarizer(SummarySettings(model=MODEL, num_beams=2, length="short")).summarise(
        long_english, on_progress=events_long.append, show_draft=True)
    assert not [e for e in events + events_long if e.stage == "draft"]


def test_thai_lines_reach_the_model_with_a_space_between_them(fake_models):
    """Thai and Burmese put a space between sentences; joined with none, two read as one run of words."""
    from summarizer.text.segmentation import join_sentences, split_segments

    thai = ("สภาเมืองอนุมัติงบประมาณใหม่หลังการอภิปรายที่ยาวนาน\n"
            "นายกเทศมนตรีกล่าวว่าแผนนี้จะซ่อมแซมกำแพงกันคลื่นภายในปีหน้า")
    assert split_segments(thai, "th")[0].text.count(" ") >= 1
    assert join_sentences(["ก", "ข"], "th") == "ก ข" and join_sentences(["ဂ", "ဃ"], "my") == "ဂ ဃ"
    assert join_sentences(["市议会批准。", "市长说。"], "zh") == "市议会批准。市长说。"
    settings = SummarySettings(model="csebuetnlp/mT5_multilingual_XLSum", language="th", length="short",
                               engine="abstractive")
    Summarizer(settings).summarise(thai)
    [call] = fake_models("csebuetnlp/mT5_multilingual_XLSum").calls
    assert "ยาวนาน นายกเทศมนตรี" in call.texts[0]
