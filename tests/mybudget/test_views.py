"""My budget's pages through the test client: setting up, lines, receipts, regular payments,
what is left, the statement (page, tagged PDF and CSV whose sums match), bad input, and that
nobody else (staff, moderators and site admins too) can reach any of it."""

import csv
import datetime
import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from mybudget.models import Budget, RepeatingLine, SpendingLine, Stage, Timeline
from tests.people import make_user

from .conftest import line_data, make_budget, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_setting_up_a_budget_then_a_line_shows_what_is_left_this_four_weeks(client, holder):
    client.force_login(holder)
    start = timezone.localdate() - datetime.timedelta(days=3)
    response = client.post(
        reverse("mybudget:budget_new"),
        {
            "name": "Social care budget",
            "given_by": "Oxfordshire County Council",
            "amount": "£1,150",
            "every": "four_weeks",
            "held_as": "direct_payment",
            "start_date": start.isoformat(),
        },
    )
    budget = Budget.objects.get(owner=holder)
    assert response.status_code == 302 and budget.amount_pence == 115000
    response = client.post(reverse("mybudget:line_new", args=[budget.pk]), line_data())
    assert response.status_code == 302
    page = text_of(client.get(budget.get_absolute_url()))
    assert "You have £1,095.50 left this four weeks." in page
    assert "Four hours with Sam" in page and "For: See friends more" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-20", "The amount cannot be less than £0. Enter zero or more"),
        ("5000000", "looks too big"),
        ("0", "Enter an amount more than £0"),
        ("lots", "Enter the amount as an amount in pounds"),
    ],
)
def test_a_bad_amount_is_explained_keeps_what_was_typed_and_saves_nothing(
    client, holder, amount, message
):
    budget = make_budget(holder)
    client.force_login(holder)
    response = client.post(
        reverse("mybudget:line_new", args=[budget.pk]),
        line_data(amount=amount, what="Typed-words-kept", **{"from": "budget"}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Typed-words-kept" in page and "Nothing has been saved yet" in page
    assert not SpendingLine.objects.exists()


def test_a_date_before_the_budget_started_is_refused_in_plain_words(client, holder):
    budget = make_budget(holder)
    client.force_login(holder)
    early = budget.start_date - datetime.timedelta(days=1)
    response = client.post(
        reverse("mybudget:line_new", args=[budget.pk]), line_data(on=early.isoformat())
    )
    assert "This budget started on" in response.content.decode()
    assert not SpendingLine.objects.exists()


def test_a_photo_receipt_is_kept_without_its_name_and_only_its_people_can_open_it(client, holder):
    budget = make_budget(holder)
    client.force_login(holder)
    client.post(
        reverse("mybudget:line_new", args=[budget.pk]),
        {**line_data(), "receipt": png_upload("maya-bank-statement.png")},
    )
    line = SpendingLine.objects.get()
    assert line.receipt and "maya" not in line.receipt.name
    assert line.receipt.name.startswith(f"receipts/{holder.pk}/")
    url = reverse("mybudget:receipt", args=[budget.pk, line.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(make_user("Nosy Neighbour"))
    assert client.get(url).status_code == 404


def test_a_line_with_a_receipt_links_it_on_the_budget_and_its_statement(client, holder):
    budget = make_budget(holder)
    client.force_login(holder)
    client.post(reverse("mybudget:line_new", args=[budget.pk]), line_data(what="Bus fares"))
    client.post(
        reverse("mybudget:line_new", args=[budget.pk]),
        {**line_data(what="Art class"), "receipt": png_upload()},
    )
    with_receipt = SpendingLine.objects.get(what="Art class")
    link = f'href="{reverse("mybudget:receipt", args=[budget.pk, with_receipt.pk])}"'
    for url in (budget.get_absolute_url(), reverse("mybudget:statement", args=[budget.pk])):
        page = client.get(url).content.decode()
        assert link in page and page.count("See the receipt") == 1  # Bus fares has none


def test_a_pdf_receipt_is_accepted_by_its_bytes(client, holder):
    budget = make_budget(holder)
    client.force_login(holder)
    client.post(
        reverse("mybudget:line_new", args=[budget.pk]), {**line_data(), "receipt": pdf_upload()}
    )
    assert SpendingLine.objects.get().receipt.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"hello"), "must be a photo (JPEG, PNG or WebP) or a PDF"),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"), "could not read it as one"),
        (SimpleUploadedFile("photo.jpg", b"not really a jpeg"), "couldn't read that file"),
        (
            SimpleUploadedFile("huge.jpg", b"\xff\xd8" + b"0" * (50 * 1024 * 1024)),
            "That file is too big (50 MB)",
        ),
    ],
    ids=["text", "fake-pdf", "fake-jpeg", "50MB"],
)
def test_a_receipt_that_is_not_a_photo_or_pdf_or_is_too_big_is_refused(
    client, holder, upload, message
):
    budget = make_budget(holder)
    client.force_login(holder)
    response = client.post(
        reverse("mybudget:line_new", args=[budget.pk]),
        {**line_data(what="Kept-what"), "receipt": upload},
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert message in page
    assert "Kept-what" in page and "except the file you chose" in page
    assert not SpendingLine.objects.exists()


def test_a_pas_weekly_hours_at_a_rate_repeat_and_count_in_the_balance(client, holder):
    budget = make_budget(holder)
    period = budget.period_on(timezone.localdate())
    client.force_login(holder)
    response = client.post(
        reverse("mybudget:repeating_new", args=[budget.pk]),
        {
            "kind": "pa_hours",
            "what": "Sam, my PA",
            "who": "Sam",
            "hours": "12.5",
            "rate": "13.45",
            "every": "week",
            "first_date": period.first.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = RepeatingLine.objects.get()
    assert line.amount_pence == 16813  # 12.5 x £13.45 = £168.125, half a penny rounds up
    page = text_of(client.get(budget.get_absolute_url()))
    # Four weekly payments in a four-week period: 4 x £168.13 out of £1,150.
    assert "You have £477.48 left this four weeks." in page
    assert "£168.13 a week (12.5 hours at £13.45 an hour)" in page


def test_missing_hours_for_a_pa_are_asked_for(client, holder):
    budget = make_budget(holder)
    client.force_login(holder)
    response = client.post(
        reverse("mybudget:repeating_new", args=[budget.pk]),
        {
            "kind": "pa_hours",
            "what": "Sam",
            "rate": "13",
            "every": "week",
            "first_date": budget.start_date.isoformat(),
        },
    )
    assert "Enter how many hours each time" in response.content.decode()
    assert not RepeatingLine.objects.exists()


def test_money_building_up_gets_a_gentle_note_linking_the_guides(client, holder):
    today = timezone.localdate()
    budget = make_budget(holder, start_date=today - datetime.timedelta(days=40))
    client.force_login(holder)
    page = text_of(client.get(budget.get_absolute_url()))
    # Nothing spent in the first four weeks: all £1,150 was carried in.
    assert "There is an underspend of £1,150." in page
    assert "a peer buddy who has been there" in page


def statement_numbers(client, budget, first, last):
    query = {"start": first.isoformat(), "end": last.isoformat()}
    pdf = client.get(reverse("mybudget:statement_pdf", args=[budget.pk]), query)
    csv_response = client.get(reverse("mybudget:statement_csv", args=[budget.pk]), query)
    page = client.get(reverse("mybudget:statement", args=[budget.pk]), query)
    return pdf, csv_response, page


def test_the_statement_pdf_is_tagged_and_its_totals_match_the_csv_and_the_page(client, holder):
    today = timezone.localdate()
    budget = make_budget(holder, start_date=today - datetime.timedelta(days=60))
    client.force_login(holder)
    for day, amount, outcome in [
        (50, "54.50", "See friends"),
        (20, "120", "Stay well"),
        (5, "33.33", "See friends"),
    ]:
        client.post(
            reverse("mybudget:line_new", args=[budget.pk]),
            {
                **line_data(
                    on=(today - datetime.timedelta(days=day)).isoformat(),
                    amount=amount,
                    outcome=outcome,
                ),
                "receipt": png_upload(),
            },
        )
    client.post(
        reverse("mybudget:line_new", args=[budget.pk]),
        line_data(direction="in", amount="10", what="Refund", outcome=""),
    )
    first, last = budget.start_date, today
    pdf, csv_response, page = statement_numbers(client, budget, first, last)

    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert len(reader.attachments) == 3  # every receipt is attached
    pdf_text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    # In: 3 budget payments (60 days: days 0, 28, 56) + £10 refund; out: £207.83.
    assert "Money in £3,460" in pdf_text and "Money out £207.83" in pdf_text
    assert "Balance at the end £3,252.17" in pdf_text
    assert "See friends £87.83" in pdf_text and "Stay well £120" in pdf_text

    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    lines = rows[2:-1]
    money_in = sum(float(r[5]) for r in lines if r[5])
    money_out = sum(float(r[6]) for r in lines if r[6])
    assert round(money_in, 2) == 3460.00 and round(money_out, 2) == 207.83
    assert rows[-1][3:] == ["Totals", "", "3460.00", "207.83", "3252.17"]
    assert float(rows[-2][7]) == 3252.17  # the running balance ends on the closing balance
    assert "Balance at the end £3,252.17" in text_of(page)


def test_a_statement_for_an_impossible_range_says_so(client, holder):
    budget = make_budget(holder)
    client.force_login(holder)
    response = client.get(
        reverse("mybudget:statement", args=[budget.pk]),
        {"start": "2026-12-01", "end": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "can't be before its start" in response.content.decode().replace("&#x27;", "'")


def every_page(budget, line, timeline):
    yield reverse("mybudget:budget", args=[budget.pk])
    yield reverse("mybudget:budget_edit", args=[budget.pk])
    yield reverse("mybudget:line_new", args=[budget.pk])
    yield reverse("mybudget:receipt", args=[budget.pk, line.pk])
    yield reverse("mybudget:repeating_new", args=[budget.pk])
    yield reverse("mybudget:statement", args=[budget.pk])
    yield reverse("mybudget:statement_pdf", args=[budget.pk])
    yield reverse("mybudget:statement_csv", args=[budget.pk])
    yield reverse("mybudget:timeline", args=[timeline.pk])
    yield reverse("mybudget:letter", args=[timeline.pk, "chase"])
    yield reverse("mybudget:letter_pdf", args=[timeline.pk, "complaint"])


@pytest.mark.parametrize("who", ["member", "moderator", "staff", "superuser"])
def test_every_page_is_not_found_to_anyone_without_access_staff_included(client, holder, who):
    budget = make_budget(holder)
    line = SpendingLine.objects.create(
        budget=budget, on=budget.start_date, direction="out", what="x", amount_pence=100
    )
    line.receipt.save("r.png", png_upload(), save=True)
    timeline = Timeline.objects.create(owner=holder, kind="application", title="Assessment")
    other = {
        "member": lambda: make_user("Other Person"),
        "moderator": lambda: make_user("Jo Mod", role=Role.MODERATOR),
        "staff": lambda: make_user("Staff Person", is_staff=True),
        "superuser": lambda: make_user("Site Admin", is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(other)
    for url in every_page(budget, line, timeline):
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("mybudget:line_new", args=[budget.pk]),
        reverse("mybudget:line_delete", args=[budget.pk, line.pk]),
        reverse("mybudget:timeline", args=[timeline.pk]),
    ]
    for url in posts:
        assert client.post(url, line_data()).status_code == 404, url
    assert SpendingLine.objects.count() == 1
    client.force_login(holder)
    for url in every_page(budget, line, timeline):
        assert client.get(url).status_code == 200, url


def test_signed_out_visitors_are_sent_to_sign_in(client, holder):
    budget = make_budget(holder)
    response = client.get(budget.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_budget_is_in_the_signed_in_navigation(client, holder):
    client.force_login(holder)
    assert 'href="/my-budget/"' in client.get("/notifications/").content.decode()
    client.logout()
    assert 'href="/my-budget/"' not in client.get("/accounts/login/").content.decode()


def test_nothing_of_it_reaches_search(client, holder):
    from django.contrib.auth.models import AnonymousUser

    from search.site import SiteSearchResults

    budget = make_budget(holder, name="Zorblaxian budget")
    SpendingLine.objects.create(
        budget=budget, on=budget.start_date, direction="out", what="Zorblaxian", amount_pence=1
    )
    Stage.objects.create(
        timeline=Timeline.objects.create(owner=holder, kind="review", title="Zorblaxian review"),
        code="review_due",
    )
    for user in (holder, AnonymousUser()):
        assert SiteSearchResults("Zorblaxian", user).total == 0


def test_a_statement_to_the_year_9999_is_cut_to_ten_years_not_computed_for_ever(client, holder):
    budget = make_budget(holder, every="week")
    client.force_login(holder)
    response = client.get(
        reverse("mybudget:statement_csv", args=[budget.pk]), {"end": "9999-12-31"}
    )
    assert response.status_code == 200
    last_day = list(csv.reader(io.StringIO(response.content.decode())))[-1][0]
    assert datetime.date.fromisoformat(last_day) < datetime.date(2040, 1, 1)


def test_a_budgets_lines_are_read_as_the_entries_each_line_gives(holder):
    """Budget.entries reads lines as plain values (SpendingLine.entries_of): the same entries,
    in the same order, as each line's own ``entry()``, a receipt and a money-in line too."""
    budget = make_budget(holder)
    today = timezone.localdate()
    kept = SpendingLine(budget=budget, on=today, direction="out", what="Gym", amount_pence=900)
    kept.receipt.save("receipt.png", png_upload(), save=False)
    kept.save()
    SpendingLine.objects.create(
        budget=budget, on=today, direction="in", who="Council", what="Top-up", amount_pence=5000
    )
    SpendingLine.objects.create(
        budget=budget,
        on=today - datetime.timedelta(days=3),
        what="Taxi",
        amount_pence=1250,
        direction="out",
        outcome="Get out more",
    )
    lines = budget.lines.all()
    assert SpendingLine.entries_of(lines) == [line.entry() for line in lines]
    assert [entry.receipt for entry in SpendingLine.entries_of(lines)] == [False, True, False]


def test_a_budgets_entries_read_by_built_sql_are_the_ones_its_relations_give(holder):
    """Budget.entries reads every line of the budget by SQL built once per process and keeps
    those from lo to hi; its regular payments likewise: the same entries as the lines and
    regular payments the ORM gives between those days, another budget's left out."""
    from django.http import Http404

    from mybudget import access

    budget, other = make_budget(holder), make_budget(holder, name="Other")
    today = timezone.localdate()
    for days, what in [(-30, "Before"), (-5, "Taxi"), (0, "Gym"), (0, "Tea"), (40, "After")]:
        SpendingLine.objects.create(
            budget=budget,
            on=today + datetime.timedelta(days=days),
            direction="out",
            what=what,
            amount_pence=100,
        )
    SpendingLine.objects.create(
        budget=other, on=today, direction="out", what="Not this one", amount_pence=1
    )
    for first, what in [(3, "Later PA"), (-8, "PA hours")]:
        RepeatingLine.objects.create(
            budget=budget,
            kind="other",
            what=what,
            amount_pence=700,
            every="week",
            first_date=today + datetime.timedelta(days=first),
        )
    lo, hi = today - datetime.timedelta(days=10), today + datetime.timedelta(days=20)
    regular = list(budget.repeating_lines.all())
    assert [line.pk for line in budget.regular_payments()] == [line.pk for line in regular]
    expected = [entry for entry in budget.entries(lo, hi) if not entry.repeating]
    in_range = budget.lines.filter(on__gte=lo, on__lte=hi)
    paid_in = [entry for entry in expected if entry.what == "Budget paid in"]
    assert expected == paid_in + [line.entry() for line in in_range]
    assert [entry.what for entry in expected if entry not in paid_in] == ["Tea", "Gym", "Taxi"]
    repeating = [entry for entry in budget.entries(lo, hi, regular) if entry.repeating]
    assert repeating == [entry for line in regular for entry in line.entries(lo, hi)]
    assert [entry.what for entry in repeating][:1] == ["PA hours"]
    assert other.regular_payments() == []
    # A person's own budget is found by its id and owner, another's is not.
    assert access.budget_or_404(holder, budget.pk) == budget
    with pytest.raises(Http404):
        access.budget_or_404(make_user("Stranger"), budget.pk)


def test_the_earlier_periods_rows_are_the_template_loops_html_in_each_language():
    """views._earlier_rows writes what budget.html's loop over earlier periods wrote."""
    from django.template import engines
    from django.utils import translation

    from mybudget import rules, views

    loop = engines["django"].from_string(
        "{% load i18n components %}"
        '{% url "mybudget:statement" 7 as statement_url %}'
        '{% translate "j M" as first_format %}{% translate "j M Y" as last_format %}'
        '{% for period in earlier %}<tr><th scope="row"><a href="{{ statement_url }}?start='
        "{{ period.first|date:'Y-m-d' }}&amp;end={{ period.last|date:'Y-m-d' }}\">"
        "{% blocktranslate trimmed with first=period.first|date:first_format "
        "last=period.last|date:last_format %}{{ first }} to {{ last }}{% endblocktranslate %}"
        "</a></th><td>{{ period.money_in|money }}</td><td>{{ period.money_out|money }}</td>"
        "<td>{{ period.closing|money }}</td></tr>{% endfor %}"
    )
    day = datetime.date(2026, 1, 5)
    earlier = [
        rules.Summary(
            first=day + datetime.timedelta(days=28 * n),
            last=day + datetime.timedelta(days=28 * n + 27),
            opening=-5 + 99999 * n,
            money_in=115000 * n,
            money_out=123456 - 1000 * n,
        )
        for n in range(13)
    ]
    for language in ("en-gb", "pl"):
        with translation.override(language):
            for periods in (earlier, earlier[:1], []):
                assert views._earlier_rows(periods, 7) == loop.render({"earlier": periods})
