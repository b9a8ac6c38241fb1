"""The page's server: `streamlit run ui/server.py` serves app.py through Streamlit's ASGI app, with the
HTTP API under /api/v1 (`ApiDispatch`; one process: the page and the API share the loaded models, the queue, the rate
limits and the share store) and the middleware that must see requests before Streamlit does (the
per-visitor upload allowance)."""

from __future__ import annotations

import sys
from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from summarizer import config
from summarizer.api.app import ApiDispatch, api_app
from ui.upload_guard import UploadGuard

try:
    _settings = config.current()
except config.ConfigError as problem:  # one line, as the CLI says it; the page is never served half set up
    sys.exit(f"error: {problem}")
app = App(str(Path(__file__).resolve().parent.parent / "app.py"), middleware=[
    Middleware(ApiDispatch, api=api_app(_settings)),
    Middleware(UploadGuard, max_bytes=_settings.upload_mb * 1_000_000, max_files=_settings.upload_files,
               trusted_proxies=_settings.trusted_proxies)])
