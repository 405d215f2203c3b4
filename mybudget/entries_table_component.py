"""A budget's lines as a table, with the balance after each (``mybudget/jinja2/mybudget/
entries_table.html``): a budget's page shows this period's, a statement (on the page and in its
PDF) the statement period's.

Through Django's template language the table was about 6,000 Python calls for a period's dozen
lines: each cell's ``date`` and ``money`` filters, ``{% if %}`` and ``{% blocktranslate %}`` go
through the template engine's lookups. Jinja2 compiles the same markup to Python once, and what
each cell shows is worked out here in plain Python. It is the form renderer's Jinja2 environment
(``pbsite.form_renderer``), as for a forum post (``forum.post_component``).

The HTML is the one Django's template gave: the same messages, and each value escaped as Django
escapes it (``conditional_escape``: an apostrophe is ``&#x27;``, where Jinja2 writes ``&#39;``).
The words are as ``{% translate %}`` and ``{% blocktranslate %}`` write them: the template's own
words and messages as they are, the values put into a message escaped.
"""

from __future__ import annotations

from functools import cache

from django.forms.renderers import get_default_renderer
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

from pbsite.money import format_pence

from .rules import Direction, Entry, Summary

#: The words the table shows, by their messages (``{% translate %}``, which leaves them as they
#: are).
WORDS = {
    "date": _("Date"),
    "what": _("What"),
    "in": _("Money in"),
    "out": _("Money out"),
    "balance": _("Balance"),
    "regular": _("Regular payment"),
    "carried_in": _("Carried in from before"),
    "totals": _("Totals"),
    "see_receipt": _("See the receipt"),
    "for": _("for"),
}

#: The message a line's outcome is put into.
FOR_OUTCOME = _("For: %(outcome)s")

#: How a day is written in the table (the date filter's "j M Y": 16 Nov 2026).
DAY_FORMAT = "j M Y"


def render_entries_table(
    budget_id: int,
    summary: Summary,
    rows: list[tuple[Entry, int]],
    *,
    caption: str,
    caption_id: str,
) -> SafeString:
    """The table of ``summary``'s lines (``rows``: each entry with the balance after it, as
    ``rules.running_balances`` gives them) under ``caption``, its id ``caption_id``; a line with
    a receipt links to it on budget ``budget_id``."""
    words, for_outcome = _words(get_language())
    template = get_default_renderer().jinja2.get_template("mybudget/entries_table.html")
    html = template.render(
        {
            "words": words,
            "caption": conditional_escape(caption),
            "caption_id": conditional_escape(caption_id),
            "first": _day(summary.first),
            "last": _day(summary.last),
            "opening": _money(summary.opening),
            "money_in": _money(summary.money_in),
            "money_out": _money(summary.money_out),
            "closing": _money(summary.closing),
            "rows": [_shown(budget_id, entry, balance, for_outcome) for entry, balance in rows],
        }
    )
    # Jinja2 drops a template's last newline; Django's include kept it.
    return mark_safe(html + "\n")


@cache
def _words(language: str | None) -> tuple[dict, str]:
    """The words and the outcome's message in ``language``: the same for every line."""
    return {key: mark_safe(gettext(text)) for key, text in WORDS.items()}, gettext(FOR_OUTCOME)


def _shown(budget_id: int, entry: Entry, balance: int, for_outcome: str) -> dict:
    """What one line's row shows."""
    outcome = for_outcome % {"outcome": conditional_escape(entry.outcome)} if entry.outcome else ""
    receipt_url = ""
    if entry.receipt:
        receipt_url = conditional_escape(reverse("mybudget:receipt", args=(budget_id, entry.ref)))
    return {
        "on": _day(entry.on),
        "what": conditional_escape(entry.what),
        "who": conditional_escape(entry.who),
        "outcome": mark_safe(outcome),
        "repeating": entry.repeating,
        "receipt_url": receipt_url,
        "money_in": _money(entry.pence) if entry.direction == Direction.IN else None,
        "money_out": _money(entry.pence) if entry.direction == Direction.OUT else None,
        "balance": _money(balance),
    }


def _day(day) -> SafeString:
    """A day as the template's ``{{ day|date:"j M Y" }}`` writes it."""
    return conditional_escape(date_format(day, DAY_FORMAT))


def _money(pence: int) -> SafeString:
    """Pence as the ``money`` filter writes them: digits, commas, a point, a minus and the pound
    sign, so there is nothing to escape."""
    return mark_safe(format_pence(pence))
