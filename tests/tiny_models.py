"""Write tiny random models for every catalogue id into a Hugging Face cache, for offline tests.

    python tests/tiny_models.py DIR
    HF_HOME=DIR HF_HUB_OFFLINE=1 python -m summarizer article.txt

Each model has the real architecture (BART, mT5, Marian, M2M100) at width 32 with two layers, and a
real tokenizer of the same kind trained here on the paragraphs in tests/data. Weights are random,
so the output is nonsense: tests assert structure, limits and errors, never wording.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import zlib
from pathlib import Path

import sentencepiece as spm
import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import (
    AutoTokenizer,
    BartConfig,
    BartForConditionalGeneration,
    BartTokenizer,
    DebertaV2Config,
    DebertaV2ForSequenceClassification,
    DebertaV2Tokenizer,
    M2M100Config,
    M2M100ForConditionalGeneration,
    M2M100Tokenizer,
    MarianConfig,
    MarianMTModel,
    MarianTokenizer,
    MT5Config,
    MT5ForConditionalGeneration,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hf_cache import snapshot_dir  # noqa: E402

from summarizer.catalogue import NLI_MODEL, SUMMARY_MODELS, TRANSLATION_MODELS  # noqa: E402

CORPUS_DIR = Path(__file__).parent / "data" / "paragraphs"
# init_std well above the default 0.02 gives random models decisive logits, so greedy decoding
# has no near-ties that float rounding (int8, another runtime) could flip.
SMALL = dict(d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
             decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, init_std=0.5)


def corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def train_sentencepiece(work: Path, name: str, model_type: str, vocab_size: int, **extra) -> Path:
    """Trained from an iterator into memory, so no temporary path is recorded in the model file."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines() * 3), model_writer=model, vocab_size=vocab_size,
        model_type=model_type, character_coverage=1.0, hard_vocab_limit=False, minloglevel=2,
        num_threads=1, **extra)
    path = work / f"{name}.model"
    path.write_bytes(model.getvalue())
    return path


def build_bart(folder: Path, work: Path, input_limit: int) -> None:
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(corpus_lines(), vocab_size=600, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(work))
    tokenizer = BartTokenizer(vocab=str(work / "vocab.json"), merges=str(work / "merges.txt"),
                              model_max_length=input_limit)
    tokenizer.save_pretrained(folder)
    config = BartConfig(vocab_size=len(tokenizer), max_position_embeddings=input_limit,
                        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
                        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
                        forced_bos_token_id=tokenizer.bos_token_id,
                        # Fields the Hub's BART configs carry and CTranslate2's converter reads.
                        normalize_before=False, normalize_embedding=True, static_position_embeddings=False,
                        add_bias_logits=False, add_final_layer_norm=False, **SMALL)
    BartForConditionalGeneration(config).save_pretrained(folder)


def build_mt5(folder: Path, work: Path, input_limit: int) -> None:
    model_file = train_sentencepiece(work, "spiece", "unigram", 400, pad_id=0, eos_id=1, unk_id=2,
                                     bos_id=-1)
    staging = work / "mt5"
    staging.mkdir()
    shutil.copy(model_file, staging / "spiece.model")
    (staging / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "T5Tokenizer", "extra_ids": 0, "model_max_length": input_limit}))
    tokenizer = AutoTokenizer.from_pretrained(staging)
    tokenizer.save_pretrained(folder)
    shutil.copy(model_file, folder / "spiece.model")
    config = MT5Config(vocab_size=len(tokenizer), d_model=32, d_ff=64, d_kv=16, num_layers=2,
                       num_decoder_layers=2, num_heads=2, pad_token_id=0, eos_token_id=1,
                       decoder_start_token_id=0, initializer_factor=5.0)
    MT5ForConditionalGeneration(config).save_pretrained(folder)


def build_marian(folder: Path, work: Path, target_tokens: list[str]) -> None:
    model_file = train_sentencepiece(work, "marian", "unigram", 400, pad_id=-1, eos_id=0, unk_id=1,
                                     bos_id=-1)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {"</s>": 0, "<unk>": 1}
    for token in target_tokens:
        vocab.setdefault(token, len(vocab))
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(source_spm=str(model_file), target_spm=str(model_file),
                                vocab=str(work / "vocab.json"))
    tokenizer.save_pretrained(folder)
    config = MarianConfig(vocab_size=len(vocab), max_position_embeddings=512,
                          pad_token_id=vocab["<pad>"], eos_token_id=0,
                          decoder_start_token_id=vocab["<pad>"], **SMALL)
    MarianMTModel(config).save_pretrained(folder)


def build_m2m100(folder: Path, work: Path) -> None:
    model_file = train_sentencepiece(work, "m2m", "bpe", 400, pad_id=-1, bos_id=-1, eos_id=-1)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(vocab_file=str(work / "vocab.json"), spm_file=str(model_file),
                                model_max_length=1024)
    tokenizer.save_pretrained(folder)
    vocab_size = len(vocab) + len(tokenizer.lang_token_to_id) + tokenizer.num_madeup_words
    config = M2M100Config(vocab_size=vocab_size, max_position_embeddings=1024, pad_token_id=1,
                          bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, **SMALL)
    M2M100ForConditionalGeneration(config).save_pretrained(folder)


def build_deberta_nli(folder: Path, work: Path) -> None:
    """A DeBERTa-v2 NLI classifier with the real model's special tokens and label names."""
    model_file = train_sentencepiece(work, "spm", "unigram", 400)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = [("[PAD]", 0.0), ("[CLS]", 0.0), ("[SEP]", 0.0), ("[UNK]", 0.0)]
    vocab += [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())
              if not (processor.is_control(i) or processor.is_unknown(i))]
    vocab.append(("[MASK]", 0.0))
    tokenizer = DebertaV2Tokenizer(vocab=vocab, unk_id=3, model_max_length=512)
    tokenizer.save_pretrained(folder)
    labels = ["entailment", "neutral", "contradiction"]
    config = DebertaV2Config(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                             num_attention_heads=2, intermediate_size=64, max_position_embeddings=512,
                             relative_attention=True, position_buckets=64, pos_att_type=["p2c", "c2p"],
                             position_biased_input=False, pad_token_id=0, initializer_range=0.5,
                             id2label=dict(enumerate(labels)), label2id={n: i for i, n in enumerate(labels)})
    DebertaV2ForSequenceClassification(config).save_pretrained(folder)


def seed_for(model_id: str) -> int:
    """Each model draws from its own seed, so its weights do not depend on what was built before it."""
    return zlib.crc32(model_id.encode("utf-8"))


def build_model(cache: Path, model_id: str) -> Path:
    """Write the tiny model for one catalogue id into `cache`; the same id always gives the same bytes."""
    torch.manual_seed(seed_for(model_id))
    folder = snapshot_dir(cache, model_id)
    with tempfile.TemporaryDirectory() as work:
        if model_id == NLI_MODEL:
            build_deberta_nli(folder, Path(work))
        elif model_id in SUMMARY_MODELS:
            entry = SUMMARY_MODELS[model_id]
            build = build_bart if entry.architecture == "bart" else build_mt5
            build(folder, Path(work), entry.input_limit)
        else:
            translator = next(t for t in TRANSLATION_MODELS if t.model_id == model_id)
            if translator.architecture == "marian":
                build_marian(folder, Path(work), [t for t in translator.targets.values() if t])
            else:
                build_m2m100(folder, Path(work))
    return folder


def build_all(cache: Path) -> list[str]:
    """Build every catalogue model into `cache`; returns the ids written."""
    written = [*SUMMARY_MODELS, *(t.model_id for t in TRANSLATION_MODELS), NLI_MODEL]
    for model_id in written:
        build_model(cache, model_id)
    return written


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/tiny_models.py DIR")
    cache = Path(sys.argv[1])
    for model_id in build_all(cache):
        print(f"wrote {model_id}")
    print(f"HF_HOME={cache} HF_HUB_OFFLINE=1 python -m summarizer ARTICLE")


if __name__ == "__main__":
    main()
