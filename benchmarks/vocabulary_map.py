"""How much of real summaries the vocabulary map lets a model write, with a real tokenizer.

    python -m benchmarks.vocabulary_map --tokenizer FOLDER   # a BART tokenizer folder (HF cache)
    python -m benchmarks.vocabulary_map --tiktoken gpt2.tiktoken

BART uses GPT-2's byte-level BPE, so GPT-2's merge table (`gpt2.tiktoken`, shipped inside the
openai-whisper package's `whisper/assets/`; needs `pip install tiktoken`) tokenises exactly as the
summariser does where the Hub is out of reach. For each size of the frequent-word list the table gives the
candidates per article, the share of the reference summaries' tokens among them, and ROUGE of each
reference with its other tokens deleted against the whole reference: the most the map could cost a
model that would otherwise write the reference. The real change, with real weights where the Hub is
reachable: `evaluate` with and without SUMMARIZER_VOCABULARY_MAP=0.
"""

from __future__ import annotations

import argparse
import statistics
from importlib import resources
from pathlib import Path

from summarizer.evaluate.rouge import read_pairs, rouge_f1
from summarizer.models.vocabulary_map import Tokenize, Variants, always_allowed, candidates

SIZES = (1_000, 3_000, 10_000, 30_000)
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""


def hf_tokenizer(folder: str) -> tuple[list[str], Tokenize, Tokenize]:
    """(vocabulary, tokenize, detokenize) of a Hugging Face tokenizer folder."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    vocabulary = [t for t, _ in sorted(tokenizer.get_vocab().items(), key=lambda item: item[1])]
    return vocabulary, tokenizer.tokenize, lambda tokens: tokenizer.convert_tokens_to_string(tokens)


def tiktoken_gpt2(path: str) -> tuple[list[str], Tokenize, Tokenize]:
    """The same three from GPT-2's merge table, with tokens spelled as BART's vocabulary spells them."""
    import tiktoken
    from tiktoken.load import load_tiktoken_bpe
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    ranks = load_tiktoken_bpe(path)
    encoding = tiktoken.Encoding("gpt2", pat_str=GPT2_PATTERN, mergeable_ranks=ranks, special_tokens={})
    to_char = bytes_to_unicode()
    from_char = {c: b for b, c in to_char.items()}
    spell = {rank: "".join(to_char[b] for b in piece) for piece, rank in ranks.items()}

    def tokenize(text: str) -> list[str]:
        return [spell[i] for i in encoding.encode_ordinary(text)]

    def detokenize(tokens: list[str]) -> str:
        return bytes(from_char[c] for token in tokens for c in token).decode("utf-8", errors="replace")

    return [spell[i] for i in sorted(spell)], tokenize, detokenize


def coverage_rows(vocabulary: list[str], tokenize: Tokenize, detokenize: Tokenize,
                  sizes: tuple[int, ...] = SIZES) -> list[dict[str, float]]:
    pairs = read_pairs(resources.files("summarizer") / "data" / "news_en.jsonl")
    variants = Variants(vocabulary, ["en"])
    rows = []
    for size in sizes:
        always = always_allowed(vocabulary, tokenize, ["en"], size)
        counts, covered, rouge = [], [], []
        for pair in pairs:
            allowed = candidates(tokenize(pair.article), always, variants)
            reference = tokenize(pair.reference)
            kept = [t for t in reference if t in allowed]
            counts.append(len(allowed))
            covered.append(len(kept) / len(reference))
            rouge.append(rouge_f1(detokenize(kept), pair.reference))
        rows.append({"frequent words": size, "always allowed": len(always),
                     "candidates per article": round(statistics.mean(counts)),
                     "share of the vocabulary": round(statistics.mean(counts) / len(vocabulary), 3),
                     "reference tokens covered": round(statistics.mean(covered), 4),
                     **{f"{name} ceiling": round(statistics.mean(r[name] for r in rouge), 2)
                        for name in ("rouge1", "rouge2", "rougeL")}})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.vocabulary_map", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--tokenizer", help="folder of a BART tokenizer (vocab.json, merges.txt)")
    source.add_argument("--tiktoken", help="GPT-2's gpt2.tiktoken merge table")
    args = parser.parse_args(argv)
    vocabulary, tokenize, detokenize = (hf_tokenizer(args.tokenizer) if args.tokenizer
                                        else tiktoken_gpt2(str(Path(args.tiktoken))))
    rows = coverage_rows(vocabulary, tokenize, detokenize)
    print(f"{len(vocabulary)}-token vocabulary; 10 articles of summarizer/data/news_en.jsonl")
    print("\t".join(rows[0]))
    for row in rows:
        print("\t".join(str(value) for value in row.values()), flush=True)


if __name__ == "__main__":
    main()
