"""Model execution behind one small interface: transformers (the reference path) or CTranslate2 (fast).

Chunking, summarising and translating see only `Seq2SeqModel`; which engine runs a model is decided in
`models.load_model`.
"""

from __future__ import annotations

import threading
from typing import Protocol

from . import config
from .settings import GenerationSettings

_UNBOUNDED = 100_000  # tokenizers report ~1e30 when they have no limit

# One generation at a time per process on the CPU: two at once would only split the same cores
# (and oversubscribe them), so concurrent requests queue here instead. A GPU has its own queue.
CPU_COMPUTE = threading.Lock()


def cpu_threads() -> int:
    return config.load().threads


def quiet_transformers() -> None:
    """Library warnings and weight-loading bars would bury a front end's own messages. Called where a
    model is loaded, so a page or command that never loads one never imports transformers."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


class Seq2SeqModel(Protocol):
    """What chunking, summarising and translating need from a sequence-to-sequence model."""

    model_id: str
    input_limit: int
    backend: str

    def count_tokens(self, text: str) -> int: ...

    def split_by_tokens(self, text: str, limit: int) -> list[str]: ...

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]: ...


class TokenizedModel:
    """Token counting and splitting with the model's own Hugging Face tokenizer (both engines)."""

    def __init__(self, model_id: str, folder: str, input_limit: int | None,
                 max_positions: int | None) -> None:
        from transformers import AutoTokenizer

        self.model_id = model_id
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        limits = [input_limit or _UNBOUNDED, self.tokenizer.model_max_length or _UNBOUNDED,
                  max_positions or _UNBOUNDED]
        self.input_limit = min(min(limits), 4096)
        self._special_tokens = len(self.tokenizer("").input_ids)
        self._tokenizer_lock = threading.Lock()  # src_lang is tokenizer state

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text).input_ids)

    def split_by_tokens(self, text: str, limit: int) -> list[str]:
        ids = self.tokenizer(text, add_special_tokens=False).input_ids
        window = max(1, limit - self._special_tokens)
        while True:
            pieces = [self.tokenizer.decode(ids[i:i + window]).strip() for i in range(0, len(ids), window)]
            pieces = [p for p in pieces if p]
            # Re-encoding decoded text can merge differently; shrink until every piece fits.
            if all(self.count_tokens(p) <= limit for p in pieces) or window == 1:
                return pieces
            window = max(1, int(window * 0.9))

    def encode(self, texts: list[str], source_language: str | None) -> list[list[int]]:
        with self._tokenizer_lock:
            if source_language and hasattr(self.tokenizer, "src_lang"):
                self.tokenizer.src_lang = source_language
            return [self.tokenizer(t, truncation=True, max_length=self.input_limit).input_ids for t in texts]

    def decode(self, ids: list[list[int]], drop: int | None = None) -> list[str]:
        """Text without special tokens; `drop` removes a forced language token too."""
        return [self.tokenizer.decode([i for i in row if i != drop], skip_special_tokens=True).strip()
                for row in ids]

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]:
        rows = self.encode(texts, source_language)
        forced_id = self.tokenizer.convert_tokens_to_ids(target_token) if target_token else None
        return self.decode(self.generate_ids(rows, settings, target_token), drop=forced_id)

    def generate_ids(self, rows: list[list[int]], settings: GenerationSettings,
                     target_token: str | None = None) -> list[list[int]]:
        """Output token ids for input token ids: what each engine implements (the benchmark calls it
        directly, so both paths do exactly the product's work minus tokenisation)."""
        raise NotImplementedError


class TransformersModel(TokenizedModel):
    """`AutoModelForSeq2SeqLM.generate()` in full precision: the reference path (fp16 on a GPU)."""

    backend = "reference"

    def __init__(self, model_id: str, folder: str, input_limit: int | None = None) -> None:
        quiet_transformers()
        import torch
        from transformers import AutoConfig, AutoModelForSeq2SeqLM

        config = AutoConfig.from_pretrained(folder)
        super().__init__(model_id, folder, input_limit, getattr(config, "max_position_embeddings", None))
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=dtype).to(self.device).eval()

    def generate_ids(self, rows: list[list[int]], settings: GenerationSettings,
                     target_token: str | None = None) -> list[list[int]]:
        import torch

        kwargs: dict = {"num_beams": settings.num_beams, "max_new_tokens": settings.max_new_tokens,
                        "min_new_tokens": min(settings.min_new_tokens, settings.max_new_tokens)}
        if settings.num_beams > 1:
            kwargs.update(length_penalty=settings.length_penalty, early_stopping=True)
        if settings.no_repeat_ngram_size:
            kwargs["no_repeat_ngram_size"] = settings.no_repeat_ngram_size
        if target_token:
            kwargs["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(target_token)
        batch = self.tokenizer.pad({"input_ids": rows}, return_tensors="pt").to(self.device)
        with CPU_COMPUTE, torch.inference_mode():
            return self.model.generate(**batch, **kwargs).tolist()
