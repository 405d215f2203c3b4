"""Hiring's pages. Everything but the employer's checklist is private: anyone who is not the
holder (or, for an interview, the PA or the supporter) gets a 404, moderators included."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from pa_register.models import Advert, AdvertResponse
from pbsite.calendar import calendar_bytes, calendar_response
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pdf import pdf_response
from pbsite.statements import Statement

from . import rules, services
from .forms import SLOT_FIELDS, DecisionForm, PickForm, ProposeForm, StatusCheckForm, SupporterForm
from .models import Interview, Kit

FORM_FIELDS = "components/form_fields.html"

DOCUMENT_TITLES = {
    rules.JOB_DESCRIPTION: _l("Job description"),
    rules.PERSON_SPECIFICATION: _l("Person specification"),
    rules.INTERVIEW_QUESTIONS: _l("Interview questions"),
    rules.SCORING_SHEET: _l("Scoring sheet"),
    rules.OFFER_LETTER: _l("Offer letter"),
    rules.CONTRACT: _l("Contract of employment: an outline"),
    rules.SERVICE_AGREEMENT: _l("Service agreement: an outline"),
    rules.AGENCY_QUESTIONS: _l("What to ask the agency"),
}


def checklist(request):
    """The employer's checklist and interview safety: anyone may read it."""
    return render(request, "hiring/checklist.html", {"wage": services.living_wage(request)})


@login_required
def index(request):
    adverts = Advert.objects.filter(author=request.user).select_related("hiring_kit")
    interviews = Interview.objects.filter(response__profile__user=request.user).select_related(
        "chosen", "response__advert"
    )
    supporting = Interview.objects.filter(supporter_user=request.user).select_related("chosen")
    return render(
        request,
        "hiring/index.html",
        {"adverts": adverts, "interviews": interviews, "supporting": supporting},
    )


def _own_advert(request, pk) -> Advert:
    """The signed-in person's own advert of this id (404 otherwise), by SQL built once per
    process (``pbsite.statements``): only the two ids vary."""
    if not request.user.is_authenticated:
        raise Http404
    found = _advert_of.objects(advert=pk, author=request.user.pk)
    if not found:
        raise Http404
    return found[0]


_advert_of = Statement(
    lambda advert, author: Advert.objects.filter(pk=advert, author=author), "advert", "author"
)
# A kit's page: its kit and the replies with their interviews, by SQL built once per process
# (building the replies' query, four tables joined, cost more than the rest of the view).
_kit_of = Statement(lambda advert: Kit.objects.filter(advert=advert).order_by("pk")[:1], "advert")
_replies_to = Statement(
    lambda advert: (
        AdvertResponse.objects.filter(advert=advert)
        .select_related("profile__user", "interview__chosen")
        .order_by("created")
    ),
    "advert",
)


def kit(request, pk):
    advert = _own_advert(request, pk)
    found = next(iter(_kit_of.objects(advert=advert.pk)), None)
    if found is None:
        return redirect("hiring:status_check", pk=advert.pk)
    responses = _replies_to.objects(advert=advert.pk)
    return render(
        request,
        "hiring/kit.html",
        {
            "advert": advert,
            "kit": found,
            "documents": [(slug, DOCUMENT_TITLES[slug]) for slug in found.documents],
            "responses": responses,
            "wage": services.living_wage(request),
        },
    )


def status_check(request, pk):
    advert = _own_advert(request, pk)
    existing = Kit.objects.filter(advert=advert).first()
    initial = {"days_per_week": None, "notice_weeks": 1}
    if existing is not None:
        initial = {
            **existing.answers,
            "days_per_week": existing.days_per_week,
            "notice_weeks": existing.notice_weeks,
        }
    form = StatusCheckForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = services.save_kit(
            advert,
            request.user,
            {name: data[name] for name in rules.QUESTION_NAMES},
            days_per_week=data["days_per_week"],
            notice_weeks=data["notice_weeks"],
        )
        messages.success(
            request,
            _("Your kit is ready. It is for: %(status)s.") % {"status": made.get_status_display()},
        )
        return redirect("hiring:kit", pk=advert.pk)
    return render(request, "hiring/status_check.html", {"advert": advert, "form": form})


def _document_context(request, pk, slug) -> dict:
    advert = _own_advert(request, pk)
    found = Kit.objects.filter(advert=advert).first()
    if found is None or slug not in found.documents:
        raise Http404
    wage = services.living_wage(request)
    return {
        "advert": advert,
        "kit": found,
        "slug": slug,
        "title": DOCUMENT_TITLES[slug],
        "doc_template": f"hiring/docs/{slug}.html",
        "questions": services.questions_for(advert),
        "holiday": rules.statutory_holiday(advert.hours_per_week, found.days_per_week),
        "wage": wage,
        "pays_enough": rules.pays_at_least(advert.rate_pence, wage.national_living_wage_pence),
        "skills": list(advert.skills.all()),
        "scores": range(1, 5),
        "pdf_url": reverse("hiring:document_pdf", args=[advert.pk, slug]),
    }


def document(request, pk, slug):
    return render(request, "hiring/document.html", _document_context(request, pk, slug))


def document_pdf(request, pk, slug):
    context = _document_context(request, pk, slug)
    context["for_pdf"] = True
    html = render_to_string("hiring/document_pdf.html", context, request=request)
    return pdf_response(html, request, f"{slug}-advert-{pk}.pdf")


# --- interviews -------------------------------------------------------------------------------


def propose(request, response_pk):
    if not request.user.is_authenticated:
        raise Http404
    response = get_object_or_404(
        AdvertResponse.objects.select_related("advert", "profile__user"),
        pk=response_pk,
        advert__author=request.user,
    )
    existing = Interview.objects.filter(response=response).first()
    initial = {"minutes": "45"}
    if existing is not None:
        initial = {"place": existing.place, "minutes": str(existing.minutes)}
        for name, slot in zip(SLOT_FIELDS, existing.slots.all(), strict=False):
            initial[name] = slot.starts_at
    form = ProposeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.propose(
                response,
                request.user,
                form.cleaned_data["starts"],
                place=form.cleaned_data["place"],
                minutes=int(form.cleaned_data["minutes"]),
            )
        except services.HiringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("We have sent the times. We'll tell you which they pick."))
            return redirect(interview.get_absolute_url())
    return render(
        request,
        "hiring/propose.html",
        {"response": response, "advert": response.advert, "form": form, "existing": existing},
    )


def _interview(request, pk, reads=None) -> tuple[Interview, str]:
    """The interview and the viewer's part in it (not found for anyone without one). ``reads``:
    only these columns of what it joins (``only``), for a page that shows few of them."""
    interviews = Interview.objects.select_related(
        "chosen",
        "response__advert__author",
        "response__profile__user",
        "response__conversation",
        "supporter_user",
        "supporter_service",
    )
    interview = get_object_or_404(interviews.only(*reads) if reads else interviews, pk=pk)
    role = interview.role_of(request.user)
    if not role:
        raise Http404
    return interview, role


#: What an interview's page shows of the nine tables it joins: the interview itself, the
#: advert's title, hours and start date, the holder's, the PA's and a supporter's names, a
#: supporter service's name, the time picked and the conversation it links to. Their whole rows
#: (an advert, a PA's profile, three accounts, a service) cost more to make than the page's
#: other work.
_INTERVIEW_PAGE_READS = [
    *(field.name for field in Interview._meta.concrete_fields),
    "chosen__starts_at",
    "response__advert__title",
    "response__advert__hours_per_week",
    "response__advert__start_date",
    "response__advert__author__display_name",
    "response__advert__author__deleted_at",
    "response__profile__user__display_name",
    "response__profile__user__deleted_at",
    "response__conversation",
    "supporter_user__display_name",
    "supporter_user__deleted_at",
    "supporter_service__name",
]


def interview(request, pk, *, pick_form=None, supporter_form=None, decision_form=None):
    interview, role = _interview(request, pk, reads=_INTERVIEW_PAGE_READS)
    context = {"interview": interview, "role": role, "advert": interview.response.advert}
    if role == "holder":
        initial = {}
        if interview.supporter_user_id:
            initial = {"kind": "member", "member": interview.supporter_user.public_name}
        elif interview.supporter_service_id:
            initial = {"kind": "service", "service": interview.supporter_service_id}
        elif interview.supporter_name:
            initial = {
                "kind": "other",
                "name": interview.supporter_name,
                "email": interview.supporter_email,
            }
        context["supporter_form"] = supporter_form or SupporterForm(initial=initial)
        decision_form = decision_form or DecisionForm(
            initial={
                "hours": interview.response.advert.hours_per_week,
                "start_date": interview.response.advert.start_date,
            }
        )
        context["decision_form"] = decision_form
        if not interview.answered_at:
            context["decision_fields"] = _decision_fields(decision_form)
        context["slots"] = interview.slots.all()
    elif role == "pa":
        context["slots"] = interview.slots.all()
        if not interview.chosen_id:
            context["pick_form"] = pick_form or PickForm(interview=interview)
    return render(request, "hiring/interview.html", context)


def _decision_fields(form: DecisionForm) -> str:
    """The decision form's fields. Before it is sent they show only the advert's hours and
    start date, the same for everyone, so they are rendered once per process for those."""
    context = {"form": form}
    if form.is_bound:
        return render_to_string(FORM_FIELDS, context)
    shows = ("DecisionForm", form.initial["hours"], form.initial["start_date"])
    return render_once(FORM_FIELDS, context, shows=shows)


@require_POST
def pick(request, pk):
    found, role = _interview(request, pk)
    if role != "pa":
        raise Http404
    form = PickForm(request.POST, interview=found)
    if not form.is_valid():
        return interview(request, pk, pick_form=form)
    try:
        if form.cleaned_data["slot"] == "none":
            services.none_suit(found, request.user, form.cleaned_data["note"])
            messages.success(request, _("We have told them. They can offer other times."))
        else:
            services.pick(found, request.user, int(form.cleaned_data["slot"]))
            messages.success(request, _("Booked. Add it to your calendar below."))
    except services.HiringError as error:
        messages.error(request, str(error))
    return redirect(found.get_absolute_url())


@require_POST
def supporter(request, pk):
    found, role = _interview(request, pk)
    if role != "holder":
        raise Http404
    form = SupporterForm(request.POST)
    if not form.is_valid():
        return interview(request, pk, supporter_form=form)
    data = form.cleaned_data
    kind = data["kind"]
    try:
        services.set_supporter(
            found,
            request.user,
            member=data.get("member_user") if kind == "member" else None,
            service=data.get("service") if kind == "service" else None,
            name=data.get("name", "").strip() if kind in ("service", "other") else "",
            email=data.get("email", "") if kind in ("service", "other") else "",
        )
    except services.HiringError as error:
        form.add_error(None, str(error))
        return interview(request, pk, supporter_form=form)
    if found.chosen_id:
        messages.success(request, _("Saved. We have told them the time and place."))
    else:
        messages.success(request, _("Saved. We'll tell them the time and place once it is picked."))
    return redirect(found.get_absolute_url())


@require_POST
def decide(request, pk):
    found, role = _interview(request, pk)
    if role != "holder":
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return interview(request, pk, decision_form=form)
    data = form.cleaned_data
    try:
        services.decide(
            found,
            request.user,
            data["decision"],
            message=data["message"],
            start_date=data["start_date"],
            hours=data["hours"],
        )
    except services.HiringError as error:
        form.add_error(None, str(error))
        return interview(request, pk, decision_form=form)
    messages.success(request, _("Saved. We have told them."))
    return redirect(found.get_absolute_url())


@require_POST
def answer(request, pk):
    found, role = _interview(request, pk)
    if role != "pa":
        raise Http404
    accept = request.POST.get("answer") == "yes"
    try:
        services.answer_offer(found, request.user, accept=accept)
    except services.HiringError as error:
        messages.error(request, str(error))
    else:
        if accept:
            messages.success(request, _("Congratulations. We have told them you said yes."))
        else:
            messages.success(request, _("We have told them, with your thanks."))
    return redirect(found.get_absolute_url())


def calendar_file(request, pk):
    found, role = _interview(request, pk)
    if not found.chosen_id:
        raise Http404
    return calendar_response(calendar_bytes([services.event(found, role)]), "interview.ics")
