"""Model execution behind one small interface: transformers (the reference runtime) or CTranslate2 (fast).

Chunking, summarising and translating see only `Seq2SeqModel`; which runtime runs a model is decided in
`registry.load_model`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

from summarizer import config
from summarizer.fair_queue import FairQueue
from summarizer.models.decoding import Decoding, decoding_for, read_checkpoint_tokens
from summarizer.models.precision import compute_type
from summarizer.settings import GenerationSettings

_UNBOUNDED = 100_000  # tokenizers report ~1e30 when they have no limit


def cpu_threads() -> int:
    return config.current().threads


# The process's cores, lent whole and first come, first served: a generation holds as many as it runs
# threads on (a summary all of them, a translator one), so three translations share two cores while no two
# summaries ever split them (which would only oversubscribe the cores and slow both). On a GPU the same
# queue orders the calls.
CPU = FairQueue(capacity=cpu_threads)


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
    runtime: str

    def count_tokens(self, text: str) -> int: ...

    def split_by_tokens(self, text: str, limit: int) -> list[str]: ...

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]: ...

    def stream(self, text: str, settings: GenerationSettings) -> Iterator[str]:
        """The greedy output as it grows, one token at a time (`settings.num_beams` is ignored)."""
        ...


class TokenizedModel:
    """Token counting and splitting with the model's own Hugging Face tokenizer (both engines)."""

    def __init__(self, model_id: str, folder: str, input_limit: int | None,
                 max_positions: int | None) -> None:
        from transformers import AutoTokenizer

        self.model_id = model_id
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.checkpoint = read_checkpoint_tokens(folder)
        limits = [input_limit or _UNBOUNDED, self.tokenizer.model_max_length or _UNBOUNDED,
                  max_positions or _UNBOUNDED]
        self.input_limit = min(min(limits), 4096)
        self._special_tokens = len(self.tokenizer("").input_ids)
        # src_lang and the truncation setting are tokenizer state, and a fast tokenizer used from two
        # threads at once fails ("Already borrowed"): translations into several languages share one.
        self._tokenizer_lock = threading.RLock()

    def count_tokens(self, text: str) -> int:
        with self._tokenizer_lock:
            return len(self.tokenizer(self.checkpoint.input_prefix + text).input_ids)

    def split_by_tokens(self, text: str, limit: int) -> list[str]:
        with self._tokenizer_lock:
            ids = self.tokenizer(text, add_special_tokens=False).input_ids
        window = max(1, limit - self._special_tokens)
        while True:
            with self._tokenizer_lock:
                pieces = [self.tokenizer.decode(ids[i:i + window]).strip()
                          for i in range(0, len(ids), window)]
            pieces = [p for p in pieces if p]
            # Re-encoding decoded text can merge differently; shrink until every piece fits.
            if all(self.count_tokens(p) <= limit for p in pieces) or window == 1:
                return pieces
            window = max(1, int(window * 0.9))

    def encode(self, texts: list[str], source_language: str | None) -> list[list[int]]:
        with self._tokenizer_lock:
            if source_language and hasattr(self.tokenizer, "src_lang"):
                self.tokenizer.src_lang = source_language
            return [self.tokenizer(self.checkpoint.input_prefix + t, truncation=True,
                                   max_length=self.input_limit).input_ids for t in texts]

    def decode(self, ids: list[list[int]], drop: int | None = None) -> list[str]:
        """Text without special tokens; `drop` removes a forced language token too."""
        with self._tokenizer_lock:
            return [self.tokenizer.decode([i for i in row if i != drop], skip_special_tokens=True).strip()
                    for row in ids]

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]:
        rows = self.encode(texts, source_language)
        forced_id = self.tokenizer.convert_tokens_to_ids(target_token) if target_token else None
        return self.decode(self.generate_ids(rows, self.decoding(settings, forced_id)), drop=forced_id)

    def decoding(self, settings: GenerationSettings, forced_first_id: int | None = None) -> Decoding:
        """The options both engines run `settings` with on this checkpoint."""
        return decoding_for(settings, self.checkpoint, forced_first_id)

    def generate_ids(self, rows: list[list[int]], decoding: Decoding) -> list[list[int]]:
        """Output token ids for input token ids: what each runtime implements (the benchmark calls it
        directly, so both runtimes do exactly the product's work minus tokenisation)."""
        raise NotImplementedError

    def stream(self, text: str, settings: GenerationSettings) -> Iterator[str]:
        [row] = self.encode([text], None)
        ids: list[int] = []
        for token_id in self.stream_ids(row, self.decoding(replace(settings, num_beams=1))):
            ids.append(token_id)
            yield self.decode([ids])[0]

    def stream_ids(self, row: list[int], decoding: Decoding) -> Iterator[int]:
        """Greedy output ids as each is chosen, without start or end tokens: each runtime's own."""
        raise NotImplementedError


class TransformersModel(TokenizedModel):
    """`AutoModelForSeq2SeqLM.generate()` in full precision: the reference runtime (on a GPU, the half
    precision `precision.py` chooses)."""

    runtime = "reference"

    def __init__(self, model_id: str, folder: str, input_limit: int | None = None) -> None:
        quiet_transformers()
        import torch
        from transformers import AutoConfig, AutoModelForSeq2SeqLM

        config = AutoConfig.from_pretrained(folder)
        super().__init__(model_id, folder, input_limit, getattr(config, "max_position_embeddings", None))
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        supported: set[str] = set()
        if self.device == "cuda":
            supported = {"float16", "bfloat16"} if torch.cuda.is_bf16_supported() else {"float16"}
        self.compute_type = compute_type(config.model_type, self.device, "reference", supported)
        dtype = getattr(torch, self.compute_type)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=dtype).to(self.device).eval()
        self._last_encoding: tuple | None = None

    def generate_ids(self, rows: list[list[int]], decoding: Decoding) -> list[list[int]]:
        import torch

        with CPU.turn(), torch.inference_mode():
            return self.model.generate(**self._encoded(rows), **decoding.reference_kwargs()).tolist()

    def _encoded(self, rows: list[list[int]]) -> dict:
        """The padded batch with the encoder's output, kept for the latest input: the same article
        summarised again (another length in Compare lengths, the final pass after the draft) is encoded
        once. Called with the cores held."""
        from transformers.modeling_outputs import BaseModelOutput

        key = tuple(map(tuple, rows))
        if self._last_encoding is None or self._last_encoding[0] != key:
            batch = self.tokenizer.pad({"input_ids": rows}, return_tensors="pt").to(self.device)
            hidden = self.model.get_encoder()(**batch).last_hidden_state
            self._last_encoding = (key, batch, hidden)
        _, batch, hidden = self._last_encoding
        # generate() widens the encoder output for beams in place, so it gets a fresh holder each time.
        return {**batch, "encoder_outputs": BaseModelOutput(last_hidden_state=hidden)}

    def stream_ids(self, row: list[int], decoding: Decoding) -> Iterator[int]:
        """transformers hands each new token to a streamer; generation runs in a thread meanwhile."""
        import queue

        import torch
        from transformers.generation.streamers import BaseStreamer

        tokens: queue.Queue[list[int] | None] = queue.Queue()

        class Collect(BaseStreamer):
            def put(self, value) -> None:
                tokens.put(value.reshape(-1).tolist())

            def end(self) -> None:
                tokens.put(None)

        kwargs = {**decoding.reference_kwargs(), "streamer": Collect()}
        failure: list[BaseException] = []

        def run() -> None:
            try:
                with CPU.turn(), torch.inference_mode():
                    self.model.generate(**self._encoded([row]), **kwargs)
            except BaseException as error:  # handed to the reading thread
                failure.append(error)
                tokens.put(None)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        first = True
        special = set(self.tokenizer.all_special_ids)
        while (chunk := tokens.get()) is not None:
            if first:  # the decoder's start token comes first, on its own
                first = False
                continue
            yield from (token for token in chunk if token not in special)
        worker.join()
        if failure:
            raise failure[0]
