"""The models: which exist (catalogue), where their files are (hub), how they run (runtimes), loaded once."""
