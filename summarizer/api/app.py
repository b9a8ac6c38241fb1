"""The HTTP API, versioned under /api/v1, served in the same process as the page (`ui/server.py` hands
it every /api/ path through `ApiDispatch`), so both share the loaded models, the one queue, the rate limits and
the share store.

Every request body is read within a byte limit before it is parsed, checked against the schema the
server publishes at /api/v1/openapi.json, and answered with JSON, or with server-sent events where the
client asks for `text/event-stream`."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from summarizer.admission import shared_queue
from summarizer.api import events
from summarizer.api.access import caller_of
from summarizer.api.batches import Batches
from summarizer.api.errors import ApiError, as_api_error
from summarizer.api.schema import openapi, problem_with, request_schemas, too_many_items
from summarizer.api.work import check_call, in_readers_words, summarise_call
from summarizer.config import Config
from summarizer.result import SummaryResult
from summarizer.storage import shared_store

BODY_SLACK = 64_000         # bytes of JSON around the texts
BYTES_PER_CHARACTER = 12    # a character escaped as a surrogate pair ("\ud83d\ude00") in JSON
MAX_BATCH_BODY = 5_000_000  # bytes: a batch's list of articles (a longer list: a feed, or several batches)
BODIES_AT_ONCE = 1           # bodies parsed and checked at a time: megabytes of JSON each, and the GIL held
STATUS_WORDS = {404: ("not_found", "There is nothing at this address; see /api/v1/openapi.json."),
                405: ("method_not_allowed", "This address does not take that method; see /api/v1/openapi.json.")}

Handler = Callable[[Request], Awaitable[Response]]
PREFIX = "/api/v1"
ASGIApp = Callable[[dict[str, Any], Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]], Awaitable[None]]


class ApiDispatch:
    """Middleware in front of the page's server that hands every request under /api/ to the API, so no
    path reaches Streamlit's routes and answers in its plain text (a Mount would: its pattern does not
    match a path with a newline in it, and Streamlit refuses some paths before routing)."""

    def __init__(self, app: ASGIApp, api: ASGIApp) -> None:
        self.app, self.api = app, api

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Awaitable[Any]],
                      send: Callable[..., Awaitable[Any]]) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == "/api" or path.startswith("/api/")):
            await self.app(scope, receive, send)
        elif path == PREFIX or path.startswith(PREFIX + "/"):
            await self.api({**scope, "root_path": scope.get("root_path", "") + PREFIX}, receive, send)
        else:
            await ApiError(404, *STATUS_WORDS[404]).response()(scope, receive, send)


def api_app(config: Config) -> Starlette:
    """The API for a server configured by `config` (read once, when the server starts)."""
    schemas = request_schemas(config)
    document = openapi(config)
    batches = Batches()
    text_body = config.max_chars * BYTES_PER_CHARACTER + BODY_SLACK
    parsing = asyncio.Semaphore(BODIES_AT_ONCE)  # made here, on the loop that serves the API

    async def body_of(request: Request, schema: str, limit: int) -> dict[str, Any]:
        """The JSON body, read no further than `limit` bytes, and checked against its published schema."""
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise ApiError(415, "unsupported_media_type", "Send the request body as JSON "
                                                          "(Content-Type: application/json).")
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ApiError(413, "too_large", f"The request body is over this server's limit of {limit:,} bytes.")
        received = bytearray()
        async for chunk in request.stream():
            received += chunk
            if len(received) > limit:
                raise ApiError(413, "too_large", f"The request body is over this server's limit of {limit:,} bytes.")
        # Parsed and checked in a worker thread: megabytes of JSON must not hold up the server's loop (the
        # page's connections run on it too).
        async with parsing:  # many large bodies at once wait their turn rather than each cost their memory at once
            return await run_in_threadpool(_checked_body, bytes(received), schemas[schema], config.max_chars)

    def page_url(request: Request) -> str:
        """The page's address (the API's root path left out), where a `?r=` link opens a result."""
        return f"{request.url.scheme}://{request.url.netloc}/"

    def wants_events(request: Request) -> bool:
        return "text/event-stream" in request.headers.get("accept", "")

    async def summaries(request: Request) -> Response:
        caller = caller_of(request, config)
        body = await body_of(request, "SummaryRequest", text_body)
        streamed = wants_events(request)
        work = lambda emit: summarise_call(body, caller, emit, page_url(request), streamed)  # noqa: E731
        return await (events.stream(work) if streamed else events.answer(work, request))

    async def stored_summary(request: Request) -> Response:
        caller_of(request, config)
        entry_id = request.path_params["id"]
        if not _looks_like_an_id(entry_id):
            raise ApiError(404, "not_found", "No stored summary has this id.")

        def work(emit: events.Emit) -> dict[str, Any]:
            entry = shared_store().get(entry_id)
            if entry is None or entry.get("result") is None or not isinstance(entry.get("text"), str):
                raise ApiError(404, "not_found", "No stored summary has this id, or it has expired.")
            result = in_readers_words(SummaryResult.from_dict(entry["result"]).to_dict())
            return {**result, "id": entry_id, "text": entry["text"]}

        return await events.answer(work, request)

    async def check(request: Request) -> Response:
        caller = caller_of(request, config)
        body = await body_of(request, "CheckRequest", 2 * text_body)
        return await events.answer(lambda emit: check_call(body, caller, emit), request)

    async def start_batch(request: Request) -> Response:
        caller = caller_of(request, config)
        body = await body_of(request, "BatchRequest", MAX_BATCH_BODY)
        return await events.answer(lambda emit: batches.start(body, caller).to_dict(), request, status=202)

    async def batch(request: Request) -> Response:
        caller = caller_of(request, config)
        found = batches.get(request.path_params["id"])
        if found is None or (config.api_keys and found.owner != caller.identity):
            raise ApiError(404, "not_found", "No batch has this id, or it finished more than an hour ago.")
        return JSONResponse(found.to_dict())

    async def models(request: Request) -> Response:
        caller_of(request, config)
        return JSONResponse(_models(config))

    async def languages(request: Request) -> Response:
        caller_of(request, config)
        return JSONResponse(_languages())

    async def health(request: Request) -> Response:
        queue = shared_queue(config.queue_length)
        return JSONResponse({"status": "ok", "waiting": len(queue), "queue_length": config.queue_length})

    async def schema(request: Request) -> Response:
        return JSONResponse(document)

    def json_errors(handler: Handler) -> Handler:
        async def answered(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as error:
                return error.response()
        return answered

    routes = [Route(path, json_errors(handler), methods=[method]) for path, method, handler in (
        ("/summaries", "POST", summaries), ("/summaries/{id}", "GET", stored_summary), ("/check", "POST", check),
        ("/batches", "POST", start_batch), ("/batches/{id}", "GET", batch), ("/models", "GET", models),
        ("/languages", "GET", languages), ("/health", "GET", health), ("/openapi.json", "GET", schema))]
    middleware = [Middleware(CORSMiddleware, allow_origins=list(config.api_origins), allow_methods=["GET", "POST"],
                             allow_headers=["Authorization", "Content-Type", "X-API-Key", "Accept"],
                             expose_headers=["Retry-After"])] if config.api_origins else []
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _http_error, Exception: _unexpected})
    app.router.redirect_slashes = False  # "/health/" is not found, in JSON, rather than redirected
    return app


async def _http_error(request: Request, error: Exception) -> Response:
    status = getattr(error, "status_code", 500)
    code, message = STATUS_WORDS.get(status, ("http_error", "The request could not be answered."))
    response = ApiError(status, code, message).response()
    response.headers.update(getattr(error, "headers", None) or {})  # a 405's Allow
    return response


async def _unexpected(request: Request, error: Exception) -> Response:
    return as_api_error(error).response()


def _checked_body(received: bytes, schema: dict[str, Any], max_chars: int) -> dict[str, Any]:
    """Parsed; a list past its length refused first, then a text over the article limit (413), then the
    schema; only then, its size bounded, every string walked for halves of UTF-16 pairs."""
    try:
        body = json.loads(received)
    except (ValueError, RecursionError):
        raise ApiError(400, "bad_json", "The request body is not valid JSON.") from None
    too_many = too_many_items(body, schema)
    if too_many:
        raise ApiError(400, "bad_request", too_many)
    too_long = _too_long_text(body, max_chars)
    if too_long:
        raise ApiError(413, "too_large", f"The {too_long} is over this server's limit of {max_chars:,} characters. "
                                         "Shorten it and try again.")
    problem = problem_with(body, schema)
    if problem:
        raise ApiError(400, "bad_request", problem)
    return _without_lone_surrogates(body)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    """JSON may escape half a UTF-16 pair ("\\ud800"), which no UTF-8 text can hold: each becomes U+FFFD,
    so an id or a title cannot break the writing of a result."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def _too_long_text(body: Any, max_chars: int) -> str | None:
    """Which text of the body is over the article limit (413 rather than the schema's 400)."""
    if not isinstance(body, dict):
        return None
    for name in ("text", "article", "summary"):
        if isinstance(body.get(name), str) and len(body[name]) > max_chars:
            return name
    articles = body.get("articles")
    if isinstance(articles, list) and any(isinstance(a, dict) and isinstance(a.get("text"), str)
                                          and len(a["text"]) > max_chars for a in articles):
        return "text of an article"
    return None


def _looks_like_an_id(entry_id: str) -> bool:
    return 16 <= len(entry_id) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in entry_id)


def _models(config: Config) -> dict[str, Any]:
    from summarizer.models.catalogue import CHECK_MODELS, SUMMARY_MODELS, TRANSLATION_MODELS

    listed = [{"id": m.model_id, "role": "summary", "label": m.label, "languages": m.languages_label,
               "size_mb": m.size_mb, "parameters": m.params, "licence": m.licence, "input_tokens": m.input_limit}
              for m in SUMMARY_MODELS.values()]
    listed += [{"id": m.model_id, "role": "check", "label": m.label, "languages": m.languages_label,
                "size_mb": m.size_mb, "parameters": m.params, "licence": m.licence} for m in CHECK_MODELS]
    listed += [{"id": m.model_id, "role": "translation", "sources": list(m.sources), "targets": list(m.targets),
                "size_mb": m.size_mb, "licence": m.licence} for m in TRANSLATION_MODELS]
    return {"any_model": config.any_model, "models": listed}


def _languages() -> dict[str, Any]:
    from summarizer.languages import language_name
    from summarizer.models.catalogue import TARGET_LANGUAGES
    from summarizer.models.routing import summary_routes

    return {"summaries": [{"code": code, "name": language_name(code), "route": route.name,
                           "models": route.model_ids()} for code, route in summary_routes().items()],
            "translations": [{"code": code, "name": language_name(code)} for code in TARGET_LANGUAGES]}
