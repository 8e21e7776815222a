"""How long a text is, in any script: words, and characters weighed as letters.

Chinese and Japanese put no spaces between words, and one of their characters says what about
three letters of a Latin script say (their words are one or two characters long). Counted by spaces and letters, a paragraph of theirs read as
one short word: a Chinese text capture had no body, and a paragraph of 150 characters in a `<div>`
was too short to be one.
"""

from __future__ import annotations

import math
import re

# Kana, CJK ideographs and their extensions and compatibility forms: scripts written without spaces.
WIDE_SCRIPT = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WIDE_CHARACTERS = re.compile(f"[{WIDE_SCRIPT}]+")
# Characters of a Chinese or Japanese word, on average: a headline of 45 characters is one of
# 30 words, as long as the text path's longest headline.
CHARACTERS_PER_WORD = 1.5
# Letters of a Latin script one Chinese or Japanese character stands for, in a length.
WIDE_CHARACTER_WEIGHT = 3


def word_count(text: str) -> int:
    """Return how many words a text holds: its words between spaces, and its Chinese or Japanese
    characters as the words they make (two in three: they write one- and two-character words).

    >>> word_count("Harbour board 港务局周二开会")
    7
    """
    runs = WIDE_CHARACTERS.findall(text)
    if not runs:
        return len(text.split())
    return len(WIDE_CHARACTERS.sub(" ", text).split()) + math.ceil(sum(len(run) for run in runs) / CHARACTERS_PER_WORD)


def reading_length(text: str) -> int:
    """Return the text's length in characters, a Chinese or Japanese character counted as the
    letters it stands for."""
    return len(text) + (WIDE_CHARACTER_WEIGHT - 1) * sum(len(run) for run in WIDE_CHARACTERS.findall(text))
