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


#: Words that make a search a question or a sentence ("what is an ISF", "how do I employ my
#: own PA") and say nothing about what is wanted. Searched for, they only add noise: on Whoosh,
#: a word that a kind's index lacks (or that is rare there, like "what" among the glossary's
#: definitions) weighs on every hit of that kind.
QUESTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "what",
        "whats",
        "how",
        "who",
        "whom",
        "whose",
        "which",
        "why",
        "when",
        "where",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "i",
        "im",
        "ive",
        "id",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "our",
        "us",
        "you",
        "your",
        "they",
        "them",
        "their",
        "theyre",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "to",
        "of",
        "for",
        "on",
        "in",
        "at",
        "by",
        "with",
        "about",
        "into",
        "from",
        "as",
        "any",
        "some",
        "please",
    ]
)


def meaningful_words(words: list[str]) -> list[str]:
    """``words`` without the :data:`QUESTION_WORDS` (all of them if nothing else is left)."""
    kept = [word for word in words if word.lower().replace("'", "") not in QUESTION_WORDS]
    return kept or words
