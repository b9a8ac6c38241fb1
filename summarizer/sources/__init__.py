"""Where an article comes from: pasted text, a file, a web page; each checked before it is read."""
