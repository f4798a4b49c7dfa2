"""The extractors' version, written with every record (``extractor_version``): which code read a
page. Bumped when what the NLP stage extracts changes. Its own module: the loader and the run
records need it without importing spaCy and underthesea (~0.4 s of every such process)."""
EXTRACTOR_VERSION = "2026.12.4"
