"""From sentences to a summary (abstractive or extractive) at a length, and its translations."""
