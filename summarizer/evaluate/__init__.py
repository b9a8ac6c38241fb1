"""How good the summaries and the fact check are, measured on labelled cases."""
