"""Uploads bounded per visitor: an allowance of bytes and files, enforced as ASGI middleware in front of
Streamlit's upload endpoint (before Streamlit keeps an upload in memory, whatever the page would do with
it: a session can post files straight to the endpoint), and uploads released once the page has read them."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Collection, Iterable
from typing import Any

from summarizer.admission import LOOPBACK, Busy, Ledger, visitor_key

UPLOAD_PATH = "/_stcore/upload_file/"
UPLOAD_WINDOW = 600.0  # seconds

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def _refused(_spent: int, _wait: float) -> Busy:
    return Busy("upload allowance used up")


class UploadGuard:
    """Counts each visitor's uploads (files, and bytes as the body arrives) over UPLOAD_WINDOW and
    answers 413 past `max_bytes` or `max_files`, before the request reaches Streamlit."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], max_bytes: int, max_files: int,
                 trusted_proxies: Collection[str] = ()) -> None:
        self.app = app
        self.max_bytes, self.max_files = max_bytes, max_files
        self.trusted_proxies = tuple(trusted_proxies)
        self._bytes = Ledger(UPLOAD_WINDOW, time.monotonic)
        self._files = Ledger(UPLOAD_WINDOW, time.monotonic)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "PUT" or UPLOAD_PATH not in scope["path"]:
            await self.app(scope, receive, send)
            return
        visitor = self._visitor(scope)
        try:
            self._files.spend(visitor, 1, self.max_files, _refused)
            declared = int(dict(scope["headers"]).get(b"content-length", b"0") or 0)
            if declared:
                self._bytes.spend(visitor, declared, self.max_bytes, _refused)
            body = await self._body(receive, visitor, counted=declared)
        except (Busy, ValueError):
            await _too_large(send)
            return
        await self.app(scope, _replay(body), send)

    def _visitor(self, scope: Scope) -> str:
        client = (scope.get("client") or (None,))[0]
        forwarded = dict(scope["headers"]).get(b"x-forwarded-for", b"").decode("latin-1") or None
        return visitor_key(None if client in LOOPBACK else client, forwarded, self.trusted_proxies)

    async def _body(self, receive: Receive, visitor: str, counted: int) -> list[dict[str, Any]]:
        """The request's messages, read here; bytes past the declared length are counted as they come."""
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            size += len(message.get("body", b""))
            if size > counted:
                self._bytes.spend(visitor, size - counted, self.max_bytes, _refused)
                counted = size
            if message["type"] != "http.request" or not message.get("more_body"):
                return messages


def _replay(messages: list[dict[str, Any]]) -> Receive:
    queue = list(messages)

    async def receive() -> dict[str, Any]:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    return receive


async def _too_large(send: Send) -> None:
    body = b"Upload allowance used up: wait a few minutes before uploading more."
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def release(uploads: Iterable[Any]) -> None:
    """Drop uploads the page has read from Streamlit's memory: it would keep each one until the session
    ends (the allowance above bounds what arrives, this what stays)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None or context.uploaded_file_mgr is None:
        return
    for upload in uploads:
        context.uploaded_file_mgr.remove_file(context.session_id, upload.file_id)
