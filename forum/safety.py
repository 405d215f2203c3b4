"""Words that suggest someone may be in crisis or thinking of harming themselves.

Nothing is blocked: the author is shown where to get urgent help now, and a moderator is asked
to look (the report goes to the top of the queue). The list is deliberately plain and short;
moderators can suggest additions.
"""

from __future__ import annotations

import re

CRISIS_PHRASES = [
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "end it all",
    "take my own life",
    "want to die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "better off without me",
    "suicide",
    "suicidal",
    "self harm",
    "self-harm",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "overdose",
    "no reason to live",
    "can't go on",
    "cannot go on",
    "can't cope any more",
    "can't cope anymore",
]

_PATTERN = re.compile(
    r"\b("
    + "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in CRISIS_PHRASES)
    + r")\b",
    re.IGNORECASE,
)

CRISIS_HELP = (
    "If you feel like harming yourself or you are in danger, please get help now. "
    "Call Samaritans free, any time, on 116 123. For urgent mental health help, call NHS 111 "
    "and choose option 2. If your life is in danger, call 999."
)


def _normalise(text: str) -> str:
    return (text or "").replace("\u2019", "'")


def suggests_crisis(text: str) -> bool:
    return bool(_PATTERN.search(_normalise(text)))


def crisis_phrases_found(text: str) -> list[str]:
    return sorted({match.group(0).lower() for match in _PATTERN.finditer(_normalise(text))})
