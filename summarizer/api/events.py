"""A blocking call run in its own thread, its events brought back to the server's event loop: as one
JSON answer, or as server-sent events (progress, the streamed draft, then the result) for a client that
asks for `text/event-stream`, so it can show words at once as the page does."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.responses import JSONResponse, Response, StreamingResponse

from summarizer.api.errors import as_api_error

Emit = Callable[[str, dict[str, Any]], None]
Work = Callable[[Emit], dict[str, Any]]
_DONE = "done"


def _started(work: Work) -> asyncio.Queue[tuple[str, Any]]:
    """`work` running in a thread of its own (it may wait its turn for minutes: never in the loop's
    small thread pool), every event it emits queued on this loop, then its result or its error."""
    loop = asyncio.get_running_loop()
    events: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def emit(name: str, data: Any) -> None:
        loop.call_soon_threadsafe(events.put_nowait, (name, data))

    def run() -> None:
        try:
            emit("result", work(emit))
        except BaseException as error:  # every failure becomes the call's answer, never a traceback
            emit("error", error)
        finally:
            emit(_DONE, None)

    threading.Thread(target=run, name="api-call", daemon=True).start()
    return events


async def answer(work: Work, status: int = 200) -> Response:
    """The result as JSON once `work` is done, or its error's JSON and status."""
    events = _started(work)
    while True:
        name, data = await events.get()
        if name == "result":
            return JSONResponse(data, status)
        if name == "error":
            return as_api_error(data).response()


async def stream(work: Work) -> Response:
    """Server-sent events; a call refused before it starts (its rate, a full queue) is refused with its
    own status, as without streaming, since no event has been sent yet."""
    events = _started(work)
    first = await events.get()
    if first[0] == "error":
        return as_api_error(first[1]).response()

    async def body() -> AsyncIterator[str]:
        name, data = first
        while name != _DONE:
            if name == "error":
                data = as_api_error(data).body()
            yield f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
            name, data = await events.get()

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
