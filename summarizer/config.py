"""Every setting the environment can change, read and checked in one place (as huggingface_hub's
`constants` does). The README's "Settings" table lists them; a bad value is refused with a message that
names the variable, so a server never starts half-configured.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from summarizer.errors import SummarizerError

DEFAULT_MAX_CHARS = 100_000
DEFAULT_URL_MAX_BYTES = 5_000_000
RUNTIMES = ("fast", "reference")


class ConfigError(SummarizerError):
    """An environment variable holds a value this program cannot use."""


@dataclass(frozen=True)
class Config:
    max_chars: int = DEFAULT_MAX_CHARS          # SUMMARIZER_MAX_CHARS: longest article, in characters
    max_file_bytes: int = 10_000_000            # SUMMARIZER_MAX_FILE_BYTES: largest uploaded file
    upload_mb: int = 50                         # SUMMARIZER_UPLOAD_MB: one visitor's uploads, 10 minutes
    upload_files: int = 40                      # SUMMARIZER_UPLOAD_FILES: one visitor's files, 10 minutes
    max_inflated_bytes: int = 20_000_000        # SUMMARIZER_MAX_INFLATED_BYTES: a DOCX's XML, unpacked
    max_pdf_pages: int = 1_000                  # SUMMARIZER_MAX_PDF_PAGES
    url_max_bytes: int = DEFAULT_URL_MAX_BYTES  # SUMMARIZER_URL_MAX_BYTES
    max_html_elements: int = 30_000             # SUMMARIZER_MAX_HTML_ELEMENTS: tags in a page to extract
    url_allow: tuple[str, ...] = ()             # SUMMARIZER_URL_ALLOW: hosts, addresses or networks
    runtime: str = "fast"                       # SUMMARIZER_RUNTIME (old: SUMMARIZER_BACKEND): fast or reference
    threads: int = os.cpu_count() or 1          # SUMMARIZER_THREADS
    vocabulary_map: bool = True                 # SUMMARIZER_VOCABULARY_MAP: fast runtime, English summarisers
    converted_dir: str | None = None            # SUMMARIZER_CONVERTED_DIR: CTranslate2 copies of models
    database: str | None = None                 # SUMMARIZER_DATABASE: SQLite path or postgresql:// URL
    share_max_bytes: int = 1_000_000            # SUMMARIZER_SHARE_MAX_BYTES
    share_expiry_days: float = 90.0             # SUMMARIZER_SHARE_EXPIRY_DAYS
    share_total_mb: int = 2_000                 # SUMMARIZER_SHARE_TOTAL_MB: the whole store, on disk
    share_visitor_mb: int = 20                  # SUMMARIZER_SHARE_VISITOR_MB: one visitor's entries a day
    keep_results: bool = True                   # SUMMARIZER_KEEP_RESULTS: store each result for its link
    any_model: bool = False                     # SUMMARIZER_ANY_MODEL: page visitors may name any model
    model_memory_mb: int = 8_000                # SUMMARIZER_MODEL_MEMORY_MB: loaded models, all together
    queue_length: int = 8                       # SUMMARIZER_QUEUE_LENGTH: summaries waiting, per server
    runs_per_minute: int = 6                    # SUMMARIZER_RUNS_PER_MINUTE: per visitor
    trusted_proxies: tuple[str, ...] = ()       # SUMMARIZER_TRUSTED_PROXIES: whose X-Forwarded-For counts
    page_batch_articles: int = 20               # SUMMARIZER_PAGE_BATCH_ARTICLES: "Many articles" cap
    feed_entries: int = 100                     # SUMMARIZER_FEED_ENTRIES: entries read from one feed
    api_keys: tuple[str, ...] = field(default=(), repr=False)  # SUMMARIZER_API_KEYS: the API needs one
    api_runs_per_minute: int | None = None      # SUMMARIZER_API_RUNS_PER_MINUTE: per key (default: as the page)
    api_batch_articles: int = 100               # SUMMARIZER_API_BATCH_ARTICLES: articles in one API batch
    api_origins: tuple[str, ...] = ()           # SUMMARIZER_API_ORIGINS: web pages allowed to call the API
    ocr_pages: int = 20                         # SUMMARIZER_OCR_PAGES: scanned pages read in one PDF
    ocr_seconds: float = 120.0                  # SUMMARIZER_OCR_SECONDS: reading one scanned PDF
    ocr_megapixels: float = 40.0                # SUMMARIZER_OCR_MEGAPIXELS: one scanned page's image
    offline: bool = False                       # HF_HUB_OFFLINE: never ask the Hub for a model
    ray_address: str | None = None              # RAY_ADDRESS: the cluster `--ray auto` joins


_current: Config | None = None


def current() -> Config:
    """This process's configuration: the environment is read once, at first use (`forget` reads it
    again, as the tests do after changing it)."""
    global _current
    if _current is None:
        _current = load()
    return _current


def use(settings: Config) -> None:
    """This process runs with `settings` from now on: a batch worker or Ray actor with its share of the
    cores, passed as an object rather than written into the environment."""
    global _current
    _current = settings


def forget() -> None:
    global _current
    _current = None


def load(environ: Mapping[str, str] | None = None) -> Config:
    """The configuration from the environment (default: os.environ); ConfigError for a bad value."""
    env = os.environ if environ is None else environ
    defaults = Config()

    def number(name: str, default: float, kind: type = int, minimum: float = 1) -> float:
        raw = env.get(name, "").strip()
        if not raw:
            return default
        try:
            value = kind(raw)
        except ValueError:
            raise ConfigError(f"{name}={raw!r} is not {'a whole number' if kind is int else 'a number'}"
                              ) from None
        if value < minimum:
            raise ConfigError(f"{name}={raw!r} must be at least {minimum:g}")
        return value

    runtime_name = "SUMMARIZER_RUNTIME" if env.get("SUMMARIZER_RUNTIME", "").strip() else "SUMMARIZER_BACKEND"
    runtime = env.get(runtime_name, "").strip() or defaults.runtime
    if runtime not in RUNTIMES:
        raise ConfigError(f"{runtime_name}={runtime!r} must be fast or reference")
    return Config(
        max_chars=int(number("SUMMARIZER_MAX_CHARS", defaults.max_chars, minimum=100)),
        max_file_bytes=int(number("SUMMARIZER_MAX_FILE_BYTES", defaults.max_file_bytes, minimum=1_000)),
        upload_mb=int(number("SUMMARIZER_UPLOAD_MB", defaults.upload_mb)),
        upload_files=int(number("SUMMARIZER_UPLOAD_FILES", defaults.upload_files)),
        max_inflated_bytes=int(number("SUMMARIZER_MAX_INFLATED_BYTES", defaults.max_inflated_bytes,
                                      minimum=10_000)),
        max_pdf_pages=int(number("SUMMARIZER_MAX_PDF_PAGES", defaults.max_pdf_pages)),
        url_max_bytes=int(number("SUMMARIZER_URL_MAX_BYTES", defaults.url_max_bytes, minimum=1_000)),
        max_html_elements=int(number("SUMMARIZER_MAX_HTML_ELEMENTS", defaults.max_html_elements, minimum=100)),
        url_allow=_allow_list(env.get("SUMMARIZER_URL_ALLOW", "")),
        runtime=runtime,
        threads=int(number("SUMMARIZER_THREADS", defaults.threads)),
        vocabulary_map=_flag(env, "SUMMARIZER_VOCABULARY_MAP", default=True),
        converted_dir=env.get("SUMMARIZER_CONVERTED_DIR", "").strip() or None,
        database=env.get("SUMMARIZER_DATABASE", "").strip() or None,
        share_max_bytes=int(number("SUMMARIZER_SHARE_MAX_BYTES", defaults.share_max_bytes, minimum=1_000)),
        share_expiry_days=float(number("SUMMARIZER_SHARE_EXPIRY_DAYS", defaults.share_expiry_days, float,
                                       minimum=0.001)),
        share_total_mb=int(number("SUMMARIZER_SHARE_TOTAL_MB", defaults.share_total_mb)),
        share_visitor_mb=int(number("SUMMARIZER_SHARE_VISITOR_MB", defaults.share_visitor_mb)),
        any_model=_flag(env, "SUMMARIZER_ANY_MODEL"),
        keep_results=_flag(env, "SUMMARIZER_KEEP_RESULTS", default=True),
        model_memory_mb=int(number("SUMMARIZER_MODEL_MEMORY_MB", defaults.model_memory_mb, minimum=100)),
        queue_length=int(number("SUMMARIZER_QUEUE_LENGTH", defaults.queue_length)),
        runs_per_minute=int(number("SUMMARIZER_RUNS_PER_MINUTE", defaults.runs_per_minute)),
        page_batch_articles=int(number("SUMMARIZER_PAGE_BATCH_ARTICLES", defaults.page_batch_articles)),
        feed_entries=int(number("SUMMARIZER_FEED_ENTRIES", defaults.feed_entries)),
        api_keys=_keys(env.get("SUMMARIZER_API_KEYS", "")),
        api_runs_per_minute=int(number("SUMMARIZER_API_RUNS_PER_MINUTE", 0)) or None,
        api_batch_articles=int(number("SUMMARIZER_API_BATCH_ARTICLES", defaults.api_batch_articles)),
        api_origins=_origins(env.get("SUMMARIZER_API_ORIGINS", "")),
        ocr_pages=int(number("SUMMARIZER_OCR_PAGES", defaults.ocr_pages)),
        ocr_seconds=float(number("SUMMARIZER_OCR_SECONDS", defaults.ocr_seconds, float)),
        ocr_megapixels=float(number("SUMMARIZER_OCR_MEGAPIXELS", defaults.ocr_megapixels, float, minimum=0.1)),
        trusted_proxies=_addresses(env.get("SUMMARIZER_TRUSTED_PROXIES", ""), "SUMMARIZER_TRUSTED_PROXIES"),
        offline=env.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"),
        ray_address=env.get("RAY_ADDRESS", "").strip() or None,
    )


def _addresses(raw: str, name: str) -> tuple[str, ...]:
    """Single addresses (as a proxy connects from one), written the way the server reports them."""
    entries = []
    for entry in (e.strip() for e in raw.split(",") if e.strip()):
        try:
            entries.append(str(ipaddress.ip_address(entry)))
        except ValueError:
            raise ConfigError(f"{name} entry {entry!r} is not an IP address (e.g. 127.0.0.1 for a proxy on "
                              "this host)") from None
    return tuple(entries)


def _keys(raw: str) -> tuple[str, ...]:
    """API keys, comma-separated; a short one is refused, as anyone could guess it."""
    keys = tuple(key.strip() for key in raw.split(",") if key.strip())
    for key in keys:
        if len(key) < 16 or not key.isascii() or not key.isprintable() or " " in key:
            raise ConfigError("SUMMARIZER_API_KEYS holds a key shorter than 16 characters or with spaces or "
                              "non-ASCII characters; use long random keys (python -c \"import secrets; "
                              "print(secrets.token_urlsafe(24))\")")
    return keys


def _origins(raw: str) -> tuple[str, ...]:
    """Origins as a browser sends them: scheme, host and port, nothing more."""
    origins = tuple(origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip())
    for origin in origins:
        scheme, _, rest = origin.partition("://")
        if scheme not in ("http", "https") or not rest or "/" in rest:
            raise ConfigError(f"SUMMARIZER_API_ORIGINS entry {origin!r} is not an origin (scheme and host, "
                              "e.g. https://newsroom.example.org)")
    return origins


def _flag(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("0", "false", "no"):
        return False
    if raw in ("1", "true", "yes"):
        return True
    raise ConfigError(f"{name}={raw!r} must be 1 or 0")


def _allow_list(raw: str) -> tuple[str, ...]:
    """Host names, addresses or networks; an entry with a port or a path is refused, not ignored."""
    entries = tuple(entry.strip() for entry in raw.split(",") if entry.strip())
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
            continue
        except ValueError:
            pass
        if not all(part and part.replace("-", "").isalnum() for part in entry.split(".")):
            raise ConfigError(f"SUMMARIZER_URL_ALLOW entry {entry!r} is not a host name, address or network "
                              "(no ports, schemes or paths: e.g. news.internal, 10.0.0.5, 10.0.0.0/8)")
    return entries
