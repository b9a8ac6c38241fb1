"""Models the project knows by name: what each covers, its input limit, defaults, size and licence.

Figures come from the models' cards and papers (see the README). Any other Hub id or a local
folder can be used too; it then gets `describe_summary_model`'s conservative defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from summarizer.languages import language_name
from summarizer.settings import GenerationSettings


@dataclass(frozen=True)
class PublishedGeneration:
    """The generation values a checkpoint's own files give: `generation_config.json`, or where the
    repository has none the generation fields of `config.json` (transformers reads either)."""

    num_beams: int = 1
    max_length: int = 20
    min_length: int = 0
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    early_stopping: bool = False
    source: str = "config.json"
    forced_bos_token: str | None = None  # forced as the first generated token
    forced_eos_token: str | None = None  # forced at the length limit
    input_prefix: str = ""               # put before the input (transformers 4's summarisation pipeline)

    def as_settings(self) -> GenerationSettings:
        """transformers counts the decoder's start token in `max_length` and `min_length`; the product
        counts generated tokens (`max_new_tokens`), so the published 142 is 141 of them."""
        return GenerationSettings(num_beams=self.num_beams, max_new_tokens=self.max_length - 1,
                                  min_new_tokens=max(0, self.min_length - 1), length_penalty=self.length_penalty,
                                  no_repeat_ngram_size=self.no_repeat_ngram_size)


@dataclass(frozen=True)
class Difference:
    """A setting the product runs differently from the published files, on purpose."""

    setting: str
    value: object
    reason: str


@dataclass(frozen=True)
class SummaryModel:
    model_id: str
    label: str
    languages: tuple[str, ...]
    input_limit: int
    published: PublishedGeneration
    size_mb: int
    params: str
    licence: str
    architecture: str
    differences: tuple[Difference, ...] = ()
    # Trained to write one sentence (XL-Sum's summaries are an article's intro line): a longer preset
    # has it write one sentence for each of more parts of the article, never a longer sentence.
    one_sentence: bool = False

    def __post_init__(self) -> None:
        unknown = [d.setting for d in self.differences if d.setting not in GenerationSettings.__dataclass_fields__]
        if unknown:
            raise ValueError(f"{self.model_id}: no generation setting is called {', '.join(unknown)}")

    @property
    def generation(self) -> GenerationSettings:
        """What the product generates with: the published values, with `differences` applied."""
        return replace(self.published.as_settings(), **{d.setting: d.value for d in self.differences})

    @property
    def languages_label(self) -> str:
        """"English" for a few languages, "43 languages" for many."""
        if "*" in self.languages:
            return "languages: see the model card"
        if len(self.languages) <= 3:
            return ", ".join(language_name(code) for code in self.languages)
        return f"{len(self.languages)} languages"

    def covers(self, language: str | None) -> bool:
        return language is None or "*" in self.languages or language in self.languages


XLSUM_LANGUAGES = (
    "am ar az bn my zh en fr gu ha hi ig id ja rn ko ky mr ne om ps fa pcm pt pa ru gd sr si so es "
    "sw ta te th ti tr uk ur uz vi cy yo"
).split()

DEFAULT_SUMMARY_MODEL = "sshleifer/distilbart-cnn-12-6"
FAST_SUMMARY_MODEL = "sshleifer/distilbart-cnn-6-6"
MULTILINGUAL_SUMMARY_MODEL = "csebuetnlp/mT5_multilingual_XLSum"

# Transcribed from each repository's files (kept in tests/data/model-configs/, where a test compares them).
_CNN_PUBLISHED = PublishedGeneration(num_beams=4, max_length=142, min_length=56, length_penalty=2.0,
                                     no_repeat_ngram_size=3, early_stopping=True, forced_bos_token="<s>",
                                     forced_eos_token="</s>", input_prefix=" ")
_DISTILBART_BEAMS = Difference(
    "num_beams", 2, "the models' author measured ROUGE-2 against the number of beams and recommends 2 for "
    "both (\"can be set meaningfully lower without hurting metrics\": S. Shleifer, \"Num_beams: Faster "
    "Summarization without Distillation\", discuss.huggingface.co/t/2009); half the decoding work")

SUMMARY_MODELS: dict[str, SummaryModel] = {
    m.model_id: m
    for m in (
        SummaryModel(DEFAULT_SUMMARY_MODEL, "DistilBART 12-6 (default)", ("en",),
                     1024, _CNN_PUBLISHED, 1220, "306M", "Apache-2.0", "bart",
                     (_DISTILBART_BEAMS,)),
        SummaryModel(FAST_SUMMARY_MODEL, "DistilBART 6-6 (faster)", ("en",),
                     1024, _CNN_PUBLISHED, 920, "230M", "Apache-2.0", "bart",
                     (_DISTILBART_BEAMS,)),
        SummaryModel("facebook/bart-large-cnn", "BART large CNN", ("en",),
                     1024, replace(_CNN_PUBLISHED, source="generation_config.json"), 1630, "406M", "MIT",
                     "bart"),
        SummaryModel(MULTILINGUAL_SUMMARY_MODEL, "mT5 XL-Sum (multilingual)",
                     tuple(XLSUM_LANGUAGES), 512,
                     PublishedGeneration(num_beams=4, max_length=84, length_penalty=0.6, no_repeat_ngram_size=2),
                     2330, "580M", "CC BY-NC-SA 4.0 (non-commercial)", "mt5", one_sentence=True),
    )
}


def describe_summary_model(model_id: str) -> SummaryModel:
    """Catalogue entry for a model id, or a neutral description for an uncatalogued one."""
    if model_id in SUMMARY_MODELS:
        return SUMMARY_MODELS[model_id]
    return SummaryModel(model_id, model_id, ("*",), 512, _CNN_PUBLISHED, 0, "?", "see the model card",
                        "unknown")


@dataclass(frozen=True)
class TranslationModel:
    """One translation model; `targets` maps a target language to the token that selects it, if any."""

    model_id: str
    sources: tuple[str, ...]
    targets: dict[str, str | None] = field(hash=False)
    size_mb: int
    licence: str
    architecture: str
    input_limit: int = 512
    published_beams: int | None = None  # None: the repository's value could not be obtained here
    published_max_length: int = 512

    def serves(self, source: str, target: str) -> bool:
        return source in self.sources and target in self.targets and source != target


def _opus(source: str, target: str, token: str | None = None) -> TranslationModel:
    model_id = f"Helsinki-NLP/opus-mt-{source}-{target}"
    return TranslationModel(model_id, (source,), {target: token}, 300, "Apache-2.0", "marian",
                            published_beams=_OPUS_BEAMS.get(model_id))


# num_beams of each OPUS-MT repository's generation_config.json / config.json, where a copy was found
# (tests/data/model-configs/*/source.json says which file, or which fine-tune's copy).
_OPUS_BEAMS = {f"Helsinki-NLP/opus-mt-{pair}": beams for pair, beams in (
    ("de-en", 4), ("fr-en", 4), ("ar-en", 4), ("en-es", 4), ("en-de", 4), ("en-fr", 4), ("en-ar", 4),
    ("en-it", 4), ("ru-en", 6), ("hi-en", 6), ("zh-en", 6), ("ja-en", 6), ("it-en", 6))}


M2M100_LANGUAGES = (
    "af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha "
    "he hi hr ht hu hy id ig ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne "
    "nl no ns oc or pa pl ps pt ro ru sd si sk sl so sq sr ss su sv sw ta th tl tn tr uk ur uz vi wo "
    "xh yi yo zh zu"
).split()

M2M100_MODEL = "facebook/m2m100_418M"

_OPUS_FROM_ENGLISH = [_opus("en", t) for t in ("de", "fr", "es", "it", "ru", "uk", "hi")] + [
    _opus("en", "ar", ">>ara<<"),
    _opus("en", "zh", ">>cmn_Hans<<"),
]
_OPUS_TO_ENGLISH = [_opus(s, "en") for s in ("de", "fr", "es", "it", "ru", "uk", "ar", "zh", "hi",
                                             "ja", "ko", "tr")]

# Pair-specific models first: they are smaller and score higher than the many-to-many fallback.
TRANSLATION_MODELS: tuple[TranslationModel, ...] = (
    *_OPUS_FROM_ENGLISH,
    *_OPUS_TO_ENGLISH,
    TranslationModel(M2M100_MODEL, tuple(M2M100_LANGUAGES), {c: None for c in M2M100_LANGUAGES},
                     1940, "MIT", "m2m100", 1024, published_beams=5, published_max_length=200),
)

# Languages offered as translation targets in the CLI help and the app.
TARGET_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ru", "uk", "ar", "zh", "ja", "ko", "hi", "tr")


def translation_model_for(source: str, target: str) -> TranslationModel | None:
    for model in TRANSLATION_MODELS:
        if model.serves(source, target):
            return model
    return None


def is_translation_model(model_id: str) -> bool:
    return any(model.model_id == model_id for model in TRANSLATION_MODELS)


@dataclass(frozen=True)
class CheckModel:
    """A model behind the deep check (`entailment.py`): a three-way NLI classifier, or a claim checker
    that says only whether a document supports a claim."""

    model_id: str
    label: str
    languages_label: str
    size_mb: int
    params: str
    licence: str
    architecture: str
    scoring: str                      # "nli" (entailment/neutral/contradiction) or "support" (MiniCheck)
    languages: tuple[str, ...] = ("*",)
    input_limit: int = 512


NLI_MODEL = "MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7"
ENTAILMENT_MODEL = CheckModel(
    NLI_MODEL, "mDeBERTa-v3 base multilingual NLI (deep check)", "100 languages, trained on 27", 1120,
    "279M", "MIT", "deberta-v2", "nli")
# Chosen from LLM-AggreFact's published results (README, "Deep check"): the most accurate MIT- or
# Apache-licensed classifier under half a billion parameters whose figure could be confirmed; 1.4 GB
# in full precision.
ENGLISH_CHECK_MODEL = CheckModel(
    "lytang/MiniCheck-RoBERTa-Large", "MiniCheck RoBERTa-large fact checker (deep check, English)", "English",
    1420, "355M", "MIT", "roberta", "support", languages=("en",))
CHECK_MODELS = (ENGLISH_CHECK_MODEL, ENTAILMENT_MODEL)


def check_model_for(language: str | None) -> CheckModel:
    """The specialist where one covers the summary's language, else the multilingual NLI model."""
    return next((m for m in CHECK_MODELS if language in m.languages), ENTAILMENT_MODEL)
