"""What the benchmarks share: workload sizes, random models of the real architectures (the figures do not
depend on the weights), and the rows they print."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from summarizer.settings import GenerationSettings
from summarizer.summarise.lengths import length_budget

BEAMS = 4  # the reference runtime decodes with the models' published beams

# Published configurations (Hugging Face Hub config.json of each model).
DISTILBART = dict(vocab_size=50264, d_model=1024, encoder_attention_heads=16, decoder_attention_heads=16,
                  encoder_ffn_dim=4096, decoder_ffn_dim=4096, max_position_embeddings=1024,
                  activation_function="gelu", pad_token_id=1, bos_token_id=0, eos_token_id=2,
                  decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
                  normalize_before=False, normalize_embedding=True, static_position_embeddings=False,
                  add_bias_logits=False, add_final_layer_norm=False, scale_embedding=False)
ARCHITECTURES = {
    "sshleifer/distilbart-cnn-12-6": ("bart", dict(DISTILBART, encoder_layers=12, decoder_layers=6)),
    "sshleifer/distilbart-cnn-6-6": ("bart", dict(DISTILBART, encoder_layers=6, decoder_layers=6)),
    "Helsinki-NLP/opus-mt-en-de": ("marian", dict(
        vocab_size=58101, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
        decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512,
        activation_function="swish", scale_embedding=True, static_position_embeddings=True,
        pad_token_id=58100, eos_token_id=0, decoder_start_token_id=58100, forced_eos_token_id=0)),
}

# lytang/MiniCheck-RoBERTa-Large's config.json (tests/data/model-configs holds the file).
MINICHECK_ROBERTA = dict(vocab_size=50265, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                         intermediate_size=4096, max_position_embeddings=514, type_vocab_size=1,
                         pad_token_id=1, bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-05,
                         hidden_act="gelu", id2label={0: "0", 1: "1"}, label2id={"0": 0, "1": 1})


@dataclass(frozen=True)
class Sizes:
    """How big each workload is. FULL is what the README quotes; TINY checks the benchmark itself runs."""

    article_tokens: int = 900
    summary_tokens: int = 60
    sentence_tokens: int = 25  # a 60-word, 3-sentence summary; output forced
    translation_tokens: int = 25
    extractive_words: tuple[int, ...] = (5_000, 50_000)
    tiny_models: bool = False  # width 32, one layer, a 1,000-word vocabulary
    fresh_processes: bool = True

    def summary_settings(self, beams: int = BEAMS, tokens: int | None = None) -> GenerationSettings:
        """Forced lengths with the summariser's shipped settings (length penalty, no repeated trigrams)."""
        tokens = tokens or self.summary_tokens
        return GenerationSettings(num_beams=beams, min_new_tokens=tokens, max_new_tokens=tokens,
                                  length_penalty=2.0, no_repeat_ngram_size=3)

    def compare_tokens(self) -> dict[str, int]:
        """Each preset's forced length: the middle of its budget for this article (`lengths.py`)."""
        budgets = {p: length_budget(p, self.article_tokens, 142) for p in ("short", "medium", "long")}
        return {p: (b.min_tokens + b.max_tokens) // 2 for p, b in budgets.items()}

    def translation_settings(self) -> GenerationSettings:
        """Forced lengths with translation.py's settings."""
        return GenerationSettings(num_beams=BEAMS, min_new_tokens=self.translation_tokens,
                                  max_new_tokens=self.translation_tokens, length_penalty=1.0,
                                  no_repeat_ngram_size=0)


FULL = Sizes()
TINY = Sizes(article_tokens=40, summary_tokens=4, sentence_tokens=6, translation_tokens=4,
             extractive_words=(200, 2_000), tiny_models=True, fresh_processes=False)


def shrunk(config: dict) -> dict:
    """The architecture at toy width (for --tiny); pad ids at the vocabulary's end move with it."""
    size = 1_000
    small = dict(config, vocab_size=size, d_model=32, encoder_layers=1, decoder_layers=1,
                 encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64)
    for name in ("pad_token_id", "decoder_start_token_id"):
        if config.get(name) == config["vocab_size"] - 1:
            small[name] = size - 1
    return small


@dataclass
class Row:
    workload: str
    unit: str
    reference: float | None
    project: float
    ratio: float | None
    note: str = ""
    # Tokens each timed summary wrote, special tokens aside, per runtime: both must have done the same work.
    output_tokens: dict[str, list[int]] | None = None


# --- building the models -------------------------------------------------------------------------

def build_random_model(model_id: str, folder: Path, tiny: bool = False) -> Path:
    """Save a random-weight model of `model_id`'s architecture, with a tokenizer of its vocabulary size."""
    import torch
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        BartTokenizer,
        MarianConfig,
        MarianMTModel,
        MarianTokenizer,
    )

    kind, config = ARCHITECTURES.get(model_id, ARCHITECTURES["Helsinki-NLP/opus-mt-en-de"])
    config = shrunk(config) if tiny else config
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    size = config["vocab_size"]
    if kind == "bart":
        # Every byte is a token (byte-level BPE with no merges), so text becomes as many ids as it has bytes.
        vocab = {t: i for i, t in enumerate(["<s>", "<pad>", "</s>", "<unk>", *sorted(ByteLevel.alphabet())])}
        vocab.update({f"w{i}": i for i in range(len(vocab), size)})
        (folder / "vocab.json").write_text(json.dumps(vocab))
        (folder / "merges.txt").write_text("#version: 0.2\n")
        BartTokenizer(vocab=str(folder / "vocab.json"), merges=str(folder / "merges.txt"),
                      model_max_length=1024).save_pretrained(folder)
        BartForConditionalGeneration(BartConfig(**config)).save_pretrained(folder)
    else:
        spm_file = _tiny_sentencepiece(folder)
        vocab = {"</s>": 0, "<unk>": 1, **{f"w{i}": i for i in range(2, size - 1)}, "<pad>": size - 1}
        (folder / "vocab.json").write_text(json.dumps(vocab))
        MarianTokenizer(source_spm=str(spm_file), target_spm=str(spm_file),
                        vocab=str(folder / "vocab.json")).save_pretrained(folder)
        MarianMTModel(MarianConfig(**config)).save_pretrained(folder)
    return folder


def build_random_claim_checker(folder: Path, tiny: bool = False) -> Path | None:
    """MiniCheck's RoBERTa-large classifier with random weights and RoBERTa's real byte-level BPE, so
    the article's chunks hold the real number of tokens; None where that vocabulary cannot be rebuilt
    (it needs the openai-whisper package, which `make install-test` installs)."""
    import torch
    from transformers import RobertaConfig, RobertaForSequenceClassification, RobertaTokenizer

    from benchmarks.gpt2_vocabulary import write_bart_vocabulary

    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_bart_vocabulary(folder)
    except (FileNotFoundError, ImportError):
        return None
    RobertaTokenizer(vocab=str(folder / "vocab.json"), merges=str(folder / "merges.txt"),
                     model_max_length=512).save_pretrained(folder)
    config = dict(MINICHECK_ROBERTA, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                  intermediate_size=64) if tiny else MINICHECK_ROBERTA
    torch.manual_seed(0)
    RobertaForSequenceClassification(RobertaConfig(**config)).save_pretrained(folder)
    return folder


def _tiny_sentencepiece(folder: Path) -> Path:
    import sentencepiece as spm

    corpus = folder / "spm-corpus.txt"
    words = [f"word{i}" for i in range(300)]
    corpus.write_text("\n".join(" ".join(random.Random(n).sample(words, 20)) for n in range(200)))
    spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=str(folder / "spm"), vocab_size=200,
                                   minloglevel=2, hard_vocab_limit=False)
    return folder / "spm.model"


def model_folder(model_id: str, work: Path, use_cached: bool, sizes: Sizes) -> tuple[Path, str]:
    if use_cached and not sizes.tiny_models:
        from summarizer.models.hub import cached_folder

        folder = cached_folder(model_id)
        if folder:
            return Path(folder), "real weights"
    folder = build_random_model(model_id, work / model_id.replace("/", "--"), sizes.tiny_models)
    return folder, "tiny random weights" if sizes.tiny_models else "random weights"


def resident_mb() -> float:
    """This process's resident memory now (VmRSS)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


COLUMNS = ("workload", "unit", "reference", "project", "ratio", "note")


def table_line(row: Row) -> str:
    """One row, tab-separated, printed as soon as its workload is done."""
    cells = (row.workload, row.unit, "-" if row.reference is None else f"{row.reference}", f"{row.project}",
             "-" if row.ratio is None else f"{row.ratio}x", row.note)
    return "\t".join(cells).rstrip()
