"""What one generation call runs with, spelled out once for both runtimes.

A checkpoint's own files fix tokens the product must not change: BART CNN forces `<s>` as the first
generated token (`forced_bos_token_id`) and `</s>` at the length limit, Marian forbids its padding token
(`bad_words_ids`), BART CNN's config asks for a space before the input (`prefix`). transformers applies
these from the loaded generation config whether or not a caller names them, CTranslate2 only when told,
so each runtime is handed the same `Decoding` and names every field (nothing is left to a default that
one runtime has and the other lacks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summarizer.settings import GenerationSettings


@dataclass(frozen=True)
class CheckpointTokens:
    """The decoding constraints a checkpoint publishes, read from its folder."""

    forced_bos_token_id: int | None = None
    forced_eos_token_id: int | None = None
    bad_words_ids: tuple[tuple[int, ...], ...] = ()
    input_prefix: str = ""


def published_generation_config(folder: str):
    """The generation config transformers builds for this checkpoint: `generation_config.json`, or
    where a repository has none (DistilBART CNN) the generation fields of its `config.json`."""
    from transformers import GenerationConfig

    try:
        return GenerationConfig.from_pretrained(folder)
    except OSError:
        return GenerationConfig.from_pretrained(folder, config_file_name="config.json", _from_model_config=True)


def read_checkpoint_tokens(folder: str) -> CheckpointTokens:
    published = published_generation_config(folder)
    config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    return CheckpointTokens(
        forced_bos_token_id=published.forced_bos_token_id,
        forced_eos_token_id=published.forced_eos_token_id,
        bad_words_ids=tuple(tuple(ids) for ids in (published.bad_words_ids or ())),
        # The summarisation pipeline of transformers 4 put `prefix` before the input; v5 has no pipeline.
        input_prefix=config.get("prefix") or "")


@dataclass(frozen=True)
class Decoding:
    """Every option of one call, as both runtimes run it. Lengths count generated tokens after the
    decoder's start token (a forced first token and the end token included), as transformers does."""

    num_beams: int
    max_new_tokens: int
    min_new_tokens: int
    length_penalty: float
    no_repeat_ngram_size: int
    early_stopping: bool
    forced_bos_token_id: int | None
    forced_eos_token_id: int | None
    bad_words_ids: tuple[tuple[int, ...], ...]
    # CTranslate2 bans tokens (n-gram repeats, the end token before the minimum) before its softmax, so
    # the scores beam search adds up are renormalised over what is allowed; transformers does the same
    # only when told. Beam search differs between the runtimes without it.
    renormalize_logits: bool = True

    def reference_kwargs(self) -> dict:
        """For `generate()`: every field named, so none falls back to the checkpoint's own value."""
        return {"num_beams": self.num_beams, "max_new_tokens": self.max_new_tokens,
                "min_new_tokens": self.min_new_tokens, "length_penalty": self.length_penalty,
                "no_repeat_ngram_size": self.no_repeat_ngram_size, "early_stopping": self.early_stopping,
                "forced_bos_token_id": self.forced_bos_token_id,
                "forced_eos_token_id": self.forced_eos_token_id,
                "bad_words_ids": [list(ids) for ids in self.bad_words_ids] or None,
                "renormalize_logits": self.renormalize_logits}


def decoding_for(settings: GenerationSettings, tokens: CheckpointTokens,
                 forced_first_id: int | None = None) -> Decoding:
    """`forced_first_id` (a translation's target-language token) replaces the checkpoint's forced start.

    At least one token is written after a forced one: an empty output is no summary or translation, and
    at the first step the end token may be chosen, CTranslate2 lets only the best beam end where
    transformers lets every beam, so the runtimes' beam searches would part there."""
    beams = max(1, settings.num_beams)
    forced_bos = forced_first_id if forced_first_id is not None else tokens.forced_bos_token_id
    longest = max(1 if forced_bos is None else 2, settings.max_new_tokens)
    shortest = max(settings.min_new_tokens, 1 if forced_bos is None else 2)
    return Decoding(
        num_beams=beams, max_new_tokens=longest, min_new_tokens=min(shortest, longest),
        length_penalty=settings.length_penalty if beams > 1 else 1.0,
        no_repeat_ngram_size=settings.no_repeat_ngram_size, early_stopping=beams > 1,
        forced_bos_token_id=forced_bos,
        forced_eos_token_id=tokens.forced_eos_token_id, bad_words_ids=tokens.bad_words_ids)
