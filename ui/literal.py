"""Article and model text shown literally: escaped HTML, never Markdown, right to left where needed."""

from __future__ import annotations

import html

import streamlit as st

from summarizer.languages import is_right_to_left


def literal(text: str, language: str | None = None, name: str = "text") -> None:
    """`name` becomes a class (`literal-<name>`) so tests and styles can find the block."""
    st.html(f'<div class="literal literal-{html.escape(name)}" {text_attributes(language)}>'
            f'{html.escape(text)}</div>')


def text_attributes(language: str | None) -> str:
    """dir and lang for a block of text: right to left where the script is, "auto" when unknown."""
    direction = "rtl" if is_right_to_left(language) else ("ltr" if language else "auto")
    return f'dir="{direction}" lang="{html.escape(language or "")}"'


def announce(place, text: str) -> None:
    """Say `text` to a screen reader (a polite live region in `place`, an `st.empty()`), unseen: the
    page's progress and result are otherwise silent to one while focus stays on the button."""
    place.html(f'<div class="live-status" role="status" aria-live="polite">{html.escape(text)}</div>')


def notice(kind: str, text: str) -> None:
    """Like st.error/st.warning/st.info, but the message is never parsed as Markdown."""
    st.html(f'<div class="notice notice-{kind}" role="alert">{html.escape(text)}</div>')
