"""A blocking call run in its own thread, its events brought back to the server's event loop: as one
JSON answer, or as server-sent events (progress, the streamed draft, then the result) for a client that
asks for `text/event-stream`, so it can show words at once as the page does."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from summarizer.api.errors import as_api_error

Emit = Callable[[str, dict[str, Any]], None]
Work = Callable[[Emit], dict[str, Any]]
_DONE = "done"
DISCONNECT_POLL = 1.0  # seconds between looks at whether a JSON call's client is still there


class Abandoned(Exception):
    """The client went away: its call stops at its next event (at the latest when its turn comes), so
    no one's place in the queue is spent on an answer nobody waits for."""


def _started(work: Work) -> tuple[asyncio.Queue[tuple[str, Any]], threading.Event]:
    """`work` running in a thread of its own (it may wait its turn for minutes: never in the loop's
    small thread pool), every event it emits queued on this loop, then its result or its error; and
    the flag that abandons it."""
    loop = asyncio.get_running_loop()
    events: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    abandoned = threading.Event()

    def emit(name: str, data: Any) -> None:
        if abandoned.is_set():
            raise Abandoned()
        loop.call_soon_threadsafe(events.put_nowait, (name, data))

    def run() -> None:
        try:
            outcome: tuple[str, Any] = ("result", work(emit))
        except Abandoned:  # nobody to answer
            outcome = (_DONE, None)
        except BaseException as error:  # every failure becomes the call's answer, never a traceback
            outcome = ("error", error)
        loop.call_soon_threadsafe(events.put_nowait, outcome)
        loop.call_soon_threadsafe(events.put_nowait, (_DONE, None))

    threading.Thread(target=run, name="api-call", daemon=True).start()
    return events, abandoned


async def answer(work: Work, request: Request, status: int = 200) -> Response:
    """The result as JSON once `work` is done, or its error's JSON and status."""
    events, abandoned = _started(work)
    while True:
        try:
            name, data = await asyncio.wait_for(events.get(), DISCONNECT_POLL)
        except asyncio.TimeoutError:
            if await request.is_disconnected():
                abandoned.set()
            continue
        if name == "result":
            return JSONResponse(data, status)
        if name == "error":
            return as_api_error(data).response()
        if name == _DONE:  # abandoned: the client is gone, nothing reaches it
            return Response(status_code=204)


async def stream(work: Work) -> Response:
    """Server-sent events; a call refused before it starts (its rate, a full queue) is refused with its
    own status, as without streaming, since no event has been sent yet."""
    events, abandoned = _started(work)
    first = await events.get()
    if first[0] == "error":
        return as_api_error(first[1]).response()

    async def body() -> AsyncIterator[str]:
        name, data = first
        try:
            while name != _DONE:
                if name == "error":
                    data = as_api_error(data).body()
                yield f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
                name, data = await events.get()
        finally:  # the client closed the stream (or it ended): a call still running stops
            abandoned.set()

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
