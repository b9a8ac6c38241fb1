"""The deep check: NLI scores per summary sentence, SummaC zero-shot style, through the model registry."""

import json

import pytest

from summarizer.checks.entailment import MAX_WINDOWS, chunks, entailment_scores, windows
from summarizer.checks.faithfulness import (
    NOT_FOUND,
    PARTLY,
    SUPPORTED,
    check_summary,
    verdict_lines,
    with_entailment,
)
from summarizer.cli import main
from summarizer.models.catalogue import ENGLISH_CHECK_MODEL, NLI_MODEL
from summarizer.settings import SummarySettings
from summarizer.summarise.pipeline import Summarizer
from summarizer.text.article import Article

SOURCE = ("Chelsea beat Liverpool 2-1 at Stamford Bridge on Sunday. "
          "The winning goal came in the last minute. The manager praised the young defenders after the "
          "match. Fans celebrated outside the ground.")

FRENCH = ("Le conseil municipal a voté le budget lundi soir. La séance a duré quatre heures. Les élus de "
          "l'opposition ont quitté la salle avant le vote. Le maire a salué un budget responsable.")
ENGLISH_CHECK = ENGLISH_CHECK_MODEL.model_id


def by_sentence(table):
    """A scripted NLI model: (entailment, contradiction) per hypothesis, the same for every premise."""
    return lambda premise, hypothesis: table[hypothesis]


def test_windows_are_consecutive_sentence_pairs():
    article = Article.read(SOURCE, "en")
    assert windows(article) == [(0, 1), (1, 2), (2, 3)]
    assert windows(Article.read("One sentence only here.", "en")) == [(0,)]


def test_each_sentence_scores_its_best_window(fake_models):
    fake = fake_models.entailment()
    [score] = entailment_scores(["The winning goal came in the last minute."], Article.read(SOURCE, "en"),
                                fake)
    assert score.score == 1.0 and score.window in ((0, 1), (1, 2))
    assert len(fake.pairs) == 3  # every window: the article has fewer than MAX_WINDOWS


def test_long_articles_score_a_bounded_number_of_windows(fake_models):
    fake = fake_models.entailment()
    article = Article.read(" ".join(f"Item {i} of the council budget was approved." for i in range(60)), "en")
    entailment_scores(["The council approved item 7.", "A ferry sank."], article, fake)
    assert len(fake.pairs) == 2 * MAX_WINDOWS


def test_a_reversed_result_is_not_found_and_a_paraphrase_is_supported():
    reversed_result = "Liverpool beat Chelsea 2-1 at Stamford Bridge on Sunday."
    paraphrase = "A last-minute goal settled the game."
    article = Article.read(SOURCE, "en")
    support, unsupported = check_summary([reversed_result, paraphrase], article)
    assert [s.verdict for s in support][0] == PARTLY  # the quick check's order of the sides
    assert [(f.kind, f.text) for f in unsupported] == [("sides", "Liverpool beat Chelsea")]
    from fake_model import FakeEntailment

    nli = FakeEntailment(NLI_MODEL, by_sentence({reversed_result: (0.02, 0.95), paraphrase: (0.9, 0.03)}))
    scores = entailment_scores([reversed_result, paraphrase], article, nli)
    deep = with_entailment(support, unsupported, scores, article.sentences)
    assert [s.verdict for s in deep] == [NOT_FOUND, SUPPORTED]
    assert deep[0].entailment == pytest.approx(-0.93) and deep[1].entailment == pytest.approx(0.87)


def test_an_entailed_sentence_with_an_invented_fact_is_partly_and_a_weak_one_too():
    article = Article.read(SOURCE, "en")
    sentences = ["Chelsea beat Liverpool 2-1 on Sunday in front of 40,000 fans.", "The manager was happy."]
    support, unsupported = check_summary(sentences, article)
    assert [f.text for f in unsupported] == ["40,000"]
    from fake_model import FakeEntailment

    nli = FakeEntailment(NLI_MODEL, by_sentence({sentences[0]: (0.9, 0.0), sentences[1]: (0.4, 0.1)}))
    deep = with_entailment(support, unsupported, entailment_scores(sentences, article, nli),
                           article.sentences)
    assert [s.verdict for s in deep] == [PARTLY, PARTLY]


def test_each_sentence_has_one_verdict_and_every_line_under_it_agrees():
    """A paraphrase the deep check backs but no word overlap finds gets the deep check's window as its
    sources; a sentence whose every number and date is wrong is not found, whatever the deep check says."""
    from fake_model import FakeEntailment

    article = Article.read(SOURCE, "en")
    paraphrase = "A late strike decided it."
    wrong_facts = "Chelsea beat Liverpool 4-3 at Stamford Bridge on 12 March 1999."
    invented = "Chelsea beat Liverpool 2-1 at Stamford Bridge on Sunday before 40,000 fans."
    sentences = [paraphrase, wrong_facts, invented]
    support, unsupported = check_summary(sentences, article)
    assert support[0].sources == () and support[1].verdict == NOT_FOUND  # overlap alone
    nli = FakeEntailment(NLI_MODEL, by_sentence({s: (1.0, 0.0) for s in sentences}))
    deep = with_entailment(support, unsupported, entailment_scores(sentences, article, nli), article.sentences)
    assert [s.verdict for s in deep] == [SUPPORTED, NOT_FOUND, PARTLY]
    assert deep[0].sources and deep[0].source_sentences[0] in article.sentences
    for index, item in enumerate(deep):
        facts = [f.to_dict() for f in unsupported if f.sentence == index]
        lines = verdict_lines(item.to_dict(), facts)
        first = lines[0]
        assert first.startswith({SUPPORTED: "Supported", PARTLY: "Partly supported",
                                 NOT_FOUND: "Not found"}[item.verdict])
        assert sum(word in " ".join(lines) for word in ("Supported:", "Partly supported", "Not found")) == 1
        if item.verdict != NOT_FOUND:
            assert item.sources  # never "no supporting sentence" under a sentence that is backed
    assert "40,000 (number)" in verdict_lines(deep[2].to_dict(), [f.to_dict() for f in unsupported
                                                                   if f.sentence == 2])[0]


def test_summarizer_runs_the_deep_check_when_asked(fake_models):
    settings = SummarySettings(engine="extractive", deep_check=True)
    result = Summarizer(settings).summarise(SOURCE)
    assert all(s["entailment"] is not None for s in result.support)
    assert "deep_check" in result.timings and fake_models.entailment(ENGLISH_CHECK).pairs
    plain = Summarizer(settings.with_changes(deep_check=False)).summarise(SOURCE)
    assert all(s["entailment"] is None for s in plain.support)


def test_english_goes_to_the_english_checker_in_whole_chunks_and_french_to_the_nli_model(fake_models):
    english, nli = fake_models.entailment(ENGLISH_CHECK), fake_models.entailment(NLI_MODEL)
    Summarizer(SummarySettings(engine="extractive", deep_check=True)).summarise(SOURCE)
    assert english.pairs and not nli.pairs
    assert {premise for premise, _ in english.pairs} == {SOURCE}  # the whole (short) article: one chunk
    english.pairs.clear()
    Summarizer(SummarySettings(engine="extractive", deep_check=True)).summarise(FRENCH)
    assert nli.pairs and not english.pairs
    assert all(premise != FRENCH for premise, _ in nli.pairs)  # two-sentence windows


def test_chunks_pack_whole_sentences_up_to_the_token_limit(fake_models):
    article = Article.read("One two three four. Five six seven. Eight nine. Ten eleven twelve thirteen "
                           "fourteen fifteen sixteen seventeen. End here.", "en")
    assert chunks(article, fake_models.entailment(ENGLISH_CHECK), 7) == [(0, 1), (2,), (3,), (4,)]
    assert chunks(article, fake_models.entailment(ENGLISH_CHECK), 100) == [(0, 1, 2, 3, 4)]


def test_without_the_english_checker_the_multilingual_model_checks_english(fake_models):
    from summarizer.models.registry import ENTAILMENT, loaded_models

    del loaded_models[(ENGLISH_CHECK, ENTAILMENT)]  # not downloaded, and the cache is empty
    seen = []
    result = Summarizer(SummarySettings(engine="extractive", deep_check=True)).summarise(SOURCE, seen.append)
    assert all(s["entailment"] is not None for s in result.support) and fake_models.entailment().pairs
    assert any("English fact checker is not available" in p.message for p in seen)


def test_without_the_model_the_quick_check_stands_and_a_note_says_so(fake_models):
    from summarizer.models.registry import ENTAILMENT, loaded_models

    for model_id in (ENGLISH_CHECK, NLI_MODEL):
        del loaded_models[(model_id, ENTAILMENT)]  # not downloaded, and the cache is empty
    result = Summarizer(SummarySettings(engine="extractive", deep_check=True)).summarise(SOURCE)
    assert result.summary and all(s["entailment"] is None for s in result.support)
    assert any("deep check did not run" in note for note in result.notes)


def test_check_deep_cli(tmp_path, capsys, fake_models):
    source, summary = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text(SOURCE, encoding="utf-8")
    summary.write_text("Chelsea beat Liverpool on Sunday. Penguins won the cup.", encoding="utf-8")
    assert main(["check", "--source", str(source), "--summary", str(summary), "--deep", "--json"]) == 1
    items = json.loads(capsys.readouterr().out)["support"]
    assert [i["verdict"] for i in items] == [SUPPORTED, NOT_FOUND]
    assert items[0]["entailment"] == 1.0 and items[1]["entailment"] < 0
    assert main(["check", "--source", str(source), "--summary", str(summary), "--deep"]) == 1
    out = capsys.readouterr().out
    assert "Not found in the article: it does not say this, or says otherwise (deep check: -" in out


@pytest.mark.usefixtures("hf_home")
def test_the_tiny_real_nli_model_loads_and_scores_through_the_registry():
    from summarizer.models.registry import load_entailment_model

    model = load_entailment_model(NLI_MODEL)
    assert model is load_entailment_model(NLI_MODEL)
    long_premise = " ".join(["The council approved the budget after a long debate."] * 200)  # > 512 tokens
    pairs = model.entail_contradict([SOURCE, long_premise, "市议会批准了预算。"],
                                    ["Chelsea won.", "The budget passed.", "预算通过了。"])
    assert len(pairs) == 3
    for entail, contradict in pairs:
        assert 0 <= entail <= 1 and 0 <= contradict <= 1 and entail + contradict <= 1 + 1e-6
    scores = entailment_scores(["Chelsea won.", "Fans sang."], Article.read(SOURCE, "en"), model)
    assert all(-1 <= s.score <= 1 for s in scores)


@pytest.mark.usefixtures("hf_home")
def test_a_summary_sentence_longer_than_the_pair_limit_is_scored_not_raised():
    """Cutting only the premise cannot fit a 400-token hypothesis into 320: the pair widens (up to the
    model's 512) and past that both sides are cut."""
    from summarizer.models.registry import load_entailment_model

    model = load_entailment_model(NLI_MODEL)
    words = "the council approved the budget after a long debate".split() * 400

    def claim_of(tokens: int) -> str:  # the fewest words with at least this many tokens
        return next(" ".join(words[:n]) for n in range(1, len(words))
                    if len(model.tokenizer(" ".join(words[:n])).input_ids) >= tokens)

    claim, huge_claim = claim_of(400), claim_of(700)
    assert 320 < len(model.tokenizer(claim).input_ids) < 512  # the premise's cut, the model's input
    assert len(model.tokenizer(huge_claim).input_ids) > 512
    pairs = model.entail_contradict([SOURCE, SOURCE], [claim, huge_claim])
    assert len(pairs) == 2 and all(0 <= e <= 1 and 0 <= c <= 1 for e, c in pairs)


@pytest.mark.usefixtures("hf_home")
def test_the_tiny_english_checker_joins_chunk_and_claim_as_minicheck_does_and_never_cuts_the_claim():
    """One sequence `<s>chunk</s>claim</s>` (not the tokenizer's pair, `</s></s>`), the chunk cut to 400
    tokens where one sentence is longer, so a claim after it keeps every token; pairs of very different
    lengths go in separate batches."""
    from summarizer.checks.entailment import CHUNK_TOKENS, ClaimSupport
    from summarizer.models.registry import load_check_model

    model = load_check_model("en")
    assert isinstance(model, ClaimSupport) and model.model_id == ENGLISH_CHECK
    assert load_check_model("fr").model_id == NLI_MODEL
    seen = []
    tokenize = model.tokenizer.__class__.__call__

    def recording(tokenizer, texts, *args, **kwargs):
        if isinstance(texts, list):
            seen.append(tokenize(tokenizer, texts, *args, **kwargs))
        return tokenize(tokenizer, texts, *args, **kwargs)

    long_sentence = " ".join(["the council approved the budget after a long debate"] * 80)  # > 400 tokens
    claim = "The budget passed after a debate."
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model.tokenizer.__class__, "__call__", recording)
        pairs = model.entail_contradict([SOURCE, long_sentence], [claim, claim])
    assert len(pairs) == 2 and all(0 <= s <= 1 and abs(s + u - 1) < 1e-5 for s, u in pairs)
    long_batch, short_batch = seen  # the longer pair first, apart: padding it would double the short one
    pad = model.tokenizer.pad_token_id
    short_ids = [i for i in short_batch.input_ids[0].tolist() if i != pad]
    tokens = model.tokenizer.convert_ids_to_tokens(short_ids)
    assert tokens[0] == "<s>" and tokens.count("<s>") == 1 and tokens.count("</s>") == 2 and tokens[-1] == "</s>"
    claim_ids = model.tokenizer(claim, add_special_tokens=False).input_ids
    assert len(claim_ids) == 7  # RoBERTa's real BPE: "The", " budget", " passed", " after", " a", " debate", "."
    assert short_ids[-len(claim_ids) - 1:-1] == claim_ids
    long_ids = [i for i in long_batch.input_ids[0].tolist() if i != pad]
    assert long_ids[-len(claim_ids) - 1:-1] == claim_ids
    assert len(long_ids) <= CHUNK_TOKENS + len(claim_ids) + 4
    scores = entailment_scores(["Chelsea won.", "Fans sang."], Article.read(SOURCE, "en"), model)
    assert all(-1 <= s.score <= 1 for s in scores) and all(s.window == (0, 1, 2, 3) for s in scores)


def test_length_batches_keep_similar_lengths_together_longest_first():
    from summarizer.checks.entailment import BATCH_SIZE, length_batches

    assert length_batches([100, 420, 410, 240, 250, 95]) == [[1, 2], [4, 3], [0, 5]]
    assert [len(b) for b in length_batches([300] * (BATCH_SIZE + 1))] == [BATCH_SIZE, 1]
    assert length_batches([]) == []
