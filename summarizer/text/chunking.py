"""Pack whole sentences into chunks that fit a model's input, as counted by its own tokenizer."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from summarizer.languages import HANGUL_SYLLABLES, IDEOGRAPHS


class TokenCounter(Protocol):
    def count_tokens(self, text: str) -> int: ...

    def split_by_tokens(self, text: str, limit: int) -> list[str]: ...


@dataclass(frozen=True)
class Chunk:
    text: str
    sentences: tuple[str, ...]
    tokens: int


def pack_chunks(sentences: list[str], counter: TokenCounter, limit: int,
                separator: str = " ") -> list[Chunk]:
    """Greedy packing: each sentence lands in exactly one chunk, in order; none exceeds `limit`.

    A sentence longer than `limit` on its own is cut on token boundaries into several chunks.
    `limit` counts the special tokens the tokenizer adds, so nothing is truncated later.
    """
    chunks: list[Chunk] = []
    current: list[str] = []
    current_tokens = 0

    def flush() -> None:
        nonlocal current, current_tokens
        if current:
            chunks.append(Chunk(separator.join(current), tuple(current), current_tokens))
        current, current_tokens = [], 0

    for sentence in sentences:
        sentence_tokens = counter.count_tokens(sentence)
        if sentence_tokens > limit:
            flush()
            for piece in counter.split_by_tokens(sentence, limit):
                chunks.append(Chunk(piece, (piece,), counter.count_tokens(piece)))
            continue
        candidate = separator.join([*current, sentence])
        candidate_tokens = counter.count_tokens(candidate) if current else sentence_tokens
        if candidate_tokens > limit:
            flush()
            current, current_tokens = [sentence], sentence_tokens
        else:
            current.append(sentence)
            current_tokens = candidate_tokens
    flush()
    return chunks


CHARACTERS_PER_TOKEN = 4.0  # subword tokenizers on news prose; ideographs count one token each
_ONE_TOKEN_EACH = re.compile(f"[{IDEOGRAPHS}{HANGUL_SYLLABLES}]")


def estimate_chunk_count(text: str, input_limit: int) -> int:
    """How many chunks `pack_chunks` will make, without loading a tokenizer (for live feedback)."""
    ideographs = len(_ONE_TOKEN_EACH.findall(text))
    tokens = ideographs + (len(text) - ideographs) / CHARACTERS_PER_TOKEN
    return max(1, math.ceil(tokens / input_limit))


def divide_evenly(sentences: list[str], counter: TokenCounter, parts: int, limit: int,
                  separator: str = " ") -> list[Chunk]:
    """Consecutive runs of whole sentences, about equal in tokens, as many as `parts` where there are
    enough sentences; a run that would pass `limit` is packed into more chunks instead."""
    counts = [counter.count_tokens(s) for s in sentences]
    total = sum(counts)
    runs: list[list[str]] = [[] for _ in range(max(1, min(parts, len(sentences))))]
    seen = 0
    for sentence, tokens in zip(sentences, counts):
        # the run whose share of the tokens this sentence's middle falls in
        index = min(len(runs) - 1, int((seen + tokens / 2) * len(runs) / max(total, 1)))
        runs[index].append(sentence)
        seen += tokens
    chunks: list[Chunk] = []
    for run in (r for r in runs if r):
        chunks += pack_chunks(run, counter, limit, separator)
    return chunks
