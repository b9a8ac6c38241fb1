"""One table of the settings each catalogue model runs with: what its published files say, what the
product passes on each runtime, and why wherever the two differ. The README shows it
(`python -m summarizer.models.settings_table` prints it) and tests hold both runtimes to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.checks.entailment import CHUNK_TOKENS, MAX_PAIR_TOKENS, MODEL_LIMIT
from summarizer.checks.faithfulness import ENTAILED
from summarizer.models.catalogue import (
    ENGLISH_CHECK_MODEL,
    ENTAILMENT_MODEL,
    SUMMARY_MODELS,
    TRANSLATION_MODELS,
    SummaryModel,
)
from summarizer.models.precision import compute_type
from summarizer.summarise.translation import TRANSLATION_BEAMS

PRESETS_REASON = ("the length presets (`lengths.py`): short, medium and long take 10, 20 and 35 % of the "
                  "article's tokens, between a floor and 0.5, 1 and 2 times the published maximum, with a "
                  "minimum of 39 % of the maximum; medium on a long article is the published setting (55 to "
                  "141 generated tokens: min_length 56, max_length 142)")
ONE_SENTENCE_REASON = ("trained to write one sentence: every preset keeps the published length and a "
                       "longer one has it write a sentence for each of 2 (medium) or 3 (long) parts of the "
                       "article; the page says so under the summary")
EARLY_STOPPING_REASON = ("CTranslate2's beam search stops once as many hypotheses as beams have ended "
                         "(its default patience 1), which is transformers' early_stopping=True; the reference "
                         "path is given that too")
RENORMALIZE_REASON = ("CTranslate2 bans tokens (repeated n-grams, an early end) before its softmax, so beam "
                      "scores are renormalised over the allowed tokens; transformers does so only with "
                      "renormalize_logits=True, and without it the runtimes' beam searches part "
                      "(tests/test_fast_path.py compares them); the OPUS-MT repositories' current generation "
                      "configs set it too")
AT_LEAST_ONE_REASON = ("at least one token after any forced one: an empty output is no summary, and at the "
                       "first step where the end token may come CTranslate2 lets only the best beam end "
                       "where transformers lets every beam")
TRANSLATION_BEAMS_REASON = (f"{TRANSLATION_BEAMS} for every translator, so languages translated side by "
                            "side cost alike (6 beams is 1.5 times the decoding work); not measured for "
                            "quality here")
TRANSLATION_LENGTH_REASON = ("a sentence's translation is bounded by twice its tokens plus 16, so a decoder "
                             "stuck in a loop stops early; never past the published maximum")
GPU_REASON = ("T5-family models overflow in float16 (NaN, or mt5-small crashing: CTranslate2 issues #1074 "
              "and #2102); bfloat16 has float32's range. Chosen in `precision.py`; float32 where the GPU "
              "lacks bfloat16")


@dataclass(frozen=True)
class SettingRow:
    model: str
    setting: str
    published: str
    reference: str  # what transformers' generate() is given
    fast: str       # what CTranslate2 is given
    why: str = ""   # the reason for a deliberate difference, with its source


def summary_rows(entry: SummaryModel) -> list[SettingRow]:
    published, product = entry.published, entry.generation
    reasons = {d.setting: d.reason for d in entry.differences}
    end_spent = 1 if published.forced_eos_token else 0
    model = entry.model_id
    if entry.one_sentence:
        longest = (f"max_new_tokens={product.max_new_tokens}", f"max_decoding_length={product.max_new_tokens - end_spent}",
                   ONE_SENTENCE_REASON)
        at_least = max(product.min_new_tokens, 1)
        shortest = (f"min_new_tokens={at_least}", f"min_decoding_length={at_least}",
                    AT_LEAST_ONE_REASON if at_least != max(0, published.min_length - 1) else "")
    else:
        longest = (f"max_new_tokens ≤ {2 * product.max_new_tokens} (medium ≤ {product.max_new_tokens})",
                   f"max_decoding_length: the same less {end_spent} (the forced end token)" if end_spent
                   else "max_decoding_length: the same", PRESETS_REASON)
        shortest = ("min_new_tokens = 39 % of the maximum (55 of 141)", "min_decoding_length: the same",
                    PRESETS_REASON)
    first = published.forced_bos_token
    rows = [
        SettingRow(model, "beams", f"num_beams {published.num_beams}", f"num_beams={product.num_beams}",
                   f"beam_size={product.num_beams}", reasons.get("num_beams", "")),
        SettingRow(model, "longest output", f"max_length {published.max_length} (counts the start token)",
                   *longest),
        SettingRow(model, "shortest output", f"min_length {published.min_length}", *shortest),
        SettingRow(model, "length penalty", f"length_penalty {published.length_penalty}",
                   f"length_penalty={product.length_penalty}", f"length_penalty={product.length_penalty}",
                   reasons.get("length_penalty", "")),
        SettingRow(model, "no repeated n-grams", f"no_repeat_ngram_size {published.no_repeat_ngram_size}",
                   f"no_repeat_ngram_size={product.no_repeat_ngram_size}",
                   f"no_repeat_ngram_size={product.no_repeat_ngram_size}"),
        SettingRow(model, "early stopping", f"early_stopping {str(published.early_stopping).lower()}",
                   "early_stopping=True", "patience 1 (its default)",
                   "" if published.early_stopping else EARLY_STOPPING_REASON),
        SettingRow(model, "renormalised scores", "renormalize_logits false (not set)", "renormalize_logits=True",
                   "always (bans come before its softmax)", RENORMALIZE_REASON),
        SettingRow(model, "forced first token", f"forced_bos_token_id ({first})" if first else "none",
                   f"forced_bos_token_id ({first})" if first else "forced_bos_token_id=None",
                   f'target_prefix ["{first}"]' if first else "none"),
        SettingRow(model, "forced end token", f"forced_eos_token_id ({published.forced_eos_token})"
                   if published.forced_eos_token else "none",
                   f"forced_eos_token_id ({published.forced_eos_token})" if published.forced_eos_token
                   else "forced_eos_token_id=None", "stops one step before the limit (no end token)"
                   if published.forced_eos_token else "none"),
        SettingRow(model, "input prefix", f"prefix {published.input_prefix!r}" if published.input_prefix
                   else "none", f"{published.input_prefix!r} before the article" if published.input_prefix
                   else "none", f"{published.input_prefix!r} before the article" if published.input_prefix
                   else "none"),
        _gpu_row(model, entry.architecture),
    ]
    return rows


def _gpu_row(model: str, architecture: str) -> SettingRow:
    gpu = {"float16", "bfloat16"}
    reference = compute_type(architecture, "cuda", "reference", gpu)
    fast = compute_type(architecture, "cuda", "fast", gpu)
    return SettingRow(model, "number format (CPU; GPU)", "weights in float32",
                      f"float32; {reference}", f"int8; {fast}", GPU_REASON if reference == "bfloat16" else "")


def translator_rows() -> list[SettingRow]:
    rows = []
    for entry in TRANSLATION_MODELS:
        beams = f"num_beams {entry.published_beams}" if entry.published_beams else "not obtained here"
        rows.append(SettingRow(entry.model_id, "beams", beams, f"num_beams={TRANSLATION_BEAMS}",
                               f"beam_size={TRANSLATION_BEAMS}",
                               "" if entry.published_beams == TRANSLATION_BEAMS else TRANSLATION_BEAMS_REASON))
    marian = f"Helsinki-NLP/opus-mt-* ({sum(t.architecture == 'marian' for t in TRANSLATION_MODELS)})"
    m2m = next(t for t in TRANSLATION_MODELS if t.architecture == "m2m100")
    rows += [
        SettingRow(marian, "longest output", "max_length 512",
                   "max_new_tokens = min(511, 2 × longest sentence + 16)",
                   "max_decoding_length: the same less 1 (the forced end token)", TRANSLATION_LENGTH_REASON),
        SettingRow(marian, "banned token", "bad_words_ids [[<pad>]]", "bad_words_ids [[<pad>]]",
                   "none needed: the converter drops <pad> from the vocabulary"),
        SettingRow(marian, "forced end token", "forced_eos_token_id 0 (</s>)", "forced_eos_token_id (</s>)",
                   "stops one step before the limit (no end token)"),
        SettingRow(marian, "early stopping", "not set (false)", "early_stopping=True",
                   "patience 1 (its default)", EARLY_STOPPING_REASON),
        SettingRow(marian, "renormalised scores", "renormalize_logits true in the current generation configs "
                   "(the copies kept here predate it)", "renormalize_logits=True", "always"),
        SettingRow(marian, "target language", "a >>xxx<< token first in the input (multi-target models)",
                   "the same", "the same"),
        SettingRow(m2m.model_id, "longest output", f"max_length {m2m.published_max_length}",
                   f"max_new_tokens = min({m2m.published_max_length - 1}, 2 × longest sentence + 16)",
                   "max_decoding_length: the same", TRANSLATION_LENGTH_REASON),
        SettingRow(m2m.model_id, "target language", "none (the caller forces __xx__)",
                   "forced_bos_token_id (__xx__)", 'target_prefix ["__xx__"]'),
        SettingRow(m2m.model_id, "shortest output", "min_length not set", "min_new_tokens=2 (__xx__ and one more)",
                   "min_decoding_length=2", AT_LEAST_ONE_REASON),
        SettingRow(m2m.model_id, "early stopping", "early_stopping true", "early_stopping=True",
                   "patience 1 (its default)"),
        SettingRow(m2m.model_id, "renormalised scores", "renormalize_logits false (not set)",
                   "renormalize_logits=True", "always", RENORMALIZE_REASON),
        _gpu_row(marian, "marian"),
        _gpu_row(m2m.model_id, "m2m100"),
    ]
    return rows


def entailment_rows() -> list[SettingRow]:
    model = ENTAILMENT_MODEL.model_id
    return [SettingRow(model, "input", f"model_max_length {MODEL_LIMIT}",
                       f"premise cut at {MAX_PAIR_TOKENS} tokens; a longer claim widens the pair up to "
                       f"{MODEL_LIMIT}", "not run (CTranslate2 has no DeBERTa-v2 classifier)",
                       "a summary sentence is scored against two-sentence windows, which fit in 320"),
            SettingRow(model, "labels", "id2label 0 entailment, 1 neutral, 2 contradiction",
                       "read from the checkpoint's id2label", "not run")]


def claim_checker_rows() -> list[SettingRow]:
    model = ENGLISH_CHECK_MODEL.model_id
    return [SettingRow(model, "input", "chunk + `</s>` + claim as one sequence, at most 512 tokens "
                                       "(MiniCheck's inference.py)",
                       f"the same; chunks of whole sentences up to {CHUNK_TOKENS} tokens, a longer sentence "
                       f"cut to {CHUNK_TOKENS} so the claim is never cut",
                       "not run (CTranslate2 has no RoBERTa classifier)"),
            SettingRow(model, "labels", 'id2label 0 "0" (unsupported), 1 "1" (supported)',
                       "P(label 1), the best chunk's; checked on load", "not run"),
            SettingRow(model, "verdict", "supported where P(supported) > 0.5",
                       f"score 2P-1: not found at <= 0 (P <= 0.5), supported at >= {ENTAILED} (P >= 0.75), "
                       "partly between", "not run",
                       "the page's three verdicts on the NLI model's scale; P = 0.5 is MiniCheck's own line "
                       "between supported and not")]


def all_rows() -> list[SettingRow]:
    return [*(row for entry in SUMMARY_MODELS.values() for row in summary_rows(entry)), *translator_rows(),
            *entailment_rows(), *claim_checker_rows()]


def render_markdown(rows: list[SettingRow] | None = None) -> str:
    """The table, each deliberate difference's reason written once below it and cited by number."""
    lines = ["| model | setting | published | reference runtime (transformers) | fast runtime (CTranslate2) | "
             "why different |", "|---|---|---|---|---|---|"]
    reasons: list[str] = []
    previous = None
    for row in rows or all_rows():
        model = "" if row.model == previous else f"`{row.model}`"
        previous = row.model
        if row.why and row.why not in reasons:
            reasons.append(row.why)
        why = f"({reasons.index(row.why) + 1})" if row.why else ""
        cells = [model, row.setting, row.published, row.reference, row.fast, why]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append("")
    lines += [f"({number}) {reason}." for number, reason in enumerate(reasons, 1)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
