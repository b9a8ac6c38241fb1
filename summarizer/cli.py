"""Command line: `python -m summarizer FILE` prints a summary; errors are one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue import SUMMARY_MODELS
from .errors import SummarizerError
from .languages import language_name
from .progress import Progress
from .settings import DEFAULT_MAX_CHARS, LENGTH_PRESETS, SummarySettings
from .text_input import clean_text

EXIT_OK, EXIT_USAGE = 0, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer",
        description="Summarise a news article with a Hugging Face model.")
    parser.add_argument("file", nargs="?", help="article file, or - for standard input")
    parser.add_argument("--length", choices=LENGTH_PRESETS, default="medium")
    parser.add_argument("--min-tokens", type=int, help="override the preset's minimum summary tokens")
    parser.add_argument("--max-tokens", type=int, help="override the preset's maximum summary tokens")
    parser.add_argument("--beams", type=int, help="beam search width (default: the model's)")
    parser.add_argument("--model", help="catalogue id, any Hugging Face Hub id, or a local folder")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help=f"refuse longer input (default {DEFAULT_MAX_CHARS:,} characters)")
    parser.add_argument("--json", action="store_true", help="print the whole result as one JSON object")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    parser.add_argument("--list-models", action="store_true", help="print the model catalogue and exit")
    return parser


def list_models() -> str:
    rows = [("id", "languages", "size", "params", "licence", "input limit")]
    for m in SUMMARY_MODELS.values():
        languages = ", ".join(m.languages) if len(m.languages) <= 3 else f"{len(m.languages)} languages"
        rows.append((m.model_id, languages, f"{m.size_mb / 1000:.1f} GB", m.params, m.licence,
                     f"{m.input_limit} tokens"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def read_input(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise SummarizerError(f"no such file: {path}")
    return path.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_models:
        print(list_models())
        return EXIT_OK
    if not args.file:
        parser.print_usage(sys.stderr)
        print("error: give an article file, or - to read standard input", file=sys.stderr)
        return EXIT_USAGE
    _quiet_libraries()

    def show(progress: Progress) -> None:
        if not args.quiet:
            print(progress.message, file=sys.stderr)

    try:
        settings = SummarySettings(model=args.model, length=args.length, min_tokens=args.min_tokens,
                                   max_tokens=args.max_tokens, num_beams=args.beams,
                                   max_chars=args.max_chars)
        text = clean_text(read_input(args.file), settings.max_chars)
        from .pipeline import Summarizer  # heavy imports only once the input is known to be usable

        result = Summarizer(settings).summarize(text, on_progress=show)
    except (SummarizerError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(result.to_json() if args.json else result.summary)
    return EXIT_OK


def _quiet_libraries() -> None:
    """Library warnings and weight-loading bars would bury our own messages on stderr."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
