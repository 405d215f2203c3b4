"""Names only the people who run the site may use.

Anyone could sign up as "Site admin" or "Jo (moderator)" and be taken for staff, which is how
scams on a site like this begin. A member's display name may not contain a staff word (as a word
of its own, in any case, with any spacing or punctuation) or the site's own name.
"""

from __future__ import annotations

import re
import unicodedata

# A word of its own anywhere in the name: "Jo (moderator)", "ADMIN Sam", "Staff - Priya".
STAFF_WORDS = frozenset(
    {
        "admin",
        "admins",
        "administrator",
        "administrators",
        "sysadmin",
        "siteadmin",
        "superuser",
        "webmaster",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "staff",
        "official",
        "officials",
    }
)
# Anywhere, even run together or spaced out: "BudgetCircle", "b u d g e t circle team",
# "SiteModerator". Only long words, so ordinary names that merely contain them are rare.
RESERVED_RUNS = ("budgetcircle", "administrator", "moderator", "siteadmin")


def _letters(name: str) -> str:
    """``name`` folded: compatibility forms (full-width, ligatures), case and accents."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def reserved_word_in(name: str) -> str | None:
    """The staff word or reserved name in ``name`` (as it appears, folded), or ``None``."""
    folded = _letters(name)
    words = re.findall(r"[^\W\d_]+", folded)
    for word in words:
        if word in STAFF_WORDS:
            return word
    run = "".join(words)
    for reserved in RESERVED_RUNS:
        if reserved in run:
            return reserved
    if run in STAFF_WORDS:  # spaced out: "A d m i n", "s.t.a.f.f"
        return run
    return None


def runs_the_site(user) -> bool:
    """Staff, moderators and editors may have a staff word in their name."""
    from .models import Role

    return bool(user.is_staff or user.is_superuser or user.has_role(Role.MODERATOR, Role.EDITOR))
