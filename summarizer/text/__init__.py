"""The article as text: its language, its sentences, the chunks a model reads, and word statistics."""
