"""BART's real byte-level BPE, rebuilt offline from GPT-2's merge table.

BART (and so DistilBART CNN) tokenises with GPT-2's byte-level BPE. The `openai-whisper` package ships
that table as `whisper/assets/gpt2.tiktoken` (each line: a token's bytes in base64 and its rank); this
turns it into the `vocab.json` and `merges.txt` a Hugging Face BART tokenizer reads. Token boundaries,
token counts, the 50,265-entry size and the special tokens' ids (0-3 and `<mask>` = 50264) are the real
ones. The ids of ordinary tokens are not: the published vocab.json numbers them in fairseq's frequency
order, which the table does not carry, so here they follow GPT-2's ranks.
"""

from __future__ import annotations

import base64
import importlib.metadata
import json
from functools import cache
from pathlib import Path

SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
BART_VOCABULARY = 50265  # len(tokenizer) of facebook/bart-large-cnn and sshleifer/distilbart-cnn-*
MASK = "<mask>"


def gpt2_table() -> Path:
    """Located through the package's file list: importing `whisper` would need its runtime (numba...)."""
    for file in importlib.metadata.files("openai-whisper") or ():
        if file.name == "gpt2.tiktoken":
            return Path(file.locate())
    raise FileNotFoundError("openai-whisper is installed without whisper/assets/gpt2.tiktoken")


def _byte_symbols() -> dict[int, str]:
    """GPT-2's printable stand-in for each byte (the `Ġ` for a space): `bytes_to_unicode` of its encoder."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    symbols, extra = {}, 0
    for byte in range(256):
        if byte in printable:
            symbols[byte] = chr(byte)
        else:
            symbols[byte] = chr(256 + extra)
            extra += 1
    return symbols


def _merge_of(token: bytes, ranks: dict[bytes, int]) -> tuple[bytes, bytes]:
    """The pair BPE joins last to make `token`: run BPE on its bytes with only lower-ranked merges."""
    rank = ranks[token]
    parts = [bytes([b]) for b in token]
    while len(parts) > 2:
        candidates = [(ranks.get(parts[i] + parts[i + 1], rank), i) for i in range(len(parts) - 1)]
        best, index = min(candidates)
        if best >= rank:
            break
        parts[index:index + 2] = [parts[index] + parts[index + 1]]
    if len(parts) != 2:
        raise ValueError(f"no merge makes {token!r}")
    return parts[0], parts[1]


@cache
def _vocabulary_and_merges(table: str) -> tuple[dict[str, int], list[str]]:
    ranks: dict[bytes, int] = {}
    for line in Path(table).read_text(encoding="ascii").splitlines():
        if line:
            encoded, rank = line.split()
            ranks[base64.b64decode(encoded)] = int(rank)
    symbols = _byte_symbols()

    def text(piece: bytes) -> str:
        return "".join(symbols[b] for b in piece)

    vocabulary = {token: index for index, token in enumerate(SPECIALS)}
    merges = []
    for token, _ in sorted(ranks.items(), key=lambda item: item[1]):
        vocabulary[text(token)] = len(vocabulary)
        if len(token) > 1:
            left, right = _merge_of(token, ranks)
            merges.append(f"{text(left)} {text(right)}")
    filler = 0
    while len(vocabulary) < BART_VOCABULARY - 1:  # fairseq's dictionary pads with made-up words too
        vocabulary[f"madeupword{filler:04d}"] = len(vocabulary)
        filler += 1
    vocabulary[MASK] = len(vocabulary)
    return vocabulary, merges


def write_bart_vocabulary(folder: Path) -> None:
    """`vocab.json` and `merges.txt` of BART's tokenizer, into `folder`."""
    vocabulary, merges = _vocabulary_and_merges(str(gpt2_table()))
    (folder / "vocab.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8")
