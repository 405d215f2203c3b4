"""What people type, reduced to the words a search backend should look for."""

import re

WORD = re.compile(r"\w+", re.UNICODE)
#: Operators in some backends' query syntax (SQLite's full-text search among them).
OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def searchable_words(text: str) -> str:
    """Only the words: quotes, brackets and stars are query syntax in some backends (SQLite FTS5
    fails on a lone ``"``), and capital AND/OR/NOT are operators there. People never mean them
    as such, so punctuation goes and those words are lowered."""
    words = WORD.findall(text or "")
    return " ".join(word.lower() if word in OPERATORS else word for word in words)
