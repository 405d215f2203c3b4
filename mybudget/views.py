"""My budget's pages. Every one is for the record's owner and people they share it with; to
anyone else (staff and moderators too) it does not exist (404)."""

from __future__ import annotations

import base64
import csv
import datetime
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from pbsite import ratelimit
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.money import format_pence, pence_to_pounds
from pbsite.notifications import notify
from pbsite.statements import Statement

from . import access, guides, pool_shares, rules
from .forms import (
    BudgetForm,
    ChooseBudgetForm,
    LineForm,
    RepeatingForm,
    ShareForm,
    StagesForm,
    StatementForm,
    TimelineForm,
)
from .models import (
    Budget,
    PendingPoolShare,
    RepeatingKind,
    RepeatingLine,
    Share,
    SpendingLine,
    Stage,
    Timeline,
)

SHARE_ACTION = "budgetcircle.mybudget.share"
SHARE_ACCEPTED_ACTION = "budgetcircle.mybudget.share_accepted"
SHARE_ENDED_ACTION = "budgetcircle.mybudget.share_ended"
INVITES_PER_DAY = 20
STATEMENT_MOST_DAYS = 3700


def _crumbs(*extra):
    return [(_("My budget"), reverse("mybudget:index")), *extra]


def _today():
    return timezone.localdate()


def _this_period(budget: Budget, today: datetime.date, regular=None) -> dict:
    summaries = budget.period_summaries(today, regular)
    current = summaries[-1]
    carried = current.opening
    return {
        "summary": current,
        "left": current.closing,
        "carried": carried,
        "underspend": rules.underspend(carried, budget.amount_pence),
        "summaries": summaries,
        "started": today >= budget.start_date,
    }


#: My budget's reads of a person's own budgets and the shares offered to or accepted by them,
#: by SQL built once per process (pbsite.statements): the page is read on every visit.
_OWNED_BUDGETS = Statement(lambda owner: Budget.objects.filter(owner_id=owner), "owner")
_SHARES_WITH = Statement(
    lambda person: Share.objects.filter(person_id=person, ended_at__isnull=True), "person"
)


@login_required
def index(request):
    today = _today()
    budgets = _OWNED_BUDGETS.objects(owner=request.user.pk)
    for budget in budgets:
        budget.now = _this_period(budget, today)
    # Shares offered to this person and shares they accepted, in one query; the owners' names
    # are shown for the offers only, read when there are some (there seldom are).
    shares = _SHARES_WITH.objects(person=request.user.pk)
    invitations = [share for share in shares if share.accepted_at is None]
    prefetch_related_objects(invitations, "owner")
    sharing_owners = [share.owner_id for share in shares if share.accepted_at is not None]
    shared_budgets = (
        Budget.objects.filter(owner_id__in=sharing_owners)
        .exclude(owner=request.user)
        .select_related("owner")
        if sharing_owners
        else []
    )
    timelines = Timeline.objects.filter(owner=request.user).prefetch_related("stages")
    for timeline in timelines:
        timeline.late = [s for s in timeline.stage_facts() if rules.overdue(s, today)]
    # Their groups, read when shares are waiting (seldom): not joined into every visit's query.
    pending = list(pool_shares.pending_for(request.user))
    prefetch_related_objects(pending, "membership__pool")
    for item in pending:
        item.form = ChooseBudgetForm(owner=request.user, prefix=f"share{item.pk}")
        item.amount = pool_shares.current_share(item.membership)
    context = {
        "budgets": budgets,
        "shared_budgets": shared_budgets,
        "invitations": invitations,
        "timelines": timelines,
        "pending": pending,
        "today": today,
    }
    return render(request, "mybudget/index.html", context)


@login_required
def budget_new(request):
    form = BudgetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        budget = form.save(commit=False)
        budget.owner = request.user
        budget.save()
        messages.success(request, _("Your budget is set up. Now add what it pays for."))
        return redirect(budget)
    return render(
        request,
        "mybudget/budget_form.html",
        {"form": form, "crumbs": _crumbs()},
    )


@login_required
def budget_edit(request, pk):
    budget = access.own_budget_or_404(request.user, pk)
    form = BudgetForm(posted(request), instance=budget)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(budget)
    return render(
        request,
        "mybudget/budget_form.html",
        {
            "form": form,
            "budget": budget,
            "crumbs": _crumbs((budget.name, budget.get_absolute_url())),
        },
    )


@login_required
def budget(request, pk, line_form=None):
    budget = access.budget_or_404(request.user, pk)
    # Read once for both the period's sums and the list of regular payments.
    regular = budget.regular_payments()
    today = _today()
    now = _this_period(budget, today, regular)
    can_add = access.can_add_lines(request.user, budget.owner_id)
    guide_links = guides.links_for(["underspend", "review_due"])
    line_form = line_form or (LineForm(budget=budget, initial={"on": today}) if can_add else None)
    earlier = list(reversed(now["summaries"][:-1]))[:12]
    context = {
        "budget": budget,
        "now": now,
        "rows": rules.running_balances(now["summary"]),
        "earlier": earlier,
        "earlier_rows": _earlier_rows(earlier, budget.pk),
        "repeating": regular,
        "is_owner": budget.owner_id == request.user.pk,
        "can_add": can_add,
        "line_form": line_form,
        "blank_fields": _blank_line_fields(line_form, today),
        "underspend_guides": guide_links["underspend"],
        "review_guides": guide_links["review_due"] if budget.review_date else [],
        "today": today,
        "crumbs": _crumbs(),
    }
    return render(request, "mybudget/budget.html", context)


def _earlier_rows(earlier: list[rules.Summary], budget_id: int) -> SafeString:
    """The earlier periods' table rows, each linking to its statement: the HTML the template's
    loop wrote (a date, a blocktranslate and a money filter per cell, some 400 calls a row
    through the template engine), written here. The formats and the message are the
    template's own (makemessages found them there: "j M", "j M Y", "%(first)s to %(last)s")."""
    if not earlier:
        return mark_safe("")
    statement_url = reverse("mybudget:statement", args=[budget_id])
    first_format, last_format = _("j M"), _("j M Y")
    first_to_last = _("%(first)s to %(last)s")
    rows = []
    for period in earlier:
        label = first_to_last % {
            "first": conditional_escape(date_format(period.first, first_format)),
            "last": conditional_escape(date_format(period.last, last_format)),
        }
        query = f"?start={period.first.isoformat()}&amp;end={period.last.isoformat()}"
        rows.append(
            f'<tr><th scope="row"><a href="{conditional_escape(statement_url)}{query}">{label}'
            f"</a></th><td>{format_pence(period.money_in)}</td>"
            f"<td>{format_pence(period.money_out)}</td><td>{format_pence(period.closing)}</td></tr>"
        )
    return mark_safe("".join(rows))


def _blank_line_fields(form, today) -> str | None:
    """An empty line form's fields, rendered once per process for the day it starts on: they
    show nothing else, so they are the same for every budget and person. None for a sent form,
    shown again with what was typed and its errors."""
    if form is None or form.is_bound:
        return None
    return render_once(
        "components/form_fields.html", {"form": form}, shows=("mybudget line", today.isoformat())
    )


def _no_longer_shared(request, owner_id, form):
    """The owner stopped sharing while this person was typing: nothing is saved, and they see
    what they typed so they can keep it. To anyone who never had access: not found."""
    if not access.had_access(request.user, owner_id):
        raise Http404
    typed = [
        (field.label, field.value())
        for field in form
        if field.name != "receipt" and field.value() not in (None, "")
    ]
    return render(request, "mybudget/no_longer_shared.html", {"typed": typed}, status=404)


@login_required
def line_new(request, pk):
    budget = Budget.objects.select_related("owner").filter(pk=pk).first()
    if budget is None:
        raise Http404
    if not access.can_add_lines(request.user, budget.owner_id):
        if request.method == "POST":
            form = LineForm(request.POST, budget=budget)
            return _no_longer_shared(request, budget.owner_id, form)
        raise Http404
    form = LineForm(posted(request), request.FILES or None, budget=budget, initial={"on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        line = SpendingLine(
            budget=budget,
            on=data["on"],
            direction=data["direction"],
            who=data["who"],
            what=data["what"],
            amount_pence=data["amount"],
            outcome=data["outcome"],
            added_by=request.user,
        )
        if data.get("receipt"):
            line.receipt.save(data["receipt"].name, data["receipt"], save=False)
        line.save()
        messages.success(
            request,
            _("Added: %(what)s, %(amount)s.")
            % {"what": line.what, "amount": format_pence(line.amount_pence)},
        )
        return redirect(budget)
    if request.method == "POST" and request.POST.get("from") == "budget":
        return budget_view_with_form(request, budget, form)
    return render(
        request,
        "mybudget/line_form.html",
        {
            "form": form,
            "budget": budget,
            "crumbs": _crumbs((budget.name, budget.get_absolute_url())),
        },
    )


def budget_view_with_form(request, budget_obj, form):
    return budget(request, budget_obj.pk, line_form=form)


@login_required
@require_POST
def line_delete(request, pk, line_id):
    budget = access.own_budget_or_404(request.user, pk)
    line = budget.lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    if line.receipt:
        line.receipt.delete(save=False)
    line.delete()
    messages.success(request, _("The line is deleted."))
    return redirect(budget)


@login_required
def receipt(request, pk, line_id):
    budget = access.budget_or_404(request.user, pk)
    line = budget.lines.filter(pk=line_id).exclude(receipt="").first()
    if line is None:
        raise Http404
    content_type = mimetypes.guess_type(line.receipt.name)[0] or "application/octet-stream"
    response = FileResponse(line.receipt.open("rb"), content_type=content_type)
    response["Content-Disposition"] = (
        "inline" if content_type != "application/pdf" else "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def repeating_new(request, pk):
    budget = access.own_budget_or_404(request.user, pk)
    form = RepeatingForm(posted(request), budget=budget, initial={"first_date": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        is_pa = data["kind"] == "pa_hours"
        RepeatingLine.objects.create(
            budget=budget,
            kind=RepeatingKind.PA_HOURS if is_pa else RepeatingKind.OTHER,
            who=data["who"],
            what=data["what"],
            outcome=data["outcome"],
            hours=data["hours"] if is_pa else None,
            rate_pence=data["rate"] if is_pa else None,
            amount_pence=data["amount"],
            every=data["every"],
            first_date=data["first_date"],
            until=data["until"],
        )
        messages.success(
            request,
            _("Added: %(what)s, %(amount)s each time.")
            % {"what": data["what"], "amount": format_pence(data["amount"])},
        )
        return redirect(budget)
    return render(
        request,
        "mybudget/repeating_form.html",
        {
            "form": form,
            "budget": budget,
            "crumbs": _crumbs((budget.name, budget.get_absolute_url())),
        },
    )


@login_required
@require_POST
def repeating_stop(request, pk, line_id):
    budget = access.own_budget_or_404(request.user, pk)
    line = budget.repeating_lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    today = _today()
    if line.first_date > today:
        line.delete()
    else:
        line.until = today
        line.save(update_fields=["until"])
    messages.success(request, _("Stopped. Payments up to today stay in your record."))
    return redirect(budget)


# --- statements -----------------------------------------------------------------------------


def _statement(request, pk):
    budget = access.budget_or_404(request.user, pk)
    form = StatementForm(request.GET or None)
    period = budget.period_on(_today())
    first, last = period.first, period.last
    if form.is_bound and form.is_valid():
        first = form.cleaned_data.get("start") or first
        last = form.cleaned_data.get("end") or last
        if last < first:
            last = first
    first = max(first, budget.start_date)
    # One statement covers ten years at most (a date typed as 9999 would mean every week to it).
    last = min(max(last, first), first + datetime.timedelta(days=STATEMENT_MOST_DAYS))
    summary = budget.summary(first, last)
    receipt_lines = list(
        budget.lines.filter(on__gte=first, on__lte=last).exclude(receipt="").order_by("on", "pk")
    )
    query = f"start={first.isoformat()}&end={last.isoformat()}"
    return {
        "budget": budget,
        "form": form,
        "summary": summary,
        "rows": rules.running_balances(summary),
        "receipt_lines": receipt_lines,
        "query": query,
        "made_on": _today(),
        "crumbs": _crumbs((budget.name, budget.get_absolute_url())),
    }


@login_required
def statement(request, pk):
    return render(request, "mybudget/statement.html", _statement(request, pk))


def _filename(context, extension):
    summary = context["summary"]
    return f"budget-statement-{summary.first.isoformat()}-to-{summary.last.isoformat()}.{extension}"


def _data_uri(line) -> str:
    with line.receipt.open("rb") as stored:
        data = stored.read()
    content_type = mimetypes.guess_type(line.receipt.name)[0] or "image/png"
    return f"data:{content_type};base64,{base64.b64encode(data).decode()}"


@login_required
def statement_pdf(request, pk):
    context = _statement(request, pk)
    for line in context["receipt_lines"]:
        line.picture = None if line.receipt_is_pdf else _data_uri(line)
    html = render_to_string("mybudget/statement_pdf.html", context, request=request)
    import weasyprint  # loads Pango: only the PDFs need it

    attachments = []
    for line in context["receipt_lines"]:
        with line.receipt.open("rb") as stored:
            extension = line.receipt.name.rsplit(".", 1)[-1]
            name = f"receipt-{line.on.isoformat()}-{line.pk}.{extension}"
            attachments.append(
                weasyprint.Attachment(string=stored.read(), name=name, description=line.what)
            )
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True, attachments=attachments
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_safe(cell) -> str:
    cell = "" if cell is None else str(cell)
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _pounds(pence: int) -> str:
    return f"{pence_to_pounds(pence):.2f}"


@login_required
def statement_csv(request, pk):
    context = _statement(request, pk)
    summary = context["summary"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(
        ["Date", "In or out", "Who", "What", "Outcome", "Money in", "Money out", "Balance"]
    )
    writer.writerow(
        [
            summary.first.isoformat(),
            "",
            "",
            "Balance carried in",
            "",
            "",
            "",
            _pounds(summary.opening),
        ]
    )
    for entry, balance in context["rows"]:
        is_in = entry.direction == rules.Direction.IN
        writer.writerow(
            [
                _csv_safe(cell)
                for cell in [
                    entry.on.isoformat(),
                    "in" if is_in else "out",
                    entry.who,
                    entry.what,
                    entry.outcome,
                    _pounds(entry.pence) if is_in else "",
                    "" if is_in else _pounds(entry.pence),
                    _pounds(balance),
                ]
            ]
        )
    writer.writerow(
        [
            summary.last.isoformat(),
            "",
            "",
            "Totals",
            "",
            _pounds(summary.money_in),
            _pounds(summary.money_out),
            _pounds(summary.closing),
        ]
    )
    return response


# --- group shares ---------------------------------------------------------------------------


@login_required
@require_POST
def pool_share_choose(request, share_id):
    pending = PendingPoolShare.objects.filter(pk=share_id, owner=request.user).first()
    if pending is None:
        raise Http404
    form = ChooseBudgetForm(request.POST, owner=request.user, prefix=f"share{pending.pk}")
    if not form.is_valid():
        messages.error(
            request, _("Choose the budget your share comes from, then press the button.")
        )
        return redirect("mybudget:index")
    line = pool_shares.add_share(form.cleaned_data["budget"], pending.membership)
    if line is None:
        messages.error(
            request, _("The group can't work out your share at the moment. Try again later.")
        )
        return redirect("mybudget:index")
    messages.success(request, _("Your share is now a repeating line in that budget."))
    return redirect(line.budget)


# --- sharing ---------------------------------------------------------------------------------


@login_required
def sharing(request):
    form = ShareForm(posted(request), owner=request.user)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit("mybudget.invite", request.user.pk, INVITES_PER_DAY, 24 * 3600):
            form.add_error(
                None, _("You have sent a lot of invitations today. Please try again tomorrow.")
            )
        else:
            person = form.person
            Share.objects.filter(owner=request.user, person=person, ended_at__isnull=True).update(
                ended_at=timezone.now()
            )
            share = Share.objects.create(
                owner=request.user,
                person=person,
                role=form.cleaned_data["role"],
                can_add_lines=form.cleaned_data["access"] == "add",
            )
            log(share, SHARE_ACTION, user=request.user, title=str(share))
            notify(
                person,
                "invited you to see their budget record",
                actor=request.user,
                url=reverse("mybudget:index"),
            )
            messages.success(
                request,
                _("We have asked %(name)s. They can see your budget once they accept.")
                % {"name": person.public_name},
            )
            return redirect("mybudget:sharing")
    shares = Share.objects.filter(owner=request.user, ended_at__isnull=True).select_related(
        "person"
    )
    return render(
        request,
        "mybudget/sharing.html",
        {"form": form, "shares": shares, "crumbs": _crumbs()},
    )


@login_required
@require_POST
def share_end(request, share_id):
    """The owner stops sharing, or the other person stops seeing it."""
    share = (
        Share.objects.filter(pk=share_id, ended_at__isnull=True)
        .filter(models_q_owner_or_person(request.user))
        .first()
    )
    if share is None:
        raise Http404
    share.ended_at = timezone.now()
    share.save(update_fields=["ended_at"])
    log(share, SHARE_ENDED_ACTION, user=request.user, title=str(share))
    if share.owner_id == request.user.pk:
        messages.success(
            request,
            _("Stopped. %(name)s can no longer see your budget.")
            % {"name": share.person.public_name},
        )
        return redirect("mybudget:sharing")
    messages.success(request, _("Done. You no longer see that budget."))
    return redirect("mybudget:index")


def models_q_owner_or_person(user):
    from django.db.models import Q

    return Q(owner=user) | Q(person=user)


@login_required
@require_POST
def share_accept(request, share_id):
    share = Share.objects.waiting().filter(pk=share_id, person=request.user).first()
    if share is None:
        raise Http404
    share.accepted_at = timezone.now()
    share.save(update_fields=["accepted_at"])
    log(share, SHARE_ACCEPTED_ACTION, user=request.user, title=str(share))
    messages.success(
        request, _("You can now see %(name)s's budget.") % {"name": share.owner.public_name}
    )
    return redirect("mybudget:index")


# --- timelines -------------------------------------------------------------------------------


@login_required
def timeline_new(request):
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in rules.STAGES else None
    form = TimelineForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        timeline = Timeline.objects.create(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Saved. Now add the dates you know."))
        return redirect(timeline)
    return render(request, "mybudget/timeline_form.html", {"form": form, "crumbs": _crumbs()})


@login_required
def timeline(request, pk):
    timeline = access.timeline_or_404(request.user, pk)
    is_owner = timeline.owner_id == request.user.pk
    today = _today()
    form = StagesForm(posted(request) if is_owner else None, timeline=timeline)
    if request.method == "POST":
        if not is_owner:
            raise Http404
        if form.is_valid():
            _save_stages(timeline, form)
            messages.success(request, _("Saved."))
            return redirect(timeline)
    facts = timeline.stage_facts()
    guide_links = guides.links_for([*(fact.code for fact in facts), "late"])
    stages = [
        {
            "label": rules.stage_label(rules.TimelineKind(timeline.kind), fact.code),
            "fact": fact,
            "late": rules.days_late(fact, today),
            "guides": guide_links[fact.code],
        }
        for fact in facts
    ]
    context = {
        "timeline": timeline,
        "stages": stages,
        "any_late": any(stage["late"] for stage in stages),
        "form": form if is_owner else None,
        "is_owner": is_owner,
        "late_guides": guide_links["late"],
        "crumbs": _crumbs(),
    }
    return render(request, "mybudget/timeline.html", context)


@transaction.atomic
def _save_stages(timeline: Timeline, form: StagesForm) -> None:
    data = form.cleaned_data
    for code, _label in form.stage_rows:
        done, promised, note = data[f"{code}_done"], data[f"{code}_promised"], data[f"{code}_note"]
        stage = Stage.objects.filter(timeline=timeline, code=code).first()
        if stage is None:
            if not (done or promised or note):
                continue
            stage = Stage(timeline=timeline, code=code)
        if stage.promised_by != promised:
            stage.reminded_at = None  # a new promise: tell them again when it passes
        stage.done_on, stage.promised_by, stage.note = done, promised, note
        stage.save()


LETTERS = {"chase": rules.chase_letter, "complaint": rules.complaint_letter}


def _letter(request, pk, kind):
    if kind not in LETTERS:
        raise Http404
    timeline = access.timeline_or_404(request.user, pk)
    facts = timeline.letter_facts(_today())
    return {
        "timeline": timeline,
        "kind": kind,
        "paragraphs": LETTERS[kind](facts),
        "title": _("A letter to chase") if kind == "chase" else _("A complaint letter"),
        "crumbs": _crumbs((timeline.title, timeline.get_absolute_url())),
    }


@login_required
def letter(request, pk, kind):
    return render(request, "mybudget/letter.html", _letter(request, pk, kind))


@login_required
def letter_pdf(request, pk, kind):
    context = _letter(request, pk, kind)
    html = render_to_string("mybudget/letter_pdf.html", context, request=request)
    import weasyprint

    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-letter.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
