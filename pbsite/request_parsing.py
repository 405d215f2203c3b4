"""One way to read what someone sent us: numbers, ids and free text, from a query string, a form
field or a WebSocket message.

Numbers. Python's ``str.isdigit()`` says yes to "²", "٣" and "①", which ``int()`` then refuses
(or reads as a different number), and ``int()`` takes "  7 ", "+7", "7_000" and numbers too big
for the database (SQLite and PostgreSQL both stop at a signed 64-bit integer), so each of those
used to be a server error somewhere. Here a number is only ASCII digits, at most 19 of them,
within the bounds asked for. Anything else is "no number": ``None``, or the default the caller
gives.

Text. Nobody means to type control characters: ``printable`` turns white space of any kind (a
tab, a line break unless kept) into a space and drops the rest (NUL bytes), and ``clean_text``
also squeezes the spaces and cuts to a length. A search box's words are at most
``MAX_QUERY_LENGTH`` characters (``TextQueryField``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# The largest id either database can store or compare (a signed 64-bit integer).
LARGEST = 2**63 - 1
_MAX_DIGITS = len(str(LARGEST))


def whole_number(value, *, default=None, low: int = 0, high: int = LARGEST):
    """``value`` as a whole number from ``low`` to ``high``, or ``default``.

    Accepts a string of ASCII digits (no sign, spaces, point or exponent) or, from JSON, an
    ``int`` (never a ``bool`` or a float: ``Infinity`` and ``1.0`` are not ids)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    elif (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_DIGITS
        and value.isascii()
        and value.isdigit()
    ):
        number = int(value)
    else:
        return default
    return number if low <= number <= high else default


def number_param(query, name: str, *, default=None, low: int = 0, high: int = LARGEST):
    """The number in ``query[name]`` (a ``QueryDict``: the last one if it is sent twice)."""
    return whole_number(query.get(name), default=default, low=low, high=high)


def id_param(query, name: str):
    """An id (1 or more) from ``query[name]``, or ``None``."""
    return number_param(query, name, low=1)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ``ModelMultipleChoiceField``, but each ticked value that should be an id is
    checked to be one before the database sees it: SQLite cannot even compare a number past
    64 bits in ``pk IN (...)``, so ``?categories=99999999999999999999`` was a server error.
    Now it is the field's own "not one of the choices" error."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else None
        if field is not None and field.get_internal_type() in _INTEGER_KEYS:
            for choice in value:
                if whole_number(str(choice)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(choice)[:50]},
                    )
        return super()._check_values(value)


_INTEGER_KEYS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
}


# --- Free text -------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 200


def printable(text: str | None, *, keep_lines: bool = False) -> str:
    """``text`` without control characters: any white space (a tab, or a line break unless
    ``keep_lines``) becomes a space, anything else unprintable is dropped."""
    kept = "\n" if keep_lines else ""
    return "".join(
        ch if ch.isprintable() or ch in kept else " " if ch.isspace() else "" for ch in text or ""
    )


def clean_text(text: str | None, *, most: int | None = None) -> str:
    """One line of what someone typed: printable, single spaces, cut to ``most`` characters."""
    return " ".join(printable(text).split())[:most]


class TextQueryField(forms.CharField):
    """Search words: control characters dropped, spaces squeezed, long input cut to
    ``MAX_QUERY_LENGTH`` rather than refused (a finder's words only narrow what it shows)."""

    def clean(self, value):
        return clean_text(super().clean(value), most=MAX_QUERY_LENGTH)
