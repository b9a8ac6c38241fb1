"""Whom a page request counts against, for the rate limit and the share allowance."""

from __future__ import annotations

import streamlit as st

from summarizer import config
from summarizer.admission import visitor_key


def visitor() -> str:
    """The visitor's address where the server can tell it (`admission.visitor_key`)."""
    address = st.context.ip_address
    return visitor_key(address if isinstance(address, str) and address else None,
                       st.context.headers.get("X-Forwarded-For"), config.current().trusted_proxies)
