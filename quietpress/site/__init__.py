"""The Pelican side of quietpress: a Markdown reader, sanitising, taxonomy pages and search.

Enabled in pelicanconf.py with `PLUGINS = ["quietpress.site"]`.
"""

from __future__ import annotations

from pelican import signals

from quietpress.site import reader


def add_readers(readers) -> None:
    reader.install(readers)


def register() -> None:
    reader.replace_markdown_reader()
    signals.readers_init.connect(add_readers)
