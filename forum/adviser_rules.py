"""When an adviser's check lapses, and who may pass a question to the advisers: plain values in,
answers out. The models (``Adviser.is_current``) and ``advisers`` call these; they import
nothing of the forum's."""

from __future__ import annotations

import datetime


def lapses_on(checked_on: datetime.date) -> datetime.date:
    """A check lasts a year: on this day it has lapsed (29 February lapses on 1 March)."""
    try:
        return checked_on.replace(year=checked_on.year + 1)
    except ValueError:
        return datetime.date(checked_on.year + 1, 3, 1)


def is_current(checked_on: datetime.date | None, today: datetime.date) -> bool:
    """Checked, not in the future, and less than a year ago."""
    if checked_on is None or checked_on > today:
        return False
    return today < lapses_on(checked_on)


def may_pass(*, person_id: int | None, asker_id: int | None, is_buddy: bool, public: bool) -> bool:
    """The person who asked, or an approved peer buddy, may pass a public question on."""
    if person_id is None or not public:
        return False
    return is_buddy or person_id == asker_id
