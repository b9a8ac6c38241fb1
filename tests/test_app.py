"""The page, driven through Streamlit's AppTest, with fake models answering (tests/fake_model.py)."""

import pytest
import streamlit as st
from conftest import ROOT, paragraph
from streamlit.testing.v1 import AppTest

import summarizer.models.registry as models
from summarizer.evaluate.rouge import read_pairs
from summarizer.text.segmentation import split_sentences

TIMEOUT = 120
DEFAULT_MODEL = "sshleifer/distilbart-cnn-12-6"

pytestmark = pytest.mark.app


@pytest.fixture(autouse=True)
def fresh_server(fake_models, monkeypatch):
    """Each test is a fresh server: no result cached by an earlier test, a new queue and rate limit."""
    import summarizer.admission as admission

    st.cache_resource.clear()
    st.cache_data.clear()
    monkeypatch.setattr(admission, "_shared", {})


@pytest.fixture
def any_model(monkeypatch):
    """The operator's setting that lets visitors name any Hub id or folder (off on a public site)."""
    monkeypatch.setenv("SUMMARIZER_ANY_MODEL", "1")


def new_app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def html_blocks(at: AppTest, css_class: str) -> list[str]:
    return [h.proto.body for h in at.html if f'class="literal {css_class}"' in h.proto.body]


def notices(at: AppTest, kind: str) -> list[str]:
    return [h.proto.body for h in at.html if f'class="notice notice-{kind}"' in h.proto.body]


def summarise(at: AppTest, text: str, **widgets) -> AppTest:
    at.text_area(key="article").set_value(text)
    for key, value in widgets.items():
        at.session_state[key] = value
    at.run()
    return button(at, "Summarise").click().run()


def test_example_loads_and_live_stats_run_no_model():
    at = new_app()
    assert not at.exception
    loaded_before = set(models.loaded_models)
    assert [b.label for b in at.button][:1] == ["English"]  # no browser language: English first
    button(at, "Arabic").click().run()  # one click loads it
    assert at.text_area(key="article").value.startswith("مدينة ساحلية")
    [stats] = html_blocks(at, "literal-stats")
    assert "Language: Arabic" in stats and "words" in stats
    [plan] = html_blocks(at, "literal-plan")
    assert "Summarise will" in plan  # what will run is said before it runs
    at.radio(key="length").set_value("long").run()
    at.multiselect(key="targets").set_value(["fr"]).run()
    assert set(models.loaded_models) == loaded_before  # widgets and typing never run a model
    assert "result" not in at.session_state


def test_model_choices_show_languages_size_licence_and_custom_field(any_model):
    at = new_app()
    select = at.selectbox(key="model_choice")
    labels = select.options  # AppTest gives the labels as the page shows them
    assert max(len(label) for label in labels) <= 45  # whole at a phone's width, not cut mid-word
    select.set_value(DEFAULT_MODEL).run()
    [details] = html_blocks(at, "literal-model-details")
    assert "Apache-2.0" in details and "GB" in details and "English" in details
    select.set_value("csebuetnlp/mT5_multilingual_XLSum").run()
    [details] = html_blocks(at, "literal-model-details")
    assert "CC BY-NC-SA" in details and "43 languages" in details
    select.set_value("custom").run()
    assert at.text_input(key="custom_model")


def test_summary_with_translations_stats_and_rtl_columns(fake_models):
    fake_models(DEFAULT_MODEL).answers = ["The council approved a budget. Work starts in March."]
    at = summarise(new_app(), paragraph("en"), targets=["fr", "ar"], engine="abstractive")
    assert not at.exception
    result = at.session_state["result"]
    assert result.engine == "abstractive" and result.model == DEFAULT_MODEL
    assert result.translations == {"fr": "[fr] The council approved a budget. [fr] Work starts in March.",
                                   "ar": "[ar] The council approved a budget. [ar] Work starts in March."}
    [summary] = html_blocks(at, "literal-summary")
    assert "The council approved a budget. Work starts in March." in summary
    [french] = html_blocks(at, "literal-translation-fr")
    [arabic] = html_blocks(at, "literal-translation-ar")
    assert 'dir="ltr"' in french and 'dir="rtl"' in arabic
    assert "[ar] Work starts in March." in arabic
    caption = " ".join(c.value for c in at.caption)
    assert f"of {result.source_words}" in caption and "made in under a second" in caption  # never "0.0 s"
    assert [d.label for d in at.get("download_button")] == ["Download Markdown", "Download JSON"]
    assert "Where sentence 1 comes from" in [e.label for e in at.expander]


def test_status_shows_each_stage(fake_models):
    fake_models("sshleifer/distilbart-cnn-6-6").input_limit = 200
    text = "\n\n".join(f"Part {i}. {paragraph('en')}" for i in range(12))
    at = summarise(new_app(), text, targets=["de"], engine="abstractive",
                   model_choice="sshleifer/distilbart-cnn-6-6")
    chunks = at.session_state["result"].chunks
    partials = html_blocks(at, "literal-partial")
    assert chunks > 1 and len(partials) == 1  # only the latest part's summary stays in view
    assert "Part 0." not in partials[0]  # the first part's summary was replaced by later ones
    [bar] = at.get("progress")
    assert bar.proto.value == 100 and f"Part {chunks} of {chunks} done" in bar.proto.text
    assert [t.value for t in at.text][-1].startswith("Translating into German")  # one line, the latest


def test_the_page_streams_a_draft_and_then_shows_the_final_summary(fake_models, monkeypatch):
    import ui.summary_run

    shown = []
    real_literal = ui.summary_run.literal

    def recording_literal(text, language=None, name="text"):
        shown.append((name, text))
        real_literal(text, language, name)

    monkeypatch.setattr(ui.summary_run, "literal", recording_literal)
    model = fake_models("sshleifer/distilbart-cnn-6-6")
    model.drafts = ["A greedy draft <b>of</b> the story."]
    model.answers = ["The council approved the budget."]
    at = summarise(new_app(), paragraph("en"), engine="abstractive", model_choice=model.model_id)
    drafts = [text for name, text in shown if name == "draft"]
    assert drafts[0] == "A" and drafts[-1] == "A greedy draft <b>of</b> the story."  # word by word
    assert not html_blocks(at, "literal-draft")  # the final replaced it
    assert at.session_state["result"].summary == "The council approved the budget."
    assert [call.settings.num_beams for call in model.calls] == [1, 2]


def test_compare_lengths_side_by_side_with_chart():
    at = new_app()
    articles = [pair.article for pair in read_pairs(ROOT / "summarizer" / "data" / "news_en.jsonl")]
    at.text_area(key="article").set_value("\n\n".join(articles[:2])).run()
    at.session_state["engine"] = "extractive"
    button(at.run(), "Compare lengths").click().run()
    comparison = at.session_state["comparison"]
    assert list(comparison) == ["short", "medium", "long"]
    words = [r.summary_words for r in comparison.values()]
    assert words[0] < words[1] < words[2]
    for preset in comparison:
        assert html_blocks(at, f"literal-compare-{preset}")
        [head] = html_blocks(at, f"literal-compare-head-{preset}")
        assert "key sentences from the article" in head  # which engine wrote it
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_the_reference_runtime_warns_that_it_is_slow():
    at = new_app(runtime="reference")
    assert any("can take minutes" in c.value for c in at.caption)
    assert not any("can take minutes" in c.value for c in new_app().caption)


def test_same_text_and_settings_are_not_summarised_twice(monkeypatch):
    import summarizer.summarise.pipeline as pipeline

    runs = []
    real = pipeline.Summarizer.summarise

    def counted(self, text, on_progress=None, **kwargs):
        runs.append(self.settings)
        return real(self, text, on_progress=on_progress, **kwargs)

    monkeypatch.setattr(pipeline.Summarizer, "summarise", counted)
    text = paragraph("en") + " A sentence only this test uses."
    at = summarise(new_app(), text, model_choice="sshleifer/distilbart-cnn-6-6", engine="abstractive")
    button(at, "Summarise").click().run()
    other = summarise(new_app(), text, model_choice="sshleifer/distilbart-cnn-6-6", engine="abstractive")
    assert len(runs) == 1
    assert other.session_state["result"].summary == at.session_state["result"].summary
    at.radio(key="length").set_value("long").run()
    button(at, "Summarise").click().run()
    assert len(runs) == 2  # other settings: a new run


def test_query_parameters_restore_settings_and_follow_changes():
    at = new_app(model="sshleifer/distilbart-cnn-6-6", length="long", engine="extractive", to="fr,ar")
    assert at.selectbox(key="model_choice").value == "sshleifer/distilbart-cnn-6-6"
    assert at.radio(key="length").value == "long"
    assert at.radio(key="engine").value == "extractive"
    assert at.multiselect(key="targets").value == ["fr", "ar"]
    at.radio(key="length").set_value("short").run()
    assert at.query_params["length"] == "short" and at.query_params["to"] == "fr,ar"
    assert at.query_params["model"] == "sshleifer/distilbart-cnn-6-6"  # the address bar is the settings link


def test_a_model_id_from_the_address_bar_is_shown_as_text_not_markdown(any_model):
    planted = "[Click to verify your account](http://evil.example) ![x](http://evil.example/i.png)"
    at = new_app(model=planted)
    at.text_area(key="article").set_value(paragraph("en")).run()
    blocks = [h.proto.body for h in at.html]
    assert not any("<a " in block or "<img" in block for block in blocks)  # never a link or an image
    assert not [m for m in at.markdown if "evil.example" in m.value]
    assert not [c for c in at.caption if "evil.example" in c.value]


def test_unknown_query_values_fall_back_to_defaults(any_model):
    at = new_app(length="enormous", to="fr,xx,<b>", model="someone/their-model")
    assert at.radio(key="length").value == "medium"
    assert at.multiselect(key="targets").value == ["fr"]
    assert at.text_input(key="custom_model").value == "someone/their-model"


def test_missing_model_offline_is_a_clear_error_and_text_survives(any_model, caplog):
    text = paragraph("en")
    at = summarise(new_app(), text, model_choice="custom", engine="abstractive")
    at.text_input(key="custom_model").set_value("nobody/missing-model").run()
    button(at, "Summarise").click().run()
    [error] = notices(at, "error")
    assert "nobody/missing-model" in error and "not on this server" in error
    assert "hf download" not in error and "HF_" not in error  # words for readers
    assert not html_blocks(at, "literal-admin-details")  # nothing technical on a public page...
    assert "hf download" in caplog.text  # ...the server log tells the administrator what to do
    assert at.text_area(key="article").value == text
    assert not at.exception


def test_auto_engine_falls_back_with_a_notice(any_model, caplog):
    at = new_app()
    at.session_state["model_choice"] = "custom"
    at.run()
    at.text_input(key="custom_model").set_value("nobody/missing-model")
    at = summarise(at, paragraph("en"))
    assert at.session_state["result"].engine == "extractive"
    assert any("key sentences from the article" in n for n in notices(at, "info"))
    assert not html_blocks(at, "literal-fallback-details")
    assert "nobody/missing-model" in caplog.text  # why, for the administrator


def test_a_short_article_is_said_to_be_already_short():
    at = new_app()
    at.session_state["engine"] = "extractive"
    at = summarise(at, paragraph("en"))
    assert any("already short" in n for n in notices(at, "info"))
    articles = [pair.article for pair in read_pairs(ROOT / "summarizer" / "data" / "news_en.jsonl")]
    at = summarise(at, articles[0])
    assert not any("already short" in n for n in notices(at, "info"))


def test_the_article_box_refuses_text_over_the_limit_as_it_is_pasted(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MAX_CHARS", "300")
    assert new_app().text_area(key="article").proto.max_chars == 300


def test_one_failed_language_never_hides_the_others(monkeypatch, caplog):
    monkeypatch.delitem(models.loaded_models, ("Helsinki-NLP/opus-mt-en-fr", "fast"))  # not downloaded
    at = summarise(new_app(), paragraph("en"), targets=["fr", "de"], engine="extractive")
    [error] = notices(at, "error")
    assert "No translation into French" in error and "opus-mt" not in error  # words for readers
    assert not html_blocks(at, "literal-error-fr")
    assert "opus-mt-en-fr" in caplog.text and "not downloaded" in caplog.text  # the reason, in the log
    assert not html_blocks(at, "literal-translation-fr")
    [german] = html_blocks(at, "literal-translation-de")
    summary = at.session_state["result"].summary
    assert german.count("[de]") == len(split_sentences(summary, "en")) and html_blocks(at, "literal-summary")


def test_two_sessions_see_only_their_own_text():
    first = summarise(new_app(), paragraph("en"), engine="extractive")
    second = summarise(new_app(), paragraph("es"), engine="extractive")
    assert first.session_state["result"].language == "en"
    assert second.session_state["result"].language == "es"
    assert "Tuesday" in html_blocks(first, "literal-summary")[0]
    assert "Tuesday" not in html_blocks(second, "literal-summary")[0]


def test_article_text_is_never_html_or_markdown():
    payload = ("<script>alert(1)</script><img src=x onerror=alert(2)> The council met on **Tuesday** "
               "and [voted](http://evil.example) to approve the budget for twelve new bus routes.")
    at = summarise(new_app(), payload, engine="extractive", length="long")
    [summary] = html_blocks(at, "literal-summary")
    assert "<script" not in summary and "<img" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary and "**Tuesday**" in summary
    assert not [m for m in at.markdown if "Tuesday" in m.value]


def test_share_this_result_reopens_exactly_without_a_model_run(monkeypatch):
    import streamlit as st

    import summarizer.summarise.pipeline as pipeline

    at = summarise(new_app(), paragraph("en") + " Shared result test.", engine="extractive",
                   targets=["de"], length="short")
    original = at.session_state["result"]
    link = next(c.value for c in at.code if "?r=" in c.value)  # kept at once: reload and back reopen it
    assert at.query_params["r"] == link.split("?r=")[1]
    entry_id = link.split("?r=")[1]
    assert len(entry_id) >= 32

    st.cache_resource.clear()  # as after a server restart: the store is opened again from its file

    def no_model(*args, **kwargs):
        raise AssertionError("a stored result must not run the summariser")

    monkeypatch.setattr(pipeline.Summarizer, "summarise", no_model)
    reopened = new_app(r=entry_id)
    assert not reopened.exception
    assert reopened.session_state["result"].summary == original.summary
    assert reopened.session_state["result"].translations == original.translations
    assert reopened.text_area(key="article").value == paragraph("en") + " Shared result test."
    assert reopened.radio(key="length").value == "short"
    assert reopened.multiselect(key="targets").value == ["de"]
    assert any(c.value.startswith("Opened from its link") for c in reopened.caption)
    assert not any("shared result" in c.value for c in reopened.caption)  # it may be the reader's own
    assert reopened.query_params["r"] in (entry_id, [entry_id])


def test_compare_lengths_shows_each_length_as_it_finishes_and_reuses_the_summary_on_screen(fake_models):
    """The page's own length is not summarised again: the summary on screen is shown first, at once."""
    model = fake_models("sshleifer/distilbart-cnn-12-6")
    at = summarise(new_app(), paragraph("en") + " " + paragraph("en").replace("council", "committee"),
                   engine="abstractive", model_choice=model.model_id, targets=["fr"])
    shown, calls = at.session_state["result"], len(model.calls)
    button(at, "Compare lengths").click().run()
    comparison = at.session_state["comparison"]
    assert list(comparison) == ["short", "medium", "long"]
    assert comparison["medium"].summary == shown.summary and comparison["medium"].translations == {}
    assert len(model.calls) == calls + 2  # short and long only
    for preset in comparison:  # each said in the progress box as it finished
        assert html_blocks(at, f"literal-compare-done-{preset}")


def test_compare_lengths_is_kept_with_the_summary_and_reopens_after_a_reload(monkeypatch):
    import summarizer.summarise.pipeline as pipeline

    text = paragraph("en") + " Compared and kept."
    at = summarise(new_app(), text, engine="extractive")
    button(at, "Compare lengths").click().run()
    assert set(at.session_state["comparison"]) == {"short", "medium", "long"}
    entry_id = at.query_params["r"]
    entry_id = entry_id[0] if isinstance(entry_id, list) else entry_id
    monkeypatch.setattr(pipeline.Summarizer, "summarise", lambda *a, **k: pytest.fail("no model run"))
    reloaded = new_app(r=entry_id)
    assert reloaded.session_state["result"].summary == at.session_state["result"].summary
    assert set(reloaded.session_state["comparison"]) == {"short", "medium", "long"}
    assert html_blocks(reloaded, "literal-compare-long")


def test_adding_a_language_translates_the_summary_on_screen_instead_of_marking_it_out_of_date(
        fake_models, monkeypatch):
    import summarizer.summarise.pipeline as pipeline

    at = summarise(new_app(), paragraph("en"), engine="extractive", targets=["fr"])
    summary = at.session_state["result"].summary
    monkeypatch.setattr(pipeline.Summarizer, "summarise", lambda *a, **k: pytest.fail("no new summary"))
    at.multiselect(key="targets").set_value(["fr", "de"]).run()
    result = at.session_state["result"]
    assert result.summary == summary and set(result.translations) == {"fr", "de"}
    assert result.translations["de"].startswith("[de] ")
    assert html_blocks(at, "literal-translation-de")
    assert not [n for n in notices(at, "warning") if "Out of date" in n]
    at.radio(key="length").set_value("long").run()  # anything else: the summary is out of date
    assert [n for n in notices(at, "warning") if "Out of date" in n]


def test_results_stored_by_another_version_open_or_say_why():
    from summarizer.storage import open_store

    store = open_store()
    old_result = {"summary": "The council met.", "engine": "extractive", "model": None, "language": "en",
                  "source_words": 40, "summary_words": 3, "compression": 0.075, "chunks": 1}
    older = store.put({"text": paragraph("en"), "page": {"length": "short"}, "result": old_result})
    newer = store.put({"text": paragraph("en"), "page": {"length": "long", "colour": "blue"},
                       "result": {**old_result, "verdicts": ["supported"]}, "schema": 9})
    foreign = store.put({"text": "x", "page": [], "result": {"headline": "no summary here"}})
    for entry_id, length in ((older, "short"), (newer, "long")):
        at = new_app(r=entry_id)
        assert not at.exception and not notices(at, "error")
        assert at.session_state["result"].summary == "The council met."
        assert at.session_state["result"].translations == {}  # a field the old entry lacked
        assert at.radio(key="length").value == length
    at = new_app(r=foreign)
    [error] = notices(at, "error")
    assert "different version" in error and "Traceback" not in error
    assert not at.exception and "result" not in at.session_state


@pytest.mark.parametrize("page, result, refused", [
    ({"length": "enormous", "targets": ["fr", "xx"]}, {}, False),
    ({"model": 7}, {}, True),
    ({}, {"language": "../../etc"}, True),
    ({}, {"translations": {"fr": ["not", "text"]}}, True),
    ({}, {"language": "<script>"}, True),
    ({}, {"support": [{"sources": "0", "source_sentences": [1]}]}, True),
    ({}, {"summary_words": -3}, True),
])
def test_an_entry_written_straight_into_the_database_is_refused_in_words(page, result, refused):
    from summarizer.storage import open_store

    good = {"summary": "The council met.", "engine": "extractive", "model": None, "language": "en",
            "source_words": 40, "summary_words": 3, "compression": 0.075, "chunks": 1}
    entry_id = open_store().put({"text": paragraph("en"), "page": page, "result": {**good, **result}})
    at = new_app(r=entry_id)
    assert not at.exception
    if refused:
        [error] = notices(at, "error")
        assert "different version" in error and "result" not in at.session_state
    else:  # an unknown setting falls back to its default, as in a hand-typed address
        assert at.session_state["result"].summary == "The council met."
        assert at.radio(key="length").value == "medium" and at.session_state["targets"] == ["fr"]


def test_unknown_or_expired_link_says_so():
    at = new_app(r="not-a-real-id")
    [error] = notices(at, "error")
    assert "not found or has expired" in error
    assert "result" not in at.session_state


def test_url_import_fills_the_text_area_with_title_and_source(site, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_URL_ALLOW", "127.0.0.1")
    at = new_app()
    at.text_input(key="import_url").set_value(site + "/news/council").run()
    button(at, "Fetch article").click().run()
    assert "raised seawall" in at.text_area(key="article").value
    assert "Reader123" not in at.text_area(key="article").value
    [note] = html_blocks(at, "literal-import")
    assert "Council approves waterfront plan" in note and "/news/council" in note


def test_url_import_refusal_is_shown_and_text_kept(caplog):
    at = new_app()
    at.text_area(key="article").set_value("My own pasted text stays.").run()
    at.text_input(key="import_url").set_value("http://169.254.169.254/latest/meta-data/").run()
    button(at, "Fetch article").click().run()
    [error] = notices(at, "error")
    assert "not a public web address" in error and "SUMMARIZER" not in error
    assert not html_blocks(at, "literal-admin-details") and "link-local" not in " ".join(notices(at, "error"))
    assert "link-local" in caplog.text  # for whoever runs the server
    assert at.text_area(key="article").value == "My own pasted text stays."


def test_imports_count_against_the_visitors_allowance_and_take_a_turn(site, monkeypatch):
    import summarizer.admission as admission

    monkeypatch.setenv("SUMMARIZER_URL_ALLOW", "127.0.0.1")
    monkeypatch.setenv("SUMMARIZER_RUNS_PER_MINUTE", "1")
    turns = []
    queue = admission.shared_queue(8)
    original = queue.turn
    monkeypatch.setattr(queue, "turn", lambda *a: (turns.append(1), original(*a))[1])
    at = new_app()
    at.text_input(key="import_url").set_value(site + "/news/council").run()
    button(at, "Fetch article").click().run()
    assert "raised seawall" in at.text_area(key="article").value and turns == [1]
    button(at, "Fetch article").click().run()
    [error] = notices(at, "error")
    assert "in the last minute" in error and turns == [1]
    assert "raised seawall" in at.text_area(key="article").value  # the first import stays


def test_runtime_setting_picks_the_reference_path():
    at = new_app(runtime="reference", engine="abstractive", model="sshleifer/distilbart-cnn-6-6")
    assert at.radio(key="runtime").value == "reference"
    at = summarise(at, paragraph("en") + " Runtime test.")
    assert at.session_state["result"].runtime == "reference"
    assert at.query_params["runtime"] == "reference"
    default = summarise(new_app(engine="abstractive", model="sshleifer/distilbart-cnn-6-6"),
                        paragraph("en") + " Runtime test.")
    assert default.session_state["result"].runtime == "fast"


@pytest.fixture
def online_engines_run(monkeypatch) -> list[str]:
    """Online (so the page checks what it must fetch); records the engine of every summariser run."""
    import summarizer.models.hub as hub
    import summarizer.summarise.pipeline as pipeline

    engines_run: list[str] = []
    real = pipeline.Summarizer.summarise

    def recorded(self, text, on_progress=None, **kwargs):
        engines_run.append(self.settings.engine)
        return real(self, text, on_progress=on_progress, **kwargs)

    monkeypatch.setattr(hub, "is_offline", lambda: False)
    monkeypatch.setattr(hub, "_ask_hub", lambda: True)  # the Hub answers
    monkeypatch.setattr(hub, "_last_check", [])
    monkeypatch.setattr(pipeline.Summarizer, "summarise", recorded)
    return engines_run


def test_a_rerun_of_the_page_plans_and_builds_the_downloads_once(online_engines_run, monkeypatch):
    import summarizer.export as export
    import summarizer.summarise.pipeline as pipeline
    import ui.results

    plans, exports = [], []
    real_plan, real_export = pipeline.Summarizer.plan, export.to_markdown
    monkeypatch.setattr(pipeline.Summarizer, "plan", lambda self, *a: (plans.append(1), real_plan(self, *a))[1])
    monkeypatch.setattr(ui.results, "to_markdown", lambda result: (exports.append(1), real_export(result))[1])
    at = new_app()
    at.text_area(key="article").set_value(paragraph("en")).run()
    at.run()
    at.run()
    assert len(plans) == 1  # the same text and settings: the plan stands
    at = summarise(at, paragraph("en"), engine="auto")
    made = len(exports)
    at.run()
    at.run()
    assert made == 1 and len(exports) == 1  # the result's downloads are built once, not per rerun
    assert len(plans) == 2  # the run may have fetched a model: planned once afresh after it, then it stands


def test_extractive_summary_first_while_a_model_downloads(online_engines_run, fake_models, monkeypatch):
    """The route's model is not in the cache yet (the real `models_to_fetch` decides); the fake stands in
    for it once "downloaded", so the plan is told nothing is loaded yet."""
    monkeypatch.setattr("summarizer.summarise.pipeline.loaded_model", lambda *args: None)
    at = summarise(new_app(), paragraph("en"), engine="auto")
    assert online_engines_run == ["extractive", "auto"]  # the quick summary first, then the model's
    assert at.session_state["result"].engine == "abstractive"
    assert fake_models(DEFAULT_MODEL).calls  # the "downloaded" model wrote the final summary
    assert not at.exception


def test_nothing_to_fetch_means_no_extractive_preview(online_engines_run, monkeypatch, tmp_path):
    """With every model of the route already in the cache, the model's summary is the only run."""
    from hf_cache import snapshot_dir
    from huggingface_hub import constants

    snapshot_dir(tmp_path, DEFAULT_MODEL)  # an empty snapshot: the cache says "downloaded"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    at = summarise(new_app(), paragraph("en"), engine="auto")
    assert online_engines_run == ["auto"] and at.session_state["result"].engine == "abstractive"


def test_facts_not_in_the_article_are_marked_in_the_summary(fake_models):
    fake_models(DEFAULT_MODEL).answers = ["The council approved 52 million on <b>Tuesday</b>. Blinken spoke."]
    text = paragraph("en") + " The budget is 48 million."
    at = summarise(new_app(), text, engine="abstractive")
    [summary] = html_blocks(at, "literal-summary")
    assert '<mark class="fact-missing" title="number not found in the article">52 million</mark>' in summary
    assert '<mark class="fact-missing" title="name not found in the article">Blinken</mark>' in summary
    assert "&lt;b&gt;Tuesday&lt;/b&gt;" in summary and "<b>" not in summary  # still literal text
    verdicts = html_blocks(at, "literal-verdict")
    assert "Partly supported: the article backs this sentence, but not 52 million (number)" in verdicts[0]


def test_deep_check_from_the_sidebar_and_the_address_bar(fake_models):
    at = new_app(deep="1")
    assert at.session_state["deep_check"] is True  # restored from ?deep=1
    at = summarise(at, paragraph("en"), engine="extractive")
    assert at.query_params["deep"] == "1"
    result = at.session_state["result"]
    assert result.settings["deep_check"] and all(s["entailment"] is not None for s in result.support)
    assert any("Deep check: +1.00" in block for block in html_blocks(at, "literal-verdict"))
    at = summarise(new_app(), paragraph("en"), engine="extractive")
    assert "deep" not in at.query_params
    assert not any("Deep check" in block for block in html_blocks(at, "literal-verdict"))


def test_a_public_site_offers_only_catalogue_models_and_ignores_others_in_links():
    at = new_app(model="/etc")
    assert "custom" not in at.selectbox(key="model_choice").options
    assert at.selectbox(key="model_choice").value == "auto"
    [refused] = html_blocks(at, "literal-refused-model")
    assert "does not offer" in refused and "/etc" in refused
    at = summarise(at, paragraph("en"), engine="extractive")
    assert at.session_state["result"].settings["model"] is None  # the automatic choice ran
    assert at.query_params["model"] == "auto"


def test_an_unexpected_failure_is_a_plain_message_and_the_text_stays(monkeypatch):
    from summarizer.summarise.pipeline import Summarizer

    def broken(self, text, on_progress=None):
        raise RuntimeError("segfault in /srv/app/models")

    monkeypatch.setattr(Summarizer, "summarise", broken)
    at = summarise(new_app(), paragraph("en"), engine="extractive")
    assert not at.exception
    [error] = notices(at, "error")
    assert "Something went wrong while summarising" in error
    assert "RuntimeError" not in error and "/srv/app" not in error
    assert at.text_area(key="article").value == paragraph("en")


def test_a_misconfigured_server_says_so_in_plain_words(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_SHARE_MAX_BYTES", "1e6")
    at = new_app()
    assert not at.exception
    [error] = notices(at, "error")
    assert "not set up correctly" in error and "SUMMARIZER" not in error


def test_too_many_runs_a_minute_is_a_plain_message_and_the_text_stays(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_RUNS_PER_MINUTE", "1")
    at = summarise(new_app(), paragraph("en"), engine="extractive")
    assert "result" in at.session_state and not notices(at, "error")
    at = summarise(at, paragraph("fr"))
    [error] = notices(at, "error")
    assert "in the last minute" in error
    assert at.text_area(key="article").value == paragraph("fr")


def test_a_visitor_past_their_share_allowance_keeps_the_result_on_screen(tmp_path, monkeypatch):
    import summarizer.admission as admission

    monkeypatch.setenv("SUMMARIZER_DATABASE", str(tmp_path / "links.sqlite3"))
    at = summarise(new_app(), paragraph("en"), engine="extractive")
    assert "stored_link" in at.session_state
    admission._shared["share"] = admission.ShareAllowance(1)  # far below one entry, already spent
    admission._shared["share"].take(admission.UNKNOWN_VISITOR, 1)
    at = summarise(at, paragraph("fr"))
    [error] = notices(at, "error")
    assert "not kept for a link" in error and "stored_link" not in at.session_state
    assert at.session_state["result"].language == "fr" and html_blocks(at, "literal-summary")


def test_examples_put_the_readers_language_first():
    from ui.examples import for_reader, load_examples

    examples = load_examples()
    assert [e.language for e in for_reader(examples, "de-DE")][:2] == ["de", "en"]
    assert for_reader(examples, None)[0].language == "en"
    assert for_reader(examples, "xx")[0].language == "en"


def test_a_result_is_marked_out_of_date_when_the_text_changes_and_its_link_keeps_its_own_text(
        tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATABASE", str(tmp_path / "links.sqlite3"))
    first = paragraph("en")
    at = summarise(new_app(), first, engine="extractive")
    assert not [n for n in notices(at, "warning") if "Out of date" in n]
    at.text_area(key="article").set_value(paragraph("fr")).run()
    [stale] = [n for n in notices(at, "warning") if "Out of date" in n]
    assert "article has changed" in stale
    from summarizer.storage import open_store

    stored = open_store(str(tmp_path / "links.sqlite3")).get(at.session_state["stored_link"])
    assert stored["text"] == first and stored["result"]["summary"] == at.session_state["result"].summary
    assert any("kept on this server for 90 days" in c.value for c in at.caption)


def test_with_keeping_turned_off_share_stores_the_text_the_result_was_made_from(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATABASE", str(tmp_path / "links.sqlite3"))
    monkeypatch.setenv("SUMMARIZER_KEEP_RESULTS", "0")
    first = paragraph("en")
    at = summarise(new_app(), first, engine="extractive")
    assert "stored_link" not in at.session_state and "r" not in at.query_params
    at.text_area(key="article").set_value(paragraph("fr")).run()
    assert any("for 90 days" in c.value for c in at.caption)
    button(at, "Share this result").click().run()
    from summarizer.storage import open_store

    stored = open_store(str(tmp_path / "links.sqlite3")).get(at.session_state["stored_link"])
    assert stored["text"] == first


def test_settings_changed_marks_the_result_out_of_date():
    at = summarise(new_app(), paragraph("en"), engine="extractive")
    at.radio(key="length").set_value("long").run()
    assert any("settings have changed" in n for n in notices(at, "warning"))


def test_downloads_are_named_after_the_article_and_the_date():
    import datetime

    from ui.results import download_stem

    day = datetime.date(2026, 11, 30)
    text = (ROOT / "ui" / "examples" / "en-library.txt").read_text(encoding="utf-8")
    assert download_stem(text, "en", day) == "riverton-opens-a-library-that-lends-2026-11-30"
    chinese = (ROOT / "ui" / "examples" / "zh-robot.txt").read_text(encoding="utf-8")
    stem = download_stem(chinese, "zh", day)
    assert stem.endswith("-2026-11-30") and "江城" in stem
    assert download_stem("!!!", None, day) == "summary-2026-11-30"


def test_a_non_commercial_model_says_so_under_its_summary(fake_models):
    fake_models("csebuetnlp/mT5_multilingual_XLSum").answers = ["Le conseil a adopté un budget."]
    at = summarise(new_app(), paragraph("fr"), engine="abstractive")
    assert at.session_state["result"].model == "csebuetnlp/mT5_multilingual_XLSum"
    assert any("non-commercial purposes only" in n for n in notices(at, "info"))


def test_fourteen_translations_sit_two_to_a_row_and_missing_ones_share_one_notice(monkeypatch):
    from summarizer.models.catalogue import TARGET_LANGUAGES

    for model in ("Helsinki-NLP/opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-de"):
        monkeypatch.delitem(models.loaded_models, (model, "fast"))
    at = summarise(new_app(), paragraph("en"), targets=list(TARGET_LANGUAGES), engine="extractive")
    [error] = notices(at, "error")
    assert "French" in error and "German" in error
    assert len(html_blocks(at, "literal-translation-ar")) == 1


def test_the_page_says_what_will_run_before_it_runs(fake_models, monkeypatch):
    monkeypatch.setattr("summarizer.summarise.pipeline.loaded_model", lambda *args: None)  # none loaded yet
    at = new_app()
    at.text_area(key="article").set_value(paragraph("en")).run()
    [plan] = html_blocks(at, "literal-plan")
    assert "key sentences" in plan and "not on this server" in plan  # offline, nothing downloaded
    at.radio(key="engine").set_value("extractive").run()
    [plan] = html_blocks(at, "literal-plan")
    assert "key sentences" in plan and "no AI model" in plan
    import summarizer.models.hub as hub

    monkeypatch.setattr(hub, "is_offline", lambda: False)  # not told to stay offline ...
    monkeypatch.setattr(hub, "_last_check", [])
    monkeypatch.setattr(hub, "_ask_hub", lambda: False)  # ... but the Hub does not answer
    st.cache_data.clear()
    at.radio(key="engine").set_value("auto").run()
    [plan] = html_blocks(at, "literal-plan")
    assert "key sentences" in plan and "cannot be downloaded right now" in plan
    assert "downloaded first" not in plan  # no promise it cannot keep
    at.radio(key="engine").set_value("abstractive").run()
    [plan] = html_blocks(at, "literal-plan")
    assert "cannot write an AI summary" in plan and "downloaded first" not in plan
    monkeypatch.setattr(hub, "_last_check", [])
    monkeypatch.setattr(hub, "_ask_hub", lambda: True)  # the Hub answers
    st.cache_data.clear()  # as a plan made a while ago: it stands PLAN_SECONDS
    at.radio(key="engine").set_value("auto").run()
    [plan] = html_blocks(at, "literal-plan")
    assert "AI summary with sshleifer/distilbart-cnn-12-6" in plan and "downloaded first" in plan


def test_the_article_shows_the_sources_of_the_chosen_summary_sentence(fake_models):
    fake_models(DEFAULT_MODEL).answers = ["Officials said work begins in March. The plan adds bus routes."]
    text = "<b>Bold</b> start. " + paragraph("en")
    at = summarise(new_app(), text, engine="abstractive")
    [block] = html_blocks(at, "literal-evidence")
    support = at.session_state["result"].support
    first_source = split_sentences(text, "en")[support[0]["sources"][0]]
    assert f'<mark class="source">{first_source}</mark>' in block
    assert "&lt;b&gt;Bold&lt;/b&gt;" in block and "<b>" not in block  # the article stays literal
    at.radio(key="evidence_sentence").set_value(1).run()
    [block] = html_blocks(at, "literal-evidence")
    second_source = split_sentences(text, "en")[support[1]["sources"][0]]
    assert f'<mark class="source">{second_source}</mark>' in block
    assert f'<mark class="source">{first_source}</mark>' not in block


def test_pressing_summarise_with_no_text_says_what_to_do_not_an_error():
    at = new_app()
    button(at, "Summarise").click().run()
    assert not notices(at, "error") and "error" not in at.session_state
    [hint] = notices(at, "info")
    assert "Paste a news article" in hint and "examples" in hint


def test_a_screen_reader_hears_the_result_and_the_fact_warning_is_not_repeated_per_translation(fake_models):
    fake_models(DEFAULT_MODEL).answers = ["The council approved 52 million. The plan adds bus routes."]
    at = summarise(new_app(), paragraph("en"), engine="abstractive", targets=["fr", "de", "es", "ar"])
    live = [h.proto.body for h in at.html if 'role="status" aria-live="polite"' in h.proto.body]
    assert live and "The summary is ready" in live[-1]
    about_translations = [n for n in notices(at, "warning") if "translations" in n or "original of" in n]
    assert len(about_translations) == 1
    sidebar_help = [w.help for w in (*at.sidebar.radio, *at.sidebar.checkbox, *at.sidebar.selectbox) if w.help]
    assert sidebar_help == []  # help icons are Tab stops before the article; captions say it instead


def test_your_summaries_lists_this_sessions_results_and_reopens_one(fake_models):
    first, second = "First story\n\n" + paragraph("en"), "Second story\n\n" + paragraph("en")
    at = summarise(new_app(), first, engine="extractive", length="short")
    at = summarise(at, second, engine="extractive", length="long")
    history = [b for b in at.button if b.key and b.key.startswith("history-")]
    assert len(history) == 2 and "Your summaries (2)" in [e.label for e in at.sidebar.expander]
    assert at.session_state["history"][0].text == second  # newest first
    first_summary = at.session_state["history"][1].result.summary
    history[1].click().run()  # back to the first article
    assert at.text_area(key="article").value == first
    assert at.session_state["result"].summary == first_summary
    assert at.radio(key="length").value == "short"
    assert not [n for n in notices(at, "warning") if "Out of date" in n]
    labels = [b.label for b in at.button if b.key and b.key.startswith("history-")]
    assert "Second story" in labels[0] and "First story" in labels[1]  # reopening does not reorder


def test_a_link_keeps_only_what_belongs_to_its_article(fake_models):
    from summarizer.storage import open_store

    first, second = paragraph("en") + " Story A.", paragraph("en") + " Story B, longer now."
    at = summarise(new_app(), first, engine="extractive")
    button(at, "Compare lengths").click().run()
    at.multiselect(key="targets").set_value(["fr"]).run()  # a language added: the link keeps both
    entry = open_store().get(at.session_state["stored_link"])
    assert entry["comparison"] and entry["result"]["translations"].get("fr")
    at = summarise(at, second, engine="extractive")  # a new article: A's comparison is not B's
    entry = open_store().get(at.session_state["stored_link"])
    assert entry["text"] == second and not entry["comparison"] and "comparison" not in at.session_state
    at.text_area(key="article").set_value(first).run()
    button(at, "Compare lengths").click().run()  # a comparison of A while B's summary is shown
    assert "result" not in at.session_state  # B's summary does not stand beside A's comparison
    entry = open_store().get(at.session_state["stored_link"])
    assert entry["text"] == first and entry["result"] is None and entry["comparison"]


DERBY = (ROOT / "tests" / "data" / "relations" / "en-derby.txt").read_text(encoding="utf-8")


def test_formats_and_a_length_in_words_from_the_sidebar_and_the_address_bar():
    at = summarise(new_app(), DERBY, engine="extractive", format="points")
    result = at.session_state["result"]
    assert result.format == "points" and at.query_params["format"] == "points"
    [summary] = html_blocks(at, "literal-summary")
    assert summary.count("<li>") == len(result.support) >= 3
    assert "Key points · English" in [s.value for s in at.subheader]
    assert "Where point 1 comes from" in [e.label for e in at.expander]
    assert any(c.value == result.summary for c in at.code)  # the copy box holds it as plain text
    at = summarise(at, DERBY, format="quotes")
    [summary] = html_blocks(at, "literal-summary")
    assert '<span class="quote-speaker">— Paula Verhoef</span>' in summary
    assert "Where quote 1 is in the article" in [e.label for e in at.expander]
    at.session_state["format"] = "paragraph"
    at.checkbox(key="use_words").check().run()
    at.slider(key="words").set_value(80).run()
    assert at.radio(key="length").disabled and at.query_params["words"] == "80"
    at = button(at, "Summarise").click().run()
    assert 64 <= at.session_state["result"].summary_words <= 96
    reopened = new_app(format="headline", words="60", engine="extractive")
    assert reopened.radio(key="format").value == "headline"
    assert reopened.checkbox(key="use_words").value and reopened.slider(key="words").value == 60
    assert new_app(format="<b>", words="9999").radio(key="format").value == "paragraph"


def test_each_translation_has_its_copy_box(fake_models):
    at = summarise(new_app(), paragraph("en"), targets=["fr"])
    result = at.session_state["result"]
    copied = [c.value for c in at.code]
    assert result.summary in copied and result.translations["fr"] in copied
    assert {"Copy the summary", "Copy the French"} <= {e.label for e in at.expander}


def test_compare_lengths_takes_two_or_three_word_counts_and_reopens_them(monkeypatch):
    at = new_app(engine="extractive")
    at.text_input(key="compare_words").set_value("40, 90").run()
    at.text_area(key="article").set_value(DERBY).run()
    at = button(at, "Compare lengths").click().run()
    comparison = at.session_state["comparison"]
    assert list(comparison) == ["words:40", "words:90"]
    assert 32 <= comparison["words:40"].summary_words <= 48 and 72 <= comparison["words:90"].summary_words <= 108
    heads = html_blocks(at, "literal-compare-head-words-40")
    assert heads and "Target 40 words" in heads[0]
    entry_id = at.query_params["r"]
    assert list(new_app(r=entry_id).session_state["comparison"]) == ["words:40", "words:90"]
    at.text_input(key="compare_words").set_value("40, lots").run()
    assert any("Give two or three different numbers from 15 to 300" in c.value for c in at.caption)


def test_the_plan_says_quotes_run_no_model():
    at = new_app(format="quotes")
    at.text_area(key="article").set_value(DERBY).run()
    [plan] = html_blocks(at, "literal-plan")
    assert "show the article&#x27;s key quotations, as written (no AI model)" in plan  # escaped text
