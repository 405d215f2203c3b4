"""The table of a budget's lines (mybudget.entries_table_component), for its page and statements."""

from django import template

from ..entries_table_component import render_entries_table

register = template.Library()


@register.simple_tag
def entries_table(budget, summary, rows, caption, caption_id):
    """The lines of ``summary`` (``rows``: each with the balance after it) under ``caption``."""
    return render_entries_table(budget.pk, summary, rows, caption=caption, caption_id=caption_id)
