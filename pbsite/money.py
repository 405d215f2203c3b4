"""Money, the one way: amounts are whole pence everywhere, and this module turns them into words
and back.

Plain functions on plain values, so every part (the register, the directory, pooling, my budget)
formats, reads and rounds the same: "£12.50", "£12", "£1,200"; typed "12.5", "£12" and "1,200"
all read; fractions of a penny round half up (12.345 -> 1235p), the rule people expect from a
till. Forms use ``pbsite.forms.MoneyField``; templates use the ``money`` filter from
``pbsite.templatetags.components``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Nobody's single payment on this site comes near this; a bigger figure is a typing slip.
MOST_POUNDS = Decimal(1_000_000)


class NotMoney(ValueError):
    """What was typed is not an amount of money; ``reason`` says which way, for the message."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "not_a_number", "negative" or "too_big"


def format_pence(pence: int | None) -> str:
    """1250 -> "£12.50"; 1200 -> "£12"; 120000 -> "£1,200"; -250 -> "-£2.50"; None -> ""."""
    if pence is None or pence == "":
        return ""
    pence = int(pence)
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}" if not part else f"{sign}£{whole:,}.{part:02d}"


def round_pence(pounds: Decimal) -> int:
    """Pounds (any precision) to whole pence, half a penny rounding up."""
    return int((pounds * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pounds_to_pence(value, *, allow_negative: bool = False) -> int | None:
    """What a person typed ("12.50", "£12", "1,200", 12.5) as whole pence; "" or None -> None.

    Raises ``NotMoney`` when it is not an amount, is below zero (unless allowed) or is absurd."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).replace("£", "").replace(",", "").replace(" ", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise NotMoney("not_a_number") from None
    if not amount.is_finite():
        raise NotMoney("not_a_number")
    if amount < 0 and not allow_negative:
        raise NotMoney("negative")
    if abs(amount) >= MOST_POUNDS:
        raise NotMoney("too_big")
    return round_pence(amount)


def pence_to_pounds(pence: int | None) -> Decimal | None:
    """Whole pence as a Decimal of pounds, for a form's initial value: 1250 -> Decimal("12.50")."""
    if pence is None:
        return None
    return (Decimal(int(pence)) / 100).quantize(Decimal("0.01"))


def pence_to_number(pence: int | None) -> int | float | None:
    """Whole pence as a JSON number of pounds, for APIs that count in pounds (Open Referral UK):
    1250 -> 12.5, 1200 -> 12; None -> None."""
    if pence is None:
        return None
    pence = int(pence)
    return pence // 100 if pence % 100 == 0 else float(Decimal(pence) / 100)
