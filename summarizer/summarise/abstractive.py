"""Abstractive summaries of any length: summarise each chunk, then the joined summaries if too long."""

from __future__ import annotations

from dataclasses import dataclass, replace

from summarizer.models.catalogue import SummaryModel
from summarizer.models.runtime import Seq2SeqModel
from summarizer.plain_words import counted
from summarizer.progress import Progress, ProgressCallback, no_progress
from summarizer.settings import GenerationSettings, SummarySettings
from summarizer.summarise.lengths import ONE_SENTENCE_PARTS, LengthBudget, length_budget, one_sentence_budget
from summarizer.text.chunking import Chunk, TokenCounter, divide_evenly, pack_chunks
from summarizer.text.segmentation import join_sentences, sentence_separator, split_sentences

MAX_REDUCE_PASSES = 3


@dataclass(frozen=True)
class AbstractiveSummary:
    text: str
    chunks: int
    note: str | None = None  # for the reader, e.g. how a one-sentence model made a longer summary


def summarise_abstractive(sentences: list[str], language: str | None, model: Seq2SeqModel,
                          entry: SummaryModel, settings: SummarySettings,
                          on_progress: ProgressCallback = no_progress,
                          show_draft: bool = False) -> AbstractiveSummary:
    """`sentences` are the article's, in `language`; chunks never split one.

    `show_draft`: for a one-part article, first stream a greedy draft to `on_progress` ("draft" reports
    carrying the text so far), so a reader sees words within a second or two; the beam search's final
    text follows. With one beam the draft is the final text and nothing runs twice."""
    limit = min(model.input_limit, entry.input_limit)
    separator = sentence_separator(language)
    chunks = article_parts(sentences, language, model, entry, settings.length, limit)
    if entry.one_sentence:
        return _one_sentence_per_part(chunks, language, model, entry, settings, on_progress, show_draft)
    on_progress(Progress("split", _reading(len(chunks)), total=len(chunks)))
    target = length_budget(settings.length, sum(c.tokens for c in chunks), entry.generation.max_new_tokens,
                           settings.min_tokens, settings.max_tokens)

    def generate(chunk: Chunk, budget: LengthBudget) -> str:
        return model.generate([chunk.text], _generation(entry, settings, budget))[0]

    def chunk_budget(chunk: Chunk) -> LengthBudget:
        return length_budget(settings.length, chunk.tokens, entry.generation.max_new_tokens)

    if len(chunks) == 1:
        if show_draft and (draft := _draft_if_final(chunks[0], target, model, entry, settings, on_progress)):
            return AbstractiveSummary(draft, 1)
        on_progress(Progress("summarise", "Summarising", 1, 1))
        return AbstractiveSummary(generate(chunks[0], target), 1)

    partials = []
    for i, chunk in enumerate(chunks, 1):
        on_progress(Progress("summarise", f"Summarising part {i} of {len(chunks)}", i, len(chunks)))
        partials.append(generate(chunk, chunk_budget(chunk)))
        on_progress(Progress("partial", f"Part {i} of {len(chunks)} summarised", i, len(chunks),
                             text=partials[-1]))
    joined = join_sentences(partials, language)
    passes = 0
    while model.count_tokens(joined) > target.max_tokens and passes < MAX_REDUCE_PASSES:
        passes += 1
        on_progress(Progress("reduce", "Combining the parts into one summary"))
        pieces = pack_chunks(split_sentences(joined, language), model, limit, separator)
        if len(pieces) == 1:
            joined = generate(pieces[0], target)
            break
        joined = join_sentences([generate(p, chunk_budget(p)) for p in pieces], language)
    return AbstractiveSummary(joined, len(chunks))


def article_parts(sentences: list[str], language: str | None, counter: TokenCounter, entry: SummaryModel,
                  length: str, limit: int) -> list[Chunk]:
    """The parts the model summarises one by one; a page's plan counts them with the same rule. A model
    trained to write one sentence gets as many parts as the preset wants sentences (more where the
    article is too long for that)."""
    separator = sentence_separator(language)
    chunks = pack_chunks(sentences, counter, limit, separator)
    wanted = ONE_SENTENCE_PARTS[length]
    if entry.one_sentence and len(chunks) < wanted:
        chunks = divide_evenly(sentences, counter, wanted, limit, separator)
    return chunks


def _one_sentence_per_part(chunks: list[Chunk], language: str | None, model: Seq2SeqModel,
                           entry: SummaryModel, settings: SummarySettings, on_progress: ProgressCallback,
                           show_draft: bool) -> AbstractiveSummary:
    """A model trained to write one sentence writes one for each part, and the parts' sentences are
    summarised again in as many groups where there are more of them than the preset wants."""
    wanted = ONE_SENTENCE_PARTS[settings.length]
    limit, separator = min(model.input_limit, entry.input_limit), sentence_separator(language)
    budget = one_sentence_budget(entry.generation.min_new_tokens, entry.generation.max_new_tokens,
                                 settings.min_tokens, settings.max_tokens)
    generation = _generation(entry, settings, budget)
    on_progress(Progress("split", _reading(len(chunks), one_sentence=True), total=len(chunks)))
    if len(chunks) == 1 and show_draft:  # the short preset on a one-part article: words at once
        if draft := _draft_if_final(chunks[0], budget, model, entry, settings, on_progress):
            return AbstractiveSummary(draft, 1)
    partials = []
    for i, chunk in enumerate(chunks, 1):
        on_progress(Progress("summarise", "Summarising" if len(chunks) == 1 else
                             f"Summarising part {i} of {len(chunks)}", i, len(chunks)))
        partials.append(model.generate([chunk.text], generation)[0])
        on_progress(Progress("partial", f"Part {i} of {len(chunks)} summarised", i, len(chunks),
                             text=partials[-1]))
    passes = 0
    while len(partials) > wanted and passes < MAX_REDUCE_PASSES:
        passes += 1
        on_progress(Progress("reduce", "Combining the parts into one summary"))
        groups = divide_evenly(partials, model, wanted, limit, separator)
        # A group of one part's sentence is that sentence: summarising it again would only blur it.
        partials = [group.text if len(group.sentences) == 1 else model.generate([group.text], generation)[0]
                    for group in groups]
    note = None
    if wanted > 1:
        note = (f"This model writes one sentence at a time, so the {settings.length} summary has one "
                f"sentence for each of {counted(len(partials), 'part')} of the article."
                if len(partials) > 1 else
                f"This model writes one sentence at a time and the article is too short to divide, so "
                f"the {settings.length} summary is one sentence.")
    return AbstractiveSummary(join_sentences(partials, language), len(chunks), note)


def _reading(parts: int, one_sentence: bool = False) -> str:
    """What the reader waits for once the article is split: a one-sentence model divides even a short
    article by the preset, so its parts say nothing about length."""
    if parts == 1:
        return "Reading the article"
    if one_sentence:
        return f"Summarising the article in {parts} parts, a sentence for each"
    return f"The article is long: summarising it in {parts} parts"


def _generation(entry: SummaryModel, settings: SummarySettings, budget: LengthBudget) -> GenerationSettings:
    """The catalogue's settings at this length, with the reader's beams where they chose some."""
    return replace(entry.generation, min_new_tokens=budget.min_tokens, max_new_tokens=budget.max_tokens,
                   num_beams=settings.num_beams or entry.generation.num_beams)


def _draft_if_final(chunk: Chunk, budget: LengthBudget, model: Seq2SeqModel, entry: SummaryModel,
                    settings: SummarySettings, on_progress: ProgressCallback) -> str | None:
    """Stream a greedy draft; with one beam it is the summary itself (returned), else a beam search
    follows and None is returned."""
    final = _generation(entry, settings, budget).num_beams == 1
    draft = stream_draft(chunk, budget, model, entry, on_progress, final=final)
    return draft if final else None


def stream_draft(chunk: Chunk, budget: LengthBudget, model: Seq2SeqModel, entry: SummaryModel,
                 on_progress: ProgressCallback, final: bool) -> str:
    settings = replace(entry.generation, num_beams=1, min_new_tokens=budget.min_tokens,
                       max_new_tokens=budget.max_tokens)
    message = "Writing the summary" if final else "Writing a first draft; the final summary follows"
    text = ""
    for text in model.stream(chunk.text, settings):
        if text:
            on_progress(Progress("draft", message, text=text))
    return text
