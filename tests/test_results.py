"""What a result becomes: Markdown for people, a stored entry read back by any version, cached copies."""

import pytest

from summarizer.export import to_markdown
from summarizer.result import SummaryResult
from summarizer.settings import SummarySettings
from ui.result_cache import ResultCache, cache_key


def make_result(**changes) -> SummaryResult:
    values = dict(summary="Le conseil a voté le budget.", engine="abstractive",
                  model="csebuetnlp/mT5_multilingual_XLSum", language="fr", source_words=120,
                  summary_words=6, compression=0.05, chunks=2, timings={"load": 1.0, "summarise": 2.5},
                  translations={"en": "The council voted the budget.", "ar": "صوت المجلس على الميزانية."},
                  errors={"de": "model Helsinki-NLP/opus-mt-fr-de is not downloaded"},
                  unsupported=[{"text": "52", "kind": "number", "sentence": 0}])
    return SummaryResult(**{**values, **changes})


def test_markdown_has_every_part_in_order():
    markdown = to_markdown(make_result())
    assert markdown.splitlines()[:3] == ["# Summary (French)", "", "Le conseil a voté le budget."]
    english, arabic = markdown.index("## English"), markdown.index("## Arabic")
    assert english < arabic
    assert "The council voted the budget." in markdown[english:arabic]
    assert "صوت المجلس على الميزانية." in markdown[arabic:]
    assert "> Translation into German failed: model Helsinki-NLP/opus-mt-fr-de is not downloaded" in markdown
    assert "> Not found in the source: 52 (number)" in markdown
    assert markdown.rstrip().endswith(
        "6 words from 120 (5%), csebuetnlp/mT5_multilingual_XLSum, 2 parts, about 4 s.")


def test_markdown_of_an_extractive_fallback_says_why():
    markdown = to_markdown(make_result(engine="extractive", model=None, translations={}, errors={},
                                       unsupported=[], fallback_reason="the model is not downloaded"))
    assert "##" not in markdown and "Not found" not in markdown
    assert ", extractive, 2 parts" in markdown
    assert markdown.rstrip().endswith("Extractive because the model is not downloaded")


def test_result_round_trips_through_a_dict_and_tolerates_other_versions():
    result = make_result()
    assert SummaryResult.from_dict(result.to_dict()) == result
    newer = {**result.to_dict(), "verdicts": ["supported"], "schema": 3}
    assert SummaryResult.from_dict(newer) == result
    older = {k: v for k, v in result.to_dict().items() if k not in ("translations", "errors", "support")}
    assert SummaryResult.from_dict(older).translations == {}
    with pytest.raises(ValueError, match="summary"):
        SummaryResult.from_dict({"engine": "extractive"})


def test_result_cache_evicts_the_least_recently_used():
    cache = ResultCache(max_entries=2)
    first, second, third = (make_result(summary=s) for s in ("one.", "two.", "three."))
    cache.put("a", first)
    cache.put("b", second)
    assert cache.get("a") is first  # "a" is now the most recently used
    cache.put("c", third)
    assert cache.get("b") is None
    assert cache.get("a") is first and cache.get("c") is third
    cache.put("a", second)  # replacing keeps one entry per key
    assert cache.get("a") is second and cache.get("c") is third


def test_cache_key_covers_the_text_and_every_setting():
    settings = SummarySettings()
    keys = {cache_key("text", settings), cache_key("text ", settings),
            cache_key("text", settings.with_changes(length="long")),
            cache_key("text", settings.with_changes(translate_to=("fr",))),
            cache_key("text", settings.with_changes(runtime="reference"))}
    assert len(keys) == 5
    assert cache_key("text", SummarySettings()) == cache_key("text", settings)


def test_lengths_in_unspaced_scripts_are_characters():
    markdown = to_markdown(make_result(language="zh", summary="市议会批准了预算。", summary_words=8,
                                       source_words=1200, compression=0.007))
    assert "8 characters from 1,200 (<1%)" in markdown
    assert "6 words from 120" in to_markdown(make_result())


def test_the_share_of_the_article_reads_well_at_any_size():
    from summarizer.result import SummaryResult

    tiny = SummaryResult("s", "extractive", None, "en", source_words=15_160, summary_words=60,
                         compression=0.004, chunks=67)
    assert tiny.share_label == "<1%"
    assert SummaryResult("s", "extractive", None, "en", 100, 25, 0.25, 1).share_label == "25%"
