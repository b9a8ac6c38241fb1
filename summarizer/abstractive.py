"""Abstractive summaries of any length: summarise each chunk, then the joined summaries if too long."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .backend import Seq2SeqModel
from .catalogue import SummaryModel
from .chunking import Chunk, pack_chunks
from .lengths import LengthBudget, length_budget
from .progress import Progress, ProgressCallback, no_progress
from .segmentation import join_sentences, sentence_separator, split_sentences
from .settings import SummarySettings

MAX_REDUCE_PASSES = 3


@dataclass(frozen=True)
class AbstractiveSummary:
    text: str
    chunks: int
    reduce_passes: int


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
    chunks = pack_chunks(sentences, model, limit, separator)
    on_progress(Progress("split", f"Split into {len(chunks)} chunk(s) of at most {limit} tokens",
                         total=len(chunks)))
    target = length_budget(settings.length, sum(c.tokens for c in chunks), entry.generation.max_new_tokens,
                           settings.min_tokens, settings.max_tokens)

    def generate(chunk: Chunk, budget: LengthBudget) -> str:
        generation = replace(entry.generation, min_new_tokens=budget.min_tokens,
                             max_new_tokens=budget.max_tokens,
                             num_beams=settings.num_beams or entry.generation.num_beams)
        return model.generate([chunk.text], generation)[0]

    def chunk_budget(chunk: Chunk) -> LengthBudget:
        return length_budget(settings.length, chunk.tokens, entry.generation.max_new_tokens)

    if len(chunks) == 1:
        if show_draft:
            beams = settings.num_beams or entry.generation.num_beams
            draft = stream_draft(chunks[0], target, model, entry, on_progress, final=beams == 1)
            if beams == 1:
                return AbstractiveSummary(draft, 1, 0)
        on_progress(Progress("summarise", "Summarising", 1, 1))
        return AbstractiveSummary(generate(chunks[0], target), 1, 0)

    partials = []
    for i, chunk in enumerate(chunks, 1):
        on_progress(Progress("summarise", f"Summarising chunk {i} of {len(chunks)}", i, len(chunks)))
        partials.append(generate(chunk, chunk_budget(chunk)))
        on_progress(Progress("partial", f"Chunk {i} of {len(chunks)} summarised", i, len(chunks),
                             text=partials[-1]))
    joined = join_sentences(partials, language)
    passes = 0
    while model.count_tokens(joined) > target.max_tokens and passes < MAX_REDUCE_PASSES:
        passes += 1
        on_progress(Progress("reduce", f"Joined chunk summaries exceed {target.max_tokens} tokens: "
                                       f"summarising them again (pass {passes})"))
        pieces = pack_chunks(split_sentences(joined, language), model, limit, separator)
        if len(pieces) == 1:
            joined = generate(pieces[0], target)
            break
        joined = join_sentences([generate(p, chunk_budget(p)) for p in pieces], language)
    return AbstractiveSummary(joined, len(chunks), passes)


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
