"""The API's OpenAPI document, built from this server's own limits and catalogue, and the validation of
request bodies against the very schemas it publishes (so the document and the checks cannot drift)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from summarizer.config import Config
from summarizer.models.catalogue import SUMMARY_MODELS, TARGET_LANGUAGES
from summarizer.settings import ENGINES, FORMATS, LENGTH_PRESETS, RUNTIMES, WORD_TARGETS

VERSION = "1.0.0"
MAX_URL_CHARS = 2_000
MAX_ID_CHARS = 200


def _settings_properties(config: Config) -> dict[str, Any]:
    """The summary settings a client may choose: the page's, with the same public-mode model rule."""
    model: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 200,
                             "description": "a catalogue id (GET /models); omitted: chosen by the language"}
    if not config.any_model:
        model["enum"] = list(SUMMARY_MODELS)
    return {
        "model": model,
        "engine": {"enum": list(ENGINES), "default": "auto"},
        "length": {"enum": list(LENGTH_PRESETS), "default": "medium"},
        "words": {"type": "integer", "minimum": WORD_TARGETS[0], "maximum": WORD_TARGETS[1],
                  "description": "a target length in words, in place of length"},
        "format": {"enum": list(FORMATS), "default": "paragraph"},
        "translate_to": {"type": "array", "items": {"enum": list(TARGET_LANGUAGES)}, "uniqueItems": True,
                         "maxItems": len(TARGET_LANGUAGES)},
        "deep_check": {"type": "boolean", "default": False},
        "language": {"type": "string", "pattern": "^[a-z]{2,3}$",
                     "description": "the article's language code; omitted: detected"},
        "runtime": {"enum": list(RUNTIMES)},
    }


def _text(config: Config) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": config.max_chars}


def _url() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": MAX_URL_CHARS, "pattern": "^[hH][tT][tT][pP][sS]?://"}


def request_schemas(config: Config) -> dict[str, dict[str, Any]]:
    settings = _settings_properties(config)
    article = {"type": "object", "additionalProperties": False,
               "properties": {"text": _text(config), "url": _url(),
                              "id": {"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS},
                              "title": {"type": "string", "maxLength": 1_000}},
               "oneOf": [{"required": ["text"]}, {"required": ["url"]}]}
    return {
        "SummaryRequest": {"type": "object", "additionalProperties": False,
                           "properties": {"text": _text(config), "url": _url(), **settings},
                           "oneOf": [{"required": ["text"]}, {"required": ["url"]}]},
        "CheckRequest": {"type": "object", "additionalProperties": False, "required": ["article", "summary"],
                         "properties": {"article": _text(config), "summary": _text(config),
                                        "language": settings["language"],
                                        "deep": {"type": "boolean", "default": False}}},
        "BatchRequest": {"type": "object", "additionalProperties": False,
                         "properties": {"feed": _url(), "articles": {"type": "array", "minItems": 1,
                                                                     "maxItems": config.api_batch_articles,
                                                                     "items": article},
                                        **settings},
                         "oneOf": [{"required": ["feed"]}, {"required": ["articles"]}]},
    }


_STRINGS = {"type": "object", "additionalProperties": {"type": "string"}}
_RESULT_PROPERTIES = {
    "summary": {"type": "string"}, "engine": {"type": "string"}, "model": {"type": ["string", "null"]},
    "language": {"type": ["string", "null"]}, "source_words": {"type": "integer"},
    "summary_words": {"type": "integer"}, "compression": {"type": "number"}, "chunks": {"type": "integer"},
    "format": {"enum": list(FORMATS)}, "translations": _STRINGS, "errors": _STRINGS,
    "notes": {"type": "array", "items": {"type": "string"}},
    "support": {"type": "array", "items": {"type": "object"}},
    "unsupported": {"type": "array", "items": {"type": "object"}},
    "quotes": {"type": "array", "items": {"type": "object"}},
    "timings": {"type": "object", "additionalProperties": {"type": "number"}},
}
_RESULT_REQUIRED = ["summary", "engine", "model", "language", "source_words", "summary_words", "compression",
                    "chunks"]


def response_schemas() -> dict[str, dict[str, Any]]:
    link = {"id": {"type": ["string", "null"], "description": "the stored result's id (null: not kept)"},
            "link": {"type": ["string", "null"], "description": "the page's address that opens it"}}
    return {
        "Error": {"type": "object", "required": ["code", "message", "status"],
                  "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                 "status": {"type": "integer"}}},
        "Summary": {"type": "object", "required": [*_RESULT_REQUIRED, "id", "link"],
                    "properties": {**_RESULT_PROPERTIES, **link}},
        "StoredSummary": {"type": "object", "required": [*_RESULT_REQUIRED, "id", "text"],
                          "properties": {**_RESULT_PROPERTIES, "id": {"type": "string"},
                                         "text": {"type": "string"}}},
        "Check": {"type": "object", "required": ["language", "support", "unsupported"],
                  "properties": {"language": {"type": ["string", "null"]},
                                 "support": {"type": "array", "items": {"type": "object"}},
                                 "unsupported": {"type": "array", "items": {"type": "object"}}}},
        "Batch": {"type": "object", "required": ["id", "status", "total", "done", "failed", "results", "notes"],
                  "properties": {"id": {"type": "string"},
                                 "status": {"enum": ["queued", "running", "done", "failed"]},
                                 "total": {"type": "integer"}, "done": {"type": "integer"},
                                 "failed": {"type": "integer"},
                                 "results": {"type": "array", "items": {"type": "object"}},
                                 "notes": {"type": "array", "items": {"type": "string"}}}},
        "Models": {"type": "object", "required": ["models", "any_model"],
                   "properties": {"any_model": {"type": "boolean"},
                                  "models": {"type": "array", "items": {"type": "object"}}}},
        "Languages": {"type": "object", "required": ["summaries", "translations"],
                      "properties": {"summaries": {"type": "array", "items": {"type": "object"}},
                                     "translations": {"type": "array", "items": {"type": "object"}}}},
        "Health": {"type": "object", "required": ["status", "waiting", "queue_length"],
                   "properties": {"status": {"const": "ok"}, "waiting": {"type": "integer"},
                                  "queue_length": {"type": "integer"}}},
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors(*statuses: int) -> dict[str, Any]:
    words = {400: "bad input", 401: "a valid API key is needed", 404: "not found", 413: "too large",
             415: "the body is not JSON", 422: "unsupported language",
             429: "rate limit or full queue (see Retry-After)",
             503: "a model or the store cannot be reached"}
    return {str(s): {"description": words[s], "content": {"application/json": {"schema": _ref("Error")}}}
            for s in statuses}


def _json(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def openapi(config: Config) -> dict[str, Any]:
    """The document `GET /api/v1/openapi.json` serves."""
    keyed = bool(config.api_keys)
    security = [{"bearer": []}, {"apiKey": []}] if keyed else []
    access = (401,) if keyed else ()
    id_parameter = [{"name": "id", "in": "path", "required": True,
                     "schema": {"type": "string", "minLength": 1, "maxLength": 64}}]

    def body(name: str) -> dict[str, Any]:
        return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}

    run_errors = _errors(400, *access, 413, 415, 422, 429, 503)
    streamed = {"text/event-stream": {"schema": {"type": "string"}, "description": "events: queued, started, "
                                      "progress, draft, then result (or error)"}}
    paths = {
        "/summaries": {"post": {
            "summary": "Summarise an article (text or url); with Accept: text/event-stream, progress and the "
                       "streamed draft come first", "operationId": "summarise", "requestBody": body("SummaryRequest"),
            "responses": {"200": {"description": "the summary", "content": {
                "application/json": {"schema": _ref("Summary")}, **streamed}}, **run_errors}}},
        "/summaries/{id}": {"get": {
            "summary": "A stored summary, as its share link opens it", "operationId": "stored_summary",
            "parameters": id_parameter,
            "responses": {"200": _json("StoredSummary", "the stored summary"), **_errors(*access, 404, 503)}}},
        "/check": {"post": {
            "summary": "Check a summary against its article", "operationId": "check",
            "requestBody": body("CheckRequest"),
            "responses": {"200": _json("Check", "each sentence's support and the facts not in the article"),
                          **run_errors}}},
        "/batches": {"post": {
            "summary": "Summarise a news feed or a list of articles, in the background",
            "operationId": "start_batch", "requestBody": body("BatchRequest"),
            "responses": {"202": _json("Batch", "the batch, started"), **run_errors}}},
        "/batches/{id}": {"get": {
            "summary": "A batch's progress and results", "operationId": "batch", "parameters": id_parameter,
            "responses": {"200": _json("Batch", "the batch"), **_errors(*access, 404)}}},
        "/models": {"get": {"summary": "The models this server offers", "operationId": "models",
                            "responses": {"200": _json("Models", "the catalogue"), **_errors(*access)}}},
        "/languages": {"get": {"summary": "What can be summarised and translated", "operationId": "languages",
                               "responses": {"200": _json("Languages", "languages and their routes"),
                                             **_errors(*access)}}},
        "/health": {"get": {"summary": "Whether the server answers, and its queue", "operationId": "health",
                            "security": [], "responses": {"200": _json("Health", "the server is up")}}},
    }
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "News summariser API", "version": VERSION,
                 "description": "The summariser behind the page, over HTTP: the same models, queue and limits."},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {"schemas": {**request_schemas(config), **response_schemas()}},
    }
    if keyed:
        document["components"]["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer"},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}
        document["security"] = security
    return document


def too_many_items(body: Any, schema: dict[str, Any]) -> str | None:
    """A top-level list past its length, found before anything else reads the body (the schema's check
    would judge every item)."""
    if isinstance(body, dict):
        for name, rule in schema.get("properties", {}).items():
            items = body.get(name)
            if isinstance(items, list) and len(items) > rule.get("maxItems", len(items)):
                return f"{name}: at most {rule['maxItems']} items, not {len(items):,}"
    return None


def problem_with(body: Any, schema: dict[str, Any]) -> str | None:
    """What is wrong with a request body, in one line naming the field; None when it fits. Only the
    first problem is worded."""
    too_many = too_many_items(body, schema)
    if too_many:
        return too_many
    error = next(Draft202012Validator(schema).iter_errors(body), None)
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "the body"
    return f"{where}: {_wording(error, schema)}"


def _wording(error: Any, schema: dict[str, Any]) -> str:
    """The rule broken, in words, never the value itself (it may be megabytes, or unprintable)."""
    rule, value = error.validator, error.validator_value
    kinds = {"object": "a JSON object", "string": "a string", "integer": "a whole number", "boolean": "true or false",
             "array": "a list", "number": "a number"}
    if rule == "type":
        return "must be " + " or ".join(kinds.get(kind, kind) for kind in ([value] if isinstance(value, str) else value))
    if rule == "enum":
        return "must be one of " + ", ".join(map(str, value))
    if rule == "oneOf" and not error.absolute_path:
        return "give exactly one of " + " or ".join(next(iter(option["required"])) for option in schema["oneOf"])
    if rule == "additionalProperties" and isinstance(error.instance, dict):
        extra = [str(name)[:40] for name in error.instance if name not in error.schema.get("properties", {})][:3]
        return f"holds fields this API does not take: {', '.join(extra)}"
    if rule == "required":
        return "needs " + ", ".join(map(str, value))
    if rule == "pattern":
        return ("must be an http:// or https:// address" if "http" in str(value).lower()
                else "must be a language code of two or three lower-case letters, e.g. fr")
    if rule == "minLength" and value == 1:
        return "must not be empty"
    words = {"maxLength": "at most {} characters", "minLength": "at least {} characters", "maximum": "at most {}",
             "minimum": "at least {}", "maxItems": "at most {} items", "minItems": "at least {} item(s)",
             "uniqueItems": "each item once", "oneOf": "give exactly one of text or url"}
    return words[rule].format(value) if rule in words else f"does not fit the schema ({rule})"
