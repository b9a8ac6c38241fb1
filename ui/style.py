"""The page's styles: literal text blocks, notices, marks and the evidence view."""

from __future__ import annotations

STYLE = """<style>
.literal { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; font-size: 1.02rem;
           margin: 0.2rem 0 0.6rem; }
.notice { padding: 0.6rem 0.9rem; border-radius: 0.5rem; margin: 0.3rem 0; white-space: pre-wrap; }
.notice-error { background: #fdecea; color: #611a15; }
.notice-warning { background: #fff4e5; color: #663c00; }
.notice-info { background: #e8f4fd; color: #0d3c61; }
.literal-engine { font-size: 0.85rem; color: #555; }
.summary-list { margin: 0; padding-inline-start: 1.3rem; white-space: normal; }
.summary-list li { margin-bottom: 0.35rem; white-space: pre-wrap; }
.quote-speaker { color: #55595f; white-space: nowrap; }
.quote-place { font-size: 0.85rem; white-space: nowrap; }
mark.quote { background: #f1f3f5; }
.literal-stats { font-size: 0.875rem; color: #6b6f76; margin: 0 0 0.5rem; }
.literal-plan { font-size: 0.9rem; color: #33373d; margin: 0 0 0.6rem; }
mark.fact-missing { background: #ffe0b2; color: inherit; border-bottom: 2px solid #e65100; padding: 0 0.1em; }
mark.source { background: #d7ecff; color: inherit; padding: 0 0.1em; }
.literal-evidence { max-height: 24rem; overflow-y: auto; border: 1px solid #e3e6ea; border-radius: 0.5rem;
                    padding: 0.6rem 0.8rem; }
textarea { unicode-bidi: plaintext; text-align: start; }  /* Arabic lines run right to left */
/* The collapsed sidebar's control says what it opens (on a phone it is the only way to the settings). */
[data-testid="stExpandSidebarButton"] { width: auto; padding: 0 0.6rem; gap: 0.3rem; }
[data-testid="stExpandSidebarButton"]::after { content: "Settings"; font-size: 0.9rem; }
.live-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
               white-space: nowrap; }  /* for screen readers only */
code { white-space: pre-wrap !important; overflow-wrap: anywhere; }  /* links wrap instead of clipping */
</style>"""
