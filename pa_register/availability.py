"""Weekly availability: 7 days × 4 parts of the day, kept as one whole number (a bitmask).

Slot codes are ``"tue-morning"`` style strings, which is what forms and URLs use. Bit
``day * 4 + part`` is set when the PA is free then, so "free at any of these times" is one
bitwise AND, in Python or in the database.
"""

from __future__ import annotations

from collections.abc import Iterable

DAYS = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
]
PARTS = [
    ("morning", "morning"),
    ("afternoon", "afternoon"),
    ("evening", "evening"),
    ("night", "night"),
]
ALL_SLOTS = [f"{day}-{part}" for day, _ in DAYS for part, _ in PARTS]
EVERY_SLOT = (1 << len(ALL_SLOTS)) - 1


def slot_label(slot: str) -> str:
    """``"tue-morning"`` -> ``"Tuesday morning"``."""
    day, part = slot.split("-")
    return f"{dict(DAYS)[day]} {dict(PARTS)[part]}"


SLOT_CHOICES = [(slot, slot_label(slot)) for slot in ALL_SLOTS]


def to_mask(slots: Iterable[str]) -> int:
    """Slot codes to a bitmask; unknown codes are ignored (forms validate them first)."""
    mask = 0
    for slot in slots:
        if slot in ALL_SLOTS:
            mask |= 1 << ALL_SLOTS.index(slot)
    return mask


def to_slots(mask: int) -> list[str]:
    return [slot for bit, slot in enumerate(ALL_SLOTS) if mask & (1 << bit)]


def overlap(first: int, second: int) -> list[str]:
    """The slots two masks share, in week order."""
    return to_slots(first & second)


def describe(slots: Iterable[str]) -> list[str]:
    """Slots in words, grouping each day's parts: ``["Tuesday mornings and evenings", …]``."""
    by_day: dict[str, list[str]] = {}
    for slot in slots:
        day, part = slot.split("-")
        by_day.setdefault(day, []).append(dict(PARTS)[part] + "s")
    phrases = []
    for day, day_label in DAYS:
        if day in by_day:
            parts = by_day[day]
            joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
            phrases.append(f"{day_label} {joined}")
    return phrases


def grid(mask: int) -> list[tuple[str, list[bool]]]:
    """Rows for a week table: (day label, [free in morning, afternoon, evening, night])."""
    return [
        (day_label, [bool(mask & (1 << (d * len(PARTS) + p))) for p in range(len(PARTS))])
        for d, (_day, day_label) in enumerate(DAYS)
    ]
