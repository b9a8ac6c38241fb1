"""Write tiny random models for every catalogue id into a Hugging Face cache, for offline tests.

    python tests/tiny_models.py DIR
    HF_HOME=DIR HF_HUB_OFFLINE=1 python -m summarizer article.txt

Each model starts from its published files in tests/data/model-configs/<org>--<name>/ (config.json,
generation_config.json where the repository has one, the tokenizer's config and special-tokens map) and
only the sizes are shrunk: width 32, two layers, two heads, feed-forward 64, and the vocabulary where no
real tokenizer is at hand (token ids that count from the vocabulary's end, such as Marian's padding,
keep their place at the end). Every other field is the published one, and the files are laid out as the
Hub serves them: DistilBART with no generation_config.json and a 50,264-row embedding under the real
50,265-entry tokenizer (benchmarks/gpt2_vocabulary.py), mT5 with spiece.model and no tokenizer.json and its
embedding padded past the vocabulary. Weights are random, so the output is nonsense: tests assert
structure, limits and errors, never wording.

Where a published file could not be obtained, its folder's source.json says so and a stand-in is used:
`X.inferred.json` (a size-matched copy from a sibling repository), `config.card.json` (the fields that
could be sourced) or, for an OPUS-MT model without one, the one OPUS-MT config.json found (zh-en) with
that model's own published values (generation_config.json, card) laid over it.
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
from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoModelForSequenceClassification
from transformers.utils import logging as transformers_logging

transformers_logging.disable_progress_bar()
transformers_logging.set_verbosity_error()

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.gpt2_vocabulary import write_bart_vocabulary  # noqa: E402
from hf_cache import snapshot_dir  # noqa: E402

from summarizer.models.catalogue import (  # noqa: E402
    CHECK_MODELS,
    ENGLISH_CHECK_MODEL,
    NLI_MODEL,
    SUMMARY_MODELS,
    TRANSLATION_MODELS,
)

DATA = Path(__file__).parent / "data"
CORPUS_DIR = DATA / "paragraphs"
PUBLISHED_DIR = DATA / "model-configs"
MARIAN_TEMPLATE = "Helsinki-NLP/opus-mt-zh-en"

_SEQ2SEQ_SIZES = dict(d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
                      decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, num_hidden_layers=2)
SIZES = {
    "bart": _SEQ2SEQ_SIZES, "marian": _SEQ2SEQ_SIZES, "m2m_100": _SEQ2SEQ_SIZES,
    "mt5": dict(d_model=32, d_ff=64, d_kv=16, num_layers=2, num_decoder_layers=2, num_heads=2),
    "deberta-v2": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
                       pooler_hidden_size=32),
    "roberta": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64),
}
# Random weights drawn well above the published spread give decisive logits, so greedy decoding has no
# near-ties that float rounding (int8, another runtime) could flip. Used to draw the weights only: the
# config written beside them keeps the published value.
WIDE_INIT = {"bart": ("init_std", 0.5), "marian": ("init_std", 0.5), "m2m_100": ("init_std", 0.5),
             "mt5": ("initializer_factor", 5.0), "deberta-v2": ("initializer_range", 0.5),
             "roberta": ("initializer_range", 0.5)}
ID_FIELDS = ("pad_token_id", "bos_token_id", "eos_token_id", "decoder_start_token_id", "forced_bos_token_id",
             "forced_eos_token_id")
# Fields of a Marian card or generation config that describe the model, not the page they came from.
_MARIAN_FIELDS = ("vocab_size", "decoder_vocab_size", "pad_token_id", "decoder_start_token_id", "bad_words_ids",
                  "bos_token_id", "eos_token_id", "forced_eos_token_id", "max_length", "num_beams",
                  "share_encoder_decoder_embeddings")


def published_folder(model_id: str) -> Path:
    return PUBLISHED_DIR / model_id.replace("/", "--")


def _json(folder: Path, name: str) -> dict | None:
    """The published file, else its size-matched stand-in, else None."""
    for candidate in (name, name.replace(".json", ".inferred.json")):
        if (folder / candidate).is_file():
            return json.loads((folder / candidate).read_text(encoding="utf-8"))
    return None


def published_config(model_id: str) -> dict:
    folder = published_folder(model_id)
    config = _json(folder, "config.json")
    if config is not None:
        return config
    card = json.loads((folder / "config.card.json").read_text(encoding="utf-8"))
    if card.get("model_type") or card.get("architectures"):
        return card  # every field sourced, only the file's text missing
    config = dict(published_config(MARIAN_TEMPLATE))
    for layer in [*(d.get("fields", {}) for d in card.get("from_derivatives", [])), card.get("from_original_repo", {}),
                  _json(folder, "generation_config.json") or {}]:
        config.update({k: v for k, v in layer.items() if k in _MARIAN_FIELDS})
    if "pad_token_id" in config:  # Marian's padding is its vocabulary's last entry
        config["vocab_size"] = config["pad_token_id"] + 1
        config["bad_words_ids"] = [[config["pad_token_id"]]]
        config["decoder_start_token_id"] = config["pad_token_id"]
    config.pop("extra_pos_embeddings", None)  # zh-en's legacy field: its vocabulary size
    return config


def published_generation_config(model_id: str) -> dict | None:
    """generation_config.json as the repository has it; None where it has none (or it was not found)."""
    return _json(published_folder(model_id), "generation_config.json")


def resize_vocabulary(fields: dict, old: int, new: int) -> dict:
    """Ids that count from the end of the vocabulary (at or past the new size) keep that distance."""
    def moved(token_id):
        return token_id - old + new if isinstance(token_id, int) and token_id >= new else token_id

    resized = dict(fields)
    for name in ID_FIELDS:
        if name in resized:
            resized[name] = moved(resized[name])
    if resized.get("bad_words_ids"):
        resized["bad_words_ids"] = [[moved(i) for i in ids] for ids in resized["bad_words_ids"]]
    for name in ("vocab_size", "decoder_vocab_size"):
        if resized.get(name) == old:
            resized[name] = new
    return resized


def shrunk_config(model_id: str, vocab_size: int | None = None) -> dict:
    config = published_config(model_id)
    sizes = {k: v for k, v in SIZES[config["model_type"]].items() if k in config}
    config = {**config, **sizes}
    if vocab_size is not None and vocab_size != config["vocab_size"]:
        config = resize_vocabulary(config, config["vocab_size"], vocab_size)
    return config


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


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_model(folder: Path, model_id: str, config: dict, classifier: bool = False) -> None:
    """Random weights for `config`, saved beside `config` itself and the published generation config
    (or none, where the repository has none)."""
    init_field, init_value = WIDE_INIT[config["model_type"]]
    drawing = AutoConfig.for_model(**{**config, init_field: init_value})
    auto = AutoModelForSequenceClassification if classifier else AutoModelForSeq2SeqLM
    auto.from_config(drawing).save_pretrained(folder)
    write_json(folder / "config.json", config)
    (folder / "generation_config.json").unlink(missing_ok=True)
    generation = published_generation_config(model_id)
    if generation is not None and not classifier:
        published_vocabulary = published_config(model_id)["vocab_size"]
        write_json(folder / "generation_config.json",
                   resize_vocabulary(generation, published_vocabulary, config["vocab_size"]))


def write_tokenizer_files(folder: Path, model_id: str) -> None:
    for name in ("tokenizer_config.json", "special_tokens_map.json"):
        data = _json(published_folder(model_id), name)
        if data is not None:
            write_json(folder / name, data)


def build_bart(folder: Path, work: Path, model_id: str) -> None:
    """The real tokenizer, so the published vocab_size (one short of the tokenizer) is kept too."""
    write_bart_vocabulary(folder)
    write_tokenizer_files(folder, model_id)
    write_model(folder, model_id, shrunk_config(model_id))


def build_mt5(folder: Path, work: Path, model_id: str) -> None:
    published = published_config(model_id)
    pieces = 400
    model_file = train_sentencepiece(work, "spiece", "unigram", pieces, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    shutil.copy(model_file, folder / "spiece.model")
    write_tokenizer_files(folder, model_id)
    real_pieces = 250_100  # mT5's SentencePiece model; its embedding has 12 rows more
    write_model(folder, model_id, shrunk_config(model_id, pieces + published["vocab_size"] - real_pieces))


def build_marian(folder: Path, work: Path, model_id: str, target_tokens: list[str]) -> None:
    model_file = train_sentencepiece(work, "marian", "unigram", 400, pad_id=-1, eos_id=0, unk_id=1, bos_id=-1)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {"</s>": 0, "<unk>": 1}
    for token in target_tokens:
        vocab.setdefault(token, len(vocab))
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    shutil.copy(model_file, folder / "source.spm")
    shutil.copy(model_file, folder / "target.spm")
    write_tokenizer_files(folder, model_id)
    if not (folder / "tokenizer_config.json").is_file():  # not found: what the repository name says
        source, target = model_id.rsplit("opus-mt-", 1)[1].split("-")
        write_json(folder / "tokenizer_config.json", {"target_lang": target, "source_lang": source})
    write_model(folder, model_id, shrunk_config(model_id, len(vocab)))


def build_m2m100(folder: Path, work: Path, model_id: str) -> None:
    from transformers import M2M100Tokenizer

    model_file = train_sentencepiece(work, "m2m", "bpe", 400, pad_id=-1, bos_id=-1, eos_id=-1)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    shutil.copy(model_file, folder / "sentencepiece.bpe.model")
    write_tokenizer_files(folder, model_id)
    tokenizer = M2M100Tokenizer(vocab_file=str(folder / "vocab.json"), spm_file=str(model_file))
    vocab_size = len(vocab) + len(tokenizer.lang_token_to_id) + tokenizer.num_madeup_words
    write_model(folder, model_id, shrunk_config(model_id, vocab_size))


def build_deberta_nli(folder: Path, work: Path, model_id: str) -> None:
    """The published label order and special tokens; the embedding padded past the vocabulary as the
    real one is (251,000 rows for 250,101 tokens)."""
    from transformers import DebertaV2Tokenizer

    model_file = train_sentencepiece(work, "spm", "unigram", 400)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = [("[PAD]", 0.0), ("[CLS]", 0.0), ("[SEP]", 0.0), ("[UNK]", 0.0)]
    vocab += [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())
              if not (processor.is_control(i) or processor.is_unknown(i))]
    vocab.append(("[MASK]", 0.0))
    published = _json(published_folder(model_id), "tokenizer_config.json") or {}
    tokenizer = DebertaV2Tokenizer(vocab=vocab, unk_id=3, model_max_length=published.get("model_max_length", 512))
    tokenizer.save_pretrained(folder)
    write_model(folder, model_id, shrunk_config(model_id, len(tokenizer) + 251_000 - 250_101), classifier=True)


def build_minicheck_roberta(folder: Path, work: Path, model_id: str) -> None:
    """RoBERTa's real byte-level BPE (GPT-2's, as BART's) with RoBERTa-large's 512-token limit, and the
    published two labels "0"/"1"."""
    from transformers import RobertaTokenizer

    write_bart_vocabulary(work)
    RobertaTokenizer(vocab=str(work / "vocab.json"), merges=str(work / "merges.txt"),
                     model_max_length=512).save_pretrained(folder)
    write_model(folder, model_id, shrunk_config(model_id), classifier=True)


def seed_for(model_id: str) -> int:
    """Each model draws from its own seed, so its weights do not depend on what was built before it."""
    return zlib.crc32(model_id.encode("utf-8"))


def build_model(cache: Path, model_id: str) -> Path:
    """Write the tiny model for one catalogue id into `cache`; the same id always gives the same bytes."""
    torch.manual_seed(seed_for(model_id))
    folder = snapshot_dir(cache, model_id)
    with tempfile.TemporaryDirectory() as work:
        if model_id == NLI_MODEL:
            build_deberta_nli(folder, Path(work), model_id)
        elif model_id == ENGLISH_CHECK_MODEL.model_id:
            build_minicheck_roberta(folder, Path(work), model_id)
        elif model_id in SUMMARY_MODELS:
            build = build_bart if SUMMARY_MODELS[model_id].architecture == "bart" else build_mt5
            build(folder, Path(work), model_id)
        else:
            translator = next(t for t in TRANSLATION_MODELS if t.model_id == model_id)
            if translator.architecture == "marian":
                build_marian(folder, Path(work), model_id, [t for t in translator.targets.values() if t])
            else:
                build_m2m100(folder, Path(work), model_id)
    return folder


def build_all(cache: Path) -> list[str]:
    """Build every catalogue model into `cache`; returns the ids written."""
    written = [*SUMMARY_MODELS, *(t.model_id for t in TRANSLATION_MODELS), *(m.model_id for m in CHECK_MODELS)]
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
