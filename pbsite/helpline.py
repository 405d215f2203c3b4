"""How to reach a person: the helpline's defaults and the plain rules about its phone number.

The numbers and hours themselves live in the ``Helpline`` site setting (pbsite/models.py), which
staff edit in the admin (Settings → Helpline); these are the values a new site starts with.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The demo helpline: a number Ofcom keeps for drama and examples (03069 990000 to 03069 990999),
# so it can never ring a real line. A real deployment puts its own in the site settings.
DEFAULT_PHONE = "03069 990123"
DEFAULT_EMAIL = "help@budgetcircle.example"
DEFAULT_HOURS = "Monday to Friday, 9am to 5pm"

# A UK number as people write it: digits and spaces, optionally starting +44.
PHONE_PATTERN = re.compile(r"^(\+44 ?|0)[0-9 ]{9,13}$")


def tel_href(phone: str) -> str:
    """The number as a ``tel:`` link wants it: the digits, and a leading + if there is one."""
    digits = re.sub(r"[^0-9]", "", phone)
    return f"tel:+{digits}" if phone.strip().startswith("+") else f"tel:{digits}"


def validate_phone(phone: str) -> None:
    """A helpline number must be one a person can dial from a UK phone."""
    compact = phone.strip()
    digits = re.sub(r"[^0-9]", "", compact)
    if not PHONE_PATTERN.match(compact) or not 10 <= len(digits) <= 12:
        raise ValidationError(
            _(
                "Write the number as people would dial it in the UK, with only digits and "
                "spaces, for example 0300 123 4567 or +44 300 123 4567."
            )
        )
