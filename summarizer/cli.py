"""Command line: `python -m summarizer FILE` prints a summary; errors are one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path

from summarizer.errors import SummarizerError
from summarizer.languages import language_name
from summarizer.models.catalogue import (
    CHECK_MODELS,
    ENGLISH_CHECK_MODEL,
    M2M100_MODEL,
    NLI_MODEL,
    SUMMARY_MODELS,
    TARGET_LANGUAGES,
    translation_model_for,
)
from summarizer.models.routing import summary_routes
from summarizer.plain_words import duration
from summarizer.progress import Progress
from summarizer.settings import (
    DEFAULT_MAX_CHARS,
    ENGINES,
    FORMATS,
    LENGTH_PRESETS,
    RUNTIMES,
    WORD_TARGETS,
    SummarySettings,
    word_target,
)
from summarizer.sources.text_input import clean_text

DEEP_CHECK_MODELS = f"{ENGLISH_CHECK_MODEL.model_id} for English, {NLI_MODEL} for other languages"
EXIT_OK = 0
EXIT_NOT_IN_ARTICLE = 1   # check: the summary states something the article does not
EXIT_USAGE = 2            # bad input or a failure: one line on stderr says what to do
EXIT_FAILED_RECORDS = 3   # batch: finished, but some records are errors in the results file


def build_parser() -> argparse.ArgumentParser:
    """One subcommand each; `python -m summarizer FILE` is read as `summarise FILE` (see `main`)."""
    parser = argparse.ArgumentParser(
        prog="python -m summarizer",
        description="Summarise news articles in any language, check summaries against their articles, "
                    "and measure both.",
        epilog="`python -m summarizer FILE` is short for `python -m summarizer summarise FILE`. An article "
               "file named like a command: `python -m summarizer summarise batch` (or ./batch). Exit codes: "
               f"{EXIT_OK} done; {EXIT_NOT_IN_ARTICLE} check found something the article does not say; "
               f"{EXIT_USAGE} bad input or a failure (one line on stderr); {EXIT_FAILED_RECORDS} batch "
               "finished with failed records; 130 interrupted.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, (summary, add_arguments, run) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        add_arguments(command)
        command.set_defaults(run=run, parser=command)
    return parser


def add_summarise_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="article file (.txt, .md, .html, .pdf, .docx), or - for "
                                                "standard input")
    parser.add_argument("--url", help="import the article from a web page instead of a file")
    add_summary_options(parser)
    parser.add_argument("--json", action="store_true", help="print the whole result as one JSON object")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    parser.add_argument("--list-models", action="store_true", help="print the model catalogue and exit")
    parser.add_argument("--list-languages", action="store_true",
                        help="print what can be summarised and translated, by which model, and exit")


def add_summary_options(parser: argparse.ArgumentParser) -> None:
    """The flags that decide a summary, shared by the one-article command and `batch`."""
    parser.add_argument("--length", choices=LENGTH_PRESETS, default="medium")
    parser.add_argument("--words", type=_word_target, metavar="N",
                        help=f"a target length in words, {WORD_TARGETS[0]} to {WORD_TARGETS[1]} (characters "
                             "in Chinese, Japanese and other scripts without spaces), in place of --length")
    parser.add_argument("--format", choices=FORMATS, default="paragraph",
                        help="paragraph; points: 3-7 key points; quotes: the article's key quotations, "
                             "verbatim, with their speakers; headline: one line of at most 20 words")
    parser.add_argument("--min-tokens", type=int, help="override the preset's minimum summary tokens")
    parser.add_argument("--max-tokens", type=int, help="override the preset's maximum summary tokens")
    parser.add_argument("--beams", type=int, help="beam search width (default: the model's)")
    parser.add_argument("--model", help="catalogue id, any Hugging Face Hub id, or a local folder "
                                        "(default: chosen by the article's language)")
    parser.add_argument("--engine", choices=ENGINES, default="auto",
                        help="abstractive (a model), extractive (sentences from the article, no "
                             "download) or auto: abstractive when its model is available")
    parser.add_argument("--runtime", "--backend", choices=RUNTIMES, default=None,
                        help="fast: CTranslate2 int8 (half precision on a GPU), converted once on first use; "
                             "reference: transformers in full precision (default: fast, or "
                             "SUMMARIZER_RUNTIME; --backend is its old name)")
    parser.add_argument("--lang", help="the article's language code (default: detected)")
    parser.add_argument("--translate", nargs="+", default=[], metavar="LANG",
                        help="also translate the summary into these languages, e.g. fr de ar zh")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help=f"refuse longer input (default {DEFAULT_MAX_CHARS:,} characters)")
    parser.add_argument("--deep-check", action="store_true",
                        help=f"also check each summary sentence with a model: {DEEP_CHECK_MODELS}, "
                             "downloaded on first use")


def settings_from(args: argparse.Namespace) -> SummarySettings:
    """A model the user named is the one they want: with `--engine auto` it runs or the command fails,
    rather than quietly giving key sentences instead."""
    engine = "abstractive" if args.model and args.engine == "auto" else args.engine
    settings = SummarySettings(model=args.model, length=args.length, min_tokens=args.min_tokens,
                               max_tokens=args.max_tokens, num_beams=args.beams, max_chars=args.max_chars,
                               engine=engine, language=_language_code(args.lang),
                               translate_to=tuple(_language_code(t) for t in args.translate),
                               deep_check=args.deep_check, format=args.format, words=args.words)
    return settings.with_changes(runtime=args.runtime) if args.runtime else settings


def _word_target(value: str) -> int:
    """argparse's reading of --words: a whole number in range, or a message that says which range."""
    words = word_target(value)
    if words is None:
        raise argparse.ArgumentTypeError(f"give a number of words from {WORD_TARGETS[0]} to {WORD_TARGETS[1]}, "
                                         f"not {value!r}")
    return words


def list_models() -> str:
    """One block per model, its description in full (a table would cut it at a terminal's width)."""
    blocks = []
    for m in [*SUMMARY_MODELS.values(), *CHECK_MODELS]:
        role = " (the deep check)" if m in CHECK_MODELS else ""
        blocks.append(f"{m.model_id}{role}\n  {m.label}\n  {m.languages_label} · {m.size_mb / 1000:.1f} GB · "
                      f"{m.params} parameters · licence {m.licence} · reads up to {m.input_limit} tokens")
    return "\n\n".join(blocks)


def list_languages() -> str:
    lines = ["Summaries (in the article's own language):"]
    rows = [(code, language_name(code), route.name, " -> ".join(route.model_ids()))
            for code, route in summary_routes().items()]
    lines += _table([("code", "language", "route", "models"), *rows])
    lines += ["", "Translations of the summary (from English; other sources use the pair model when "
              f"one exists, else {M2M100_MODEL}):"]
    rows = []
    for code in TARGET_LANGUAGES:
        entry = translation_model_for("en", code) if code != "en" else translation_model_for("de", "en")
        assert entry is not None
        rows.append((code, language_name(code), entry.model_id, entry.licence, f"{entry.size_mb} MB"))
    lines += _table([("code", "language", "model", "licence", "size"), *rows])
    return "\n".join(lines)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def read_input(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise SummarizerError(f"no such file: {path}")
    return path.read_bytes()


def read_article(source: str | None, url: str | None, max_chars: int) -> str | bytes:
    """Plain text stays bytes (cleaned later); pages and documents, by name or by their first bytes
    (a PDF called .txt, a Word file on standard input), are turned into text here."""
    from summarizer.batch.records import OUTPUT_TYPES  # the list formats `batch` reads and writes
    from summarizer.sources.documents import DOCUMENT_TYPES, article_from_file, article_from_url, sniff

    if url:
        article = article_from_url(url, max_chars=max_chars)
    else:
        if source != "-" and Path(str(source)).suffix.lower() in OUTPUT_TYPES:
            raise SummarizerError(f"{source} looks like a list of articles, not one article; summarise "
                                  f"each of them with `python -m summarizer batch {source} --out "
                                  "results.jsonl`")
        data = read_input(str(source))
        name = "standard input" if source == "-" else str(source)
        if not (sniff(data) or (source != "-" and Path(name).suffix.lower() in DOCUMENT_TYPES)):
            return data
        article = article_from_file(name, data, max_chars=max_chars)
    print(f"{article.title or 'untitled'} ({article.source}{', read by OCR' if article.read_by_ocr else ''})",
          file=sys.stderr)
    return article.text


def main(argv: list[str] | None = None) -> int:
    """Every failure ends as one line on stderr and exit code 2 (130 for Ctrl-C), never a traceback."""
    argv = sys.argv[1:] if argv is None else argv
    _utf8_output()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the one boundary: no traceback for a user
        logging.getLogger(__name__).debug("unexpected failure", exc_info=True)
        print(f"error: {_plain(error)}", file=sys.stderr)
        return EXIT_USAGE


def _plain(error: Exception) -> str:
    if isinstance(error, (SummarizerError, ValueError)):
        return str(error)
    if isinstance(error, MemoryError):
        return "not enough memory for this input; try a shorter article"
    return f"something went wrong ({type(error).__name__}: {error}); nothing was written"


def _main(argv: list[str]) -> int:
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv = ["summarise", *argv]  # `python -m summarizer FILE`, `--url`, `--list-models`
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (SummarizerError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


def summarise_command(args: argparse.Namespace) -> int:
    if args.list_models:
        print(list_models())
        return EXIT_OK
    if args.list_languages:
        print(list_languages())
        return EXIT_OK
    if bool(args.file) == bool(args.url):
        args.parser.print_usage(sys.stderr)
        print("error: give an article file, - to read standard input, or --url", file=sys.stderr)
        return EXIT_USAGE

    def show(progress: Progress) -> None:
        if not args.quiet and progress.stage != "fallback":  # the fallback gets its own note below
            print(progress.message, file=sys.stderr)

    settings = settings_from(args)
    text = clean_text(read_article(args.file, args.url, settings.max_chars), settings.max_chars)
    from summarizer.summarise.pipeline import Summarizer  # heavy imports once the input is usable

    result = Summarizer(settings).summarise(text, on_progress=show)
    if args.json:
        print(result.to_json())
    else:
        print(result.summary)
        for code, translation in result.translations.items():
            print(f"\n[{code}] {translation}")
        for line in _flagged_facts(result.unsupported):
            print(line, file=sys.stderr)
    if result.fallback_reason:
        print(f"note: extractive summary, because {result.fallback_reason}", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for code, message in result.errors.items():
        print(f"warning: translation into {language_name(code)} failed: {message}", file=sys.stderr)
    return EXIT_OK


def add_evaluate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pairs", help='JSON lines: {"article": ..., "reference": ...}')
    parser.add_argument("--engine", choices=ENGINES, default="auto")
    parser.add_argument("--length", choices=LENGTH_PRESETS, default="medium")
    parser.add_argument("--model", help="summary model for the abstractive engine")
    parser.add_argument("--lang", help="the articles' language (default: detected per article)")
    parser.add_argument("--intro-as-reference", action="store_true",
                        help="BBC style: each article's first sentence is its reference and is removed "
                             "from the article (the pairs' own references are ignored)")
    parser.add_argument("--json", action="store_true")


def evaluate_command(args: argparse.Namespace) -> int:
    from summarizer.evaluate.rouge import evaluate, intro_as_reference, read_pairs
    from summarizer.summarise.pipeline import Summarizer

    pairs = read_pairs(args.pairs)
    if args.intro_as_reference:
        pairs = intro_as_reference(pairs, _language_code(args.lang))
    summarizer = Summarizer(SummarySettings(engine=args.engine, length=args.length, model=args.model,
                                            language=_language_code(args.lang)))
    engines_used: set[str] = set()

    def summarise(article: str) -> str:
        result = summarizer.summarise(article)
        engines_used.add(result.engine)
        return result.summary

    scores = evaluate(pairs, summarise)
    engine = "+".join(sorted(engines_used))
    if args.json:
        print(json.dumps({"pairs": len(pairs), "engine": engine, "length": args.length,
                          "scores": scores}, indent=2))
        return EXIT_OK
    rows = [("metric", f"engine ({engine}, {args.length})", "lead-3", "difference")]
    for metric, label in (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeL", "ROUGE-L")):
        ours, lead = scores["engine"][metric], scores["lead-3"][metric]
        rows.append((label, f"{ours:.2f}", f"{lead:.2f}", f"{ours - lead:+.2f}"))
    print("\n".join(_table(rows)))
    print(f"{len(pairs)} pairs; F1 in percent; tokens are Unicode words, CJK one per character")
    return EXIT_OK


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", required=True, help="the article")
    parser.add_argument("--summary", required=True, help="a summary of it, from any tool or person")
    parser.add_argument("--lang", help="their language (default: detected from the source)")
    parser.add_argument("--deep", action="store_true",
                        help=f"also score each sentence with a model ({DEEP_CHECK_MODELS}, downloaded "
                             "on first use); its verdicts replace the quick check's")
    parser.add_argument("--json", action="store_true")


def check_command(args: argparse.Namespace) -> int:
    from summarizer.checks.faithfulness import verdict_lines
    from summarizer.checks.given_summary import check_given_summary

    source = clean_text(read_input(args.source))
    summary = clean_text(read_input(args.summary))
    report = check_given_summary(source, summary, _language_code(args.lang), args.deep, _progress_on_stderr)
    status = EXIT_OK if report.all_found else EXIT_NOT_IN_ARTICLE
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return status
    facts = [f.to_dict() for f in report.unsupported]
    for index, item in enumerate(report.support):
        print(f"{index + 1}. {item.sentence}")
        for line in verdict_lines(item.to_dict(), [f for f in facts if f["sentence"] == index]):
            print(f"   {line}")
        for source_index, text in zip(item.sources, item.source_sentences):
            print(f"   <- article sentence {source_index + 1}: {text}")
    for line in _flagged_facts(facts):
        print(line, file=sys.stderr)
    return status


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", help=".jsonl, .csv or .parquet (a text or article column; "
                                                  "optional id, url, title), a folder of .txt/.md/.html/.pdf/"
                                                  ".docx files, a text file with one web address a line, or "
                                                  "a news feed's address (RSS or Atom, https://...)")
    parser.add_argument("--out", required=True, help="results: .jsonl, .csv or .parquet")
    parser.add_argument("--workers", type=int,
                        help="worker processes (or Ray actors), each loading its models once "
                             "(default: one per core here; with --ray, one per CPU of the cluster)")
    parser.add_argument("--ray", metavar="auto|ADDRESS",
                        help="run on a Ray cluster: auto (RAY_ADDRESS, else a new local one), a head "
                             "address host:6379, or ray://host:10001")
    parser.add_argument("--resume", action="store_true", help="skip ids already in --out")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_summary_options(parser)


def batch_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from summarizer.batch.records import check_output, done_ids, read_records
    from summarizer.batch.run import run_batch

    check_output(Path(args.out), args.inputs)
    records = list(read_records(args.inputs, notice=lambda message: print(f"note: {message}", file=sys.stderr)))
    already = done_ids(Path(args.out)) & {r.id for r in records} if args.resume else set()
    workers = None if args.workers is None else max(1, args.workers)
    with tqdm(total=len(records), initial=len(already), unit="article", disable=args.quiet,
              file=sys.stderr) as bar:
        report = run_batch(records, args.out, settings_from(args), workers, args.resume,
                           on_record=lambda row: bar.update(1), ray_address=args.ray)
    print(f"done {report.done}, failed {report.failed}, skipped {report.skipped} (already in {args.out}), "
          f"{duration(report.seconds)}, {report.per_second:.2f} articles a second", file=sys.stderr)
    if report.failed:
        print(f"warning: {report.failed} of the records failed; each has an \"error\" in {args.out}",
              file=sys.stderr)
        return EXIT_FAILED_RECORDS
    return EXIT_OK


def add_evaluate_check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cases", help="JSON lines of articles and labelled summaries, e.g. "
                                      "summarizer/data/consistency_cases.jsonl")
    parser.add_argument("--deep", action="store_true", help=f"with the deep check ({DEEP_CHECK_MODELS})")
    parser.add_argument("--json", action="store_true")


def evaluate_check_command(args: argparse.Namespace) -> int:
    from summarizer.evaluate.fact_check import evaluate_check, read_cases
    from summarizer.models.registry import load_check_model

    cases = read_cases(args.cases)
    deep = (lambda language: load_check_model(language, _progress_on_stderr)) if args.deep else None
    by_language, by_kind = evaluate_check(cases, deep)
    if args.json:
        print(json.dumps({"deep": args.deep, "languages": {k: t.to_dict() for k, t in by_language.items()},
                          "kinds": {k: t.to_dict() for k, t in by_kind.items()}}, indent=2))
        return EXIT_OK

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    rows = [("language", "faithful", "false alarms", "altered", "caught", "recall", "precision",
             "balanced acc.")]
    for language in sorted(by_language, key=lambda k: (k == "all", k)):
        t = by_language[language]
        rows.append((language, str(t.faithful), str(t.false_alarms), str(t.altered), str(t.caught),
                     share(t.recall), share(t.precision), share(t.balanced_accuracy)))
    print("\n".join(_table(rows)))
    print()
    rows = [("kind of case", "faithful?", "flagged", "of")]
    for kind in sorted(by_kind):
        t = by_kind[kind]
        rows.append((kind, "yes" if t.faithful else "no", str(t.false_alarms + t.caught),
                     str(t.faithful + t.altered)))
    print("\n".join(_table(rows)))
    return EXIT_OK


COMMANDS = {
    "summarise": ("summarise one article: a file, standard input (-) or --url; the default command",
                  add_summarise_arguments, summarise_command),
    "check": ("which sentences of an article support each sentence of a summary, and which of its "
              "numbers, dates and names the article does not state", add_check_arguments, check_command),
    "batch": ("summarise many articles into one results file, resumable (--resume)", add_batch_arguments,
              batch_command),
    "evaluate": ("ROUGE-1/2/L against reference summaries, beside the Lead-3 baseline",
                 add_evaluate_arguments, evaluate_command),
    "evaluate-check": ("how often the fact check flags altered summaries and faithful ones, on labelled "
                       "cases", add_evaluate_check_arguments, evaluate_check_command),
}


def _flagged_facts(facts: list[dict]) -> list[str]:
    """Facts of the summary the article does not state, one line each, for stderr: plain output must
    not hide them where `--json` shows them."""
    from summarizer.checks.faithfulness import is_relation

    return [f"warning: sentence {f['sentence'] + 1} says {f['text']}, but {f['reason']}"
            if is_relation(f) else
            f"warning: sentence {f['sentence'] + 1} says {f['text']} ({f['kind']}), which the article does not state"
            for f in facts]


def _progress_on_stderr(progress: Progress) -> None:
    print(progress.message, file=sys.stderr)


def _language_code(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise SummarizerError(f"{code!r} is not a language code (two or three letters, e.g. fr); "
                              "see --list-languages")
    return code


def _utf8_output() -> None:
    """Summaries in any script reach files and pipes byte for byte, whatever the locale."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")

