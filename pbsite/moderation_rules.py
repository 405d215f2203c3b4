"""Rules that let reports act before a moderator does, as plain functions on plain values.

- ``should_hold``: enough trusted people reported something, so it is hidden until a moderator
  looks (as Discourse does): three members at the forum's trusted level or above, or one peer
  buddy.
- ``scam_signs``: the words of the scams aimed at people with a personal budget (asking for
  money or bank details, cash in hand, "no checks needed", moving the talk to WhatsApp,
  Telegram or text). Honest questions use the same words, so a match never hides anything: it
  puts the content first in the moderators' queue and shows readers a short safety note.
"""

from __future__ import annotations

import re

TRUSTED_REPORTERS_TO_HOLD = 3
BUDDY_REPORTERS_TO_HOLD = 1


def should_hold(trusted_reporters: int, buddy_reporters: int) -> bool:
    """Hide pending review when 3 trusted members (buddies count as trusted) or 1 buddy
    reported it. ``trusted_reporters`` counts every trusted reporter, buddies included."""
    return (
        buddy_reporters >= BUDDY_REPORTERS_TO_HOLD or trusted_reporters >= TRUSTED_REPORTERS_TO_HOLD
    )


# Each sign: a short name a moderator reads, and the patterns that show it.
_SCAM_SIGNS: dict[str, list[str]] = {
    "asks for money up front": [
        r"(send|transfer|pay|wire)\s+(me\s+)?(a\s+)?(deposit|fee|upfront|up\s+front|in\s+advance)",
        r"(deposit|fee|payment)\s+(up\s*front|in\s+advance|first)",
        r"pay\s+(me\s+)?(first|before)",
        r"(gift|itunes|steam|amazon)\s+cards?",
    ],
    "asks for bank details": [
        r"bank\s+(details|account\s+(details|number)|login|card)",
        r"sort\s+code",
        r"(card|pin)\s+(number|details)",
        r"(your|the)\s+pin\b",
        r"(direct\s+payment|budget)\s+card\s+(details|number)",
        r"(password|login)\s+(for|to)\s+(your\s+)?(bank|account|direct\s+payment)",
    ],
    "cash in hand": [
        r"cash\s+in\s+hand",
        r"pay\s+(me\s+)?(in\s+)?cash",
        r"cash\s+only",
        r"cash\s+payments?",
    ],
    "says no checks are needed": [
        r"no\s+(dbs\s+|background\s+|criminal\s+record\s+)?checks?\s+(needed|required|necessary)",
        r"(don't|dont|do\s+not)\s+need\s+(a\s+|any\s+)?(dbs|checks?|references)",
        r"without\s+(a\s+|any\s+)?(dbs|checks?|references)",
        r"no\s+(dbs|references)\s+(needed|required)",
    ],
    "moves the talk off the site": [
        r"whats\s*app",
        r"telegram",
        r"(text|txt|message|call|ring)\s+me\s+(on|at)\s+\+?\d",
        r"(text|txt)\s+me\s+(on|at)\b",
        r"message\s+me\s+(on|at|privately)",
        r"signal\s+app",
    ],
}

_COMPILED = {
    sign: re.compile(r"\b(" + "|".join(patterns) + r")", re.IGNORECASE)
    for sign, patterns in _SCAM_SIGNS.items()
}


# A warning uses the same words: "never share your bank details", "don't pay cash".
_WARNING_BEFORE = re.compile(
    r"\b(don't|dont|do\s+not|never|not|nobody|no\s+one|won't|avoid|beware\s+of)\b[^.!?,;]{0,20}$",
    re.IGNORECASE,
)


def _normalise(text: str) -> str:
    return " ".join((text or "").replace("\u2019", "'").split())


def _shows(pattern: re.Pattern, plain: str) -> bool:
    return any(
        not _WARNING_BEFORE.search(plain[: match.start()]) for match in pattern.finditer(plain)
    )


def scam_signs(text: str) -> list[str]:
    """The signs of a scam against budget holders this text shows, in a fixed order; empty
    when it shows none. Words after "never", "don't" and the like are a warning, not a sign."""
    plain = _normalise(text)
    return [sign for sign, pattern in _COMPILED.items() if _shows(pattern, plain)]
