"""The table of a budget's lines (mybudget.entries_table_component), written as Django's
template wrote it: each value escaped as Django escapes it, the words in the reader's language."""

import datetime

from django.utils import translation

from mybudget.entries_table_component import render_entries_table
from mybudget.rules import Direction, Entry, running_balances, summarise

MAY = datetime.date(2026, 5, 1), datetime.date(2026, 5, 28)


def table(entries, caption="Every line") -> str:
    summary = summarise(entries, *MAY)
    return render_entries_table(
        7, summary, running_balances(summary), caption=caption, caption_id="this-period"
    )


def row_of(what: str, html: str) -> str:
    start = html.index(f'role="rowheader">{what}')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start) + 5]


def test_each_line_shows_what_who_outcome_receipt_and_the_balance_after_it():
    html = table(
        [
            Entry(datetime.date(2026, 4, 5), 500, Direction.OUT, what="Before May"),
            Entry(MAY[0], 1250, Direction.IN, who="Mum & <Dad>", what="Top-up"),
            Entry(
                datetime.date(2026, 5, 4),
                123456,
                Direction.OUT,
                what="Sam's <b>hours</b>",
                outcome="See 'friends' 100%",
                repeating=True,
                receipt=True,
                ref=42,
            ),
        ],
        caption="Lines & <more>",
    )
    assert html.startswith(
        '<table class="pool-table mybudget-lines" role="table">\n'
        '  <caption id="this-period">Lines &amp; &lt;more&gt;</caption>\n'
    )
    assert html.endswith("</table>\n")
    carried = '<th scope="row" role="rowheader">Carried in from before</th>'
    assert (
        '<tr role="row"><td role="cell" data-label="Date">1 May 2026</td>'
        + carried
        + '<td role="cell"></td><td role="cell"></td><td role="cell" data-label="Balance">-£5</td>'
    ) in html
    assert row_of("Top-up", html) == (
        '<tr role="row">\n'
        '    <td role="cell" data-label="Date">1 May 2026</td>\n'
        '    <th scope="row" role="rowheader">Top-up'
        '<span class="pool-table__name">Mum &amp; &lt;Dad&gt;</span></th>\n'
        '    <td role="cell" data-label="Money in">£12.50</td>\n'
        '    <td role="cell"></td>\n'
        '    <td role="cell" data-label="Balance">£7.50</td>\n'
        "  </tr>"
    )
    assert row_of("Sam&#x27;s", html) == (
        '<tr role="row">\n'
        '    <td role="cell" data-label="Date">4 May 2026</td>\n'
        '    <th scope="row" role="rowheader">Sam&#x27;s &lt;b&gt;hours&lt;/b&gt;'
        '<span class="pool-table__name">For: See &#x27;friends&#x27; 100%</span>'
        '<span class="pool-table__name">Regular payment</span>'
        '<span class="pool-table__name no-print"><a href="/my-budget/7/lines/42/receipt/">'
        'See the receipt<span class="visually-hidden"> for Sam&#x27;s &lt;b&gt;hours&lt;/b&gt;'
        "</span></a></span></th>\n"
        '    <td role="cell"></td>\n'
        '    <td role="cell" data-label="Money out">£1,234.56</td>\n'
        '    <td role="cell" data-label="Balance">-£1,227.06</td>\n'
        "  </tr>"
    )
    assert (
        '<td role="cell" data-label="Date">28 May 2026</td><th scope="row" role="rowheader">Totals'
        '</th><td role="cell" data-label="Money in">£12.50</td><td role="cell" data-label="Money '
        'out">£1,234.56</td><td role="cell" data-label="Balance">-£1,227.06</td></tr>'
    ) in html


def test_the_table_is_in_the_readers_language():
    entries = [Entry(datetime.date(2026, 5, 4), 100, Direction.OUT, what="Tea", outcome="Well")]
    with translation.override("pl"):
        html = table(entries)
        assert '<td role="cell" data-label="Data">4 Maj 2026</td>' in html  # Django's Polish
        assert translation.gettext("For: %(outcome)s") % {"outcome": "Well"} in html
    # The words are translated once per language, not kept from the last one asked.
    assert '<td role="cell" data-label="Date">4 May 2026</td>' in table(entries)
