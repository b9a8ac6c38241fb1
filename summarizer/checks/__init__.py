"""Is the summary faithful: the facts each sentence states, their sources, and the deep (NLI) check."""
