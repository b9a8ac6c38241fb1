from conftest import paragraph

from summarizer.pipeline import Summarizer
from summarizer.settings import SummarySettings


def summarise(text, **settings):
    events = []
    settings = SummarySettings(model="sshleifer/distilbart-cnn-6-6", num_beams=1, backend="reference",
                               **settings)
    result = Summarizer(settings).summarize(text, on_progress=events.append)
    return result, events


def test_short_article_is_one_chunk():
    result, events = summarise(paragraph("en"), length="short")
    assert result.chunks == 1
    assert result.engine == "abstractive" and result.model == "sshleifer/distilbart-cnn-6-6"
    assert result.summary and result.summary_words > 0
    assert result.source_words == 40
    assert result.compression == round(result.summary_words / 40, 3)
    assert set(result.timings) >= {"load", "summarise"}
    assert not any(e.stage == "reduce" for e in events)


def test_long_article_is_chunked_and_reduced(long_english):
    result, events = summarise(long_english, length="short", max_tokens=20)
    chunk_events = [e for e in events if e.stage == "summarise"]
    assert result.chunks > 1
    assert [e.step for e in chunk_events] == list(range(1, result.chunks + 1))
    assert all(e.total == result.chunks for e in chunk_events)
    assert any(e.stage == "reduce" for e in events)
    partials = [e for e in events if e.stage == "partial"]
    assert [e.step for e in partials] == list(range(1, result.chunks + 1))
    assert all(e.text for e in partials)


def test_explicit_token_budget_is_obeyed(spy_generate):
    from summarizer.models import load_model

    with spy_generate(load_model("sshleifer/distilbart-cnn-6-6", backend="reference")) as spy:
        summarise(paragraph("en"), min_tokens=8, max_tokens=8)
    [call] = spy.calls
    assert call["kwargs"]["min_new_tokens"] == 8 and call["kwargs"]["max_new_tokens"] == 8
    assert call["output"].shape[1] == 8 + 1


def test_settings_save_and_load_round_trip(tmp_path):
    settings = SummarySettings(model="sshleifer/distilbart-cnn-6-6", length="long", max_tokens=90,
                               translate_to=("fr", "ar"), backend="reference")
    settings.save(tmp_path / "settings.json")
    assert SummarySettings.load(tmp_path / "settings.json") == settings
