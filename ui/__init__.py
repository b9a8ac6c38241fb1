"""Streamlit helpers for app.py; the summarizer package knows nothing of them."""
