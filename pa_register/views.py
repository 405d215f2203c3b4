"""PA register pages. The rules live in finding, matching, freshness, checks and adverts."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Role
from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted
from pbsite.pagination import paginate
from pbsite.request_parsing import whole_number

from . import adverts, checks, endorsements, finding, freshness, saved_searches
from .filters import AdvertFilter, PAFilter
from .forms import (
    AdvertForm,
    CheckForm,
    ContactForm,
    EndorsementForm,
    PAProfileForm,
    ReplyForm,
    SaveSearchForm,
)
from .groups import GROUP_PARAM, advert_groups
from .models import (
    Advert,
    AdvertResponse,
    Check,
    Endorsement,
    PAProfile,
    SavedSearch,
    WorkedTogether,
)

PER_PAGE = 20


# The find page has the rate box, so its note points at it; other pages must not.
FIND_RATE_NOTE = _(
    "Many personal budgets pay a fixed hourly rate. Ask your council or support planner what "
    "yours is, and put it in “Most you can pay an hour” in the search form to see PAs who can "
    "work for it."
)
RATE_NOTE = _(
    "Many personal budgets pay a fixed hourly rate, set by the council. If you have a budget, "
    "ask your council or support planner what yours is, and talk about it before work starts."
)
REGISTER_CRUMBS = [("Find a PA", "/register/")]


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Find a PA --------------------------------------------------------------------------------


def find_pa(request):
    pa_filter = PAFilter(request.GET, queryset=PAProfile.objects.listed())
    pa_filter.form.is_valid()
    ranked = finding.search(pa_filter) if not pa_filter.form.errors else []
    page = paginate(request, ranked, per_page=PER_PAGE)
    return render(
        request,
        "pa_register/find.html",
        {
            "filter": pa_filter,
            "form": pa_filter.form,
            "page": page,
            "results": finding.load_results(page.object_list),
            "total": page.paginator.count,
            "query": _query_without_page(request),
            "rate_note": FIND_RATE_NOTE,
            "searched": bool(request.GET),
            "save_form": SaveSearchForm(initial={"query": _query_without_page(request)}),
        },
    )


def _profile_for(user, pk) -> PAProfile:
    queryset = PAProfile.objects.visible_to(user).select_related("user")
    profile = get_object_or_404(
        queryset.prefetch_related(
            "skills", Prefetch("checks", queryset=Check.objects.order_by("kind", "-dated"))
        ),
        pk=pk,
    )
    return finding.describe_profile(profile)


def profile_detail(request, pk):
    profile = _profile_for(request.user, pk)
    user = request.user
    is_owner = user.is_authenticated and user.pk == profile.user_id
    return render(
        request,
        "pa_register/profile.html",
        {
            "profile": profile,
            "is_owner": is_owner,
            "rate_note": RATE_NOTE,
            "crumbs": REGISTER_CRUMBS,
            "endorsements": endorsements.shown_for(profile),
            "reply_form": ReplyForm() if is_owner else None,
            "to_confirm": profile.work_links.filter(pa_confirmed_at__isnull=True).select_related(
                "holder"
            )
            if is_owner
            else [],
            "my_work_link": WorkedTogether.objects.filter(holder=user, profile=profile)
            .select_related("endorsement")
            .first()
            if user.is_authenticated and not is_owner
            else None,
            "have_talked": user.is_authenticated
            and not is_owner
            and endorsements.have_talked(user, profile),
        },
    )


@login_required
def contact_pa(request, pk):
    from forum.conversations import ConversationError, start_conversation

    profile = _profile_for(request.user, pk)
    if profile.user_id == request.user.pk:
        raise Http404
    form = ContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            topic = start_conversation(
                request.user,
                [profile.user],
                f"Asking {profile.display_name} about PA work",
                form.message(),
            )
        except ConversationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Your message has gone to {profile.display_name}.")
            return redirect(topic.get_absolute_url())
    return render(
        request,
        "pa_register/contact.html",
        {
            "profile": profile,
            "form": form,
            "crumbs": [*REGISTER_CRUMBS, (profile.display_name, profile.get_absolute_url())],
        },
    )


# --- The PA's own profile ---------------------------------------------------------------------


def _require_pa(user):
    if not (user.is_superuser or user.has_role(Role.PA)):
        raise PermissionDenied(
            "Only personal assistants can make a PA profile. If you are a PA, contact us and "
            "we will change your account."
        )


@login_required
def edit_profile(request):
    _require_pa(request.user)
    profile = PAProfile.objects.filter(user=request.user).first()
    form = PAProfileForm(
        posted(request),
        request.FILES or None,
        instance=profile or PAProfile(user=request.user),
    )
    saved = request.method == "POST" and form.is_valid() and save_unless_changed(form)
    if saved:
        messages.success(request, "Your PA profile is saved.")
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "pa_register/profile_form.html",
        {"form": form, "profile": profile, "crumbs": REGISTER_CRUMBS},
    )


def _own_profile(user) -> PAProfile:
    return get_object_or_404(PAProfile, user=user)


@login_required
@require_POST
def confirm_profile(request):
    profile = _own_profile(request.user)
    freshness.confirm(profile)
    messages.success(request, "Thank you. Your profile shows as up to date.")
    return redirect(profile.get_absolute_url())


@login_required
@require_POST
def pause_profile(request):
    profile = _own_profile(request.user)
    profile.paused = not profile.paused
    profile.save(update_fields=["paused"])
    messages.success(
        request,
        "Your profile is paused. Nobody can find it until you turn it back on."
        if profile.paused
        else "Your profile is back on the register.",
    )
    return redirect(profile.get_absolute_url())


@login_required
def my_checks(request):
    profile = _own_profile(request.user)
    form = CheckForm(posted(request), request.FILES or None, instance=Check(profile=profile))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Check added. A moderator will look at it soon.")
        return redirect("pa_register:my_checks")
    finding.describe_profile(profile)
    return render(
        request,
        "pa_register/checks.html",
        {
            "profile": profile,
            "checks": list(zip(profile.checks.all(), profile.check_lines, strict=True)),
            "form": form,
            "crumbs": [*REGISTER_CRUMBS, ("Your profile", profile.get_absolute_url())],
        },
    )


@login_required
def edit_check(request, pk):
    check = get_object_or_404(Check, pk=pk, profile__user=request.user)
    before = {name: getattr(check, name) for name in checks.VOUCHED_FIELDS}
    form = CheckForm(posted(request), request.FILES or None, instance=check)
    if request.method == "POST" and "delete" in request.POST:
        check.delete()
        messages.success(request, "Check removed.")
        return redirect("pa_register:my_checks")
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        if checks.changed_since_verified(before, changed):
            changed.verified_at, changed.verified_by = None, None
        changed.save()
        messages.success(request, "Check saved. A moderator will look at it again.")
        return redirect("pa_register:my_checks")
    return render(
        request,
        "pa_register/check_form.html",
        {
            "form": form,
            "check": check,
            "crumbs": [*REGISTER_CRUMBS, ("Your checks", reverse("pa_register:my_checks"))],
        },
    )


@login_required
def check_evidence(request, pk):
    """Evidence goes only to the PA and moderators; to anyone else it does not exist."""
    check = get_object_or_404(Check.objects.select_related("profile"), pk=pk)
    allowed = request.user.pk == check.profile.user_id or checks.is_moderator(request.user)
    if not allowed or not check.evidence:
        raise Http404
    content_type = mimetypes.guess_type(check.evidence.name)[0] or "application/octet-stream"
    response = FileResponse(check.evidence.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "attachment"
    response["Cache-Control"] = "private, no-store"
    return response


def _require_moderator(user):
    if not checks.is_moderator(user):
        raise Http404


@login_required
def check_queue(request):
    _require_moderator(request.user)
    waiting = Check.objects.filter(verified_at__isnull=True).select_related("profile__user")
    page = paginate(request, waiting.order_by("created"), per_page=30)
    return render(request, "pa_register/check_queue.html", {"page": page})


@login_required
@require_POST
def verify_check(request, pk):
    _require_moderator(request.user)
    check = get_object_or_404(Check, pk=pk)
    checks.verify(check, request.user)
    messages.success(request, f"Marked “{check.name}” for {check.profile} as checked.")
    return redirect("pa_register:check_queue")


# --- "PA wanted" adverts ----------------------------------------------------------------------

WANTED_CRUMBS = [("Find a PA", "/register/"), ("PA wanted", "/register/wanted/")]


def advert_list(request):
    advert_filter = AdvertFilter(request.GET, queryset=Advert.objects.open().with_groups())
    advert_filter.form.is_valid()
    adverts_qs = advert_filter.qs if not advert_filter.form.errors else Advert.objects.none()
    page = paginate(request, adverts_qs.prefetch_related("skills"), per_page=PER_PAGE)
    return render(
        request,
        "pa_register/advert_list.html",
        {
            "filter": advert_filter,
            "form": advert_filter.form,
            "page": page,
            "query": _query_without_page(request),
            "can_post": adverts.can_post_adverts(request.user),
            "rate_note": RATE_NOTE,
            "crumbs": REGISTER_CRUMBS,
        },
    )


def _advert_for(user, pk) -> Advert:
    return get_object_or_404(
        Advert.objects.visible_to(user).select_related("author").prefetch_related("skills"), pk=pk
    )


def advert_detail(request, pk):
    advert = _advert_for(request.user, pk)
    user = request.user
    profile = PAProfile.objects.filter(user=user).first() if user.is_authenticated else None
    my_response = (
        AdvertResponse.objects.filter(advert=advert, profile=profile).first() if profile else None
    )
    is_author = user.is_authenticated and user.pk == advert.author_id
    responders = adverts.responders(advert) if is_author else []
    return render(
        request,
        "pa_register/advert.html",
        {
            "advert": advert,
            "is_author": is_author,
            "profile": profile,
            "my_response": my_response,
            "responders": responders,
            "reach_more": reach_more(advert)
            if is_author and not responders and advert.is_open
            else None,
            "group_note": adverts.group_note(advert),
            "rate_note": RATE_NOTE,
            "crumbs": WANTED_CRUMBS,
        },
    )


GROUP_GONE = (
    "We could not post this advert for the group: the group has closed, or you no longer "
    "coordinate it. Your advert is below as you typed it. Save it again to post it as your own."
)


def _advertising_pool(request):
    """The group a new advert is for (``?pool=``), and whether one was asked for that the
    person cannot advertise for (not theirs to coordinate, closed, or made up)."""
    raw = request.POST.get(GROUP_PARAM) or request.GET.get(GROUP_PARAM)
    if not raw:
        return None, False
    group_id = whole_number(raw, low=1)
    group = advert_groups.for_advertising(request.user, group_id) if group_id else None
    return group, group is None


def _told_message(told: int) -> str:
    if not told:
        return gettext_now(
            "Your advert is up. No PA on the register fits it yet, so we have not told anyone "
            "yet. Below are ways to reach more PAs."
        )
    return ngettext(
        "Your advert is up. We told %(count)d PA whose profile fits.",
        "Your advert is up. We told %(count)d PAs whose profile fits.",
        told,
    ) % {"count": told}


def reach_more(advert: Advert) -> dict:
    """Links for an advert nobody has answered: search the register (and save the search) for
    what it asks, in its area, and ask in the forum."""
    search = urlencode({"where": advert.district, "kinds": advert.kinds}, doseq=True)
    everywhere = urlencode({"kinds": advert.kinds}, doseq=True)
    return {
        "search_url": f"{reverse('pa_register:find')}?{search}",
        "nearby_url": f"{reverse('pa_register:find')}?{everywhere}",
        "forum_url": reverse("forum:new_topic"),
        "edit_url": reverse("pa_register:advert_edit", args=[advert.pk]),
        "fits": len(adverts.matching_profiles(advert)),
    }


@login_required
def advert_form(request, pk=None):
    initial, group_gone = {}, False
    if pk is None:
        if not adverts.can_post_adverts(request.user):
            raise PermissionDenied(
                "Only budget holders and family carers can post a PA wanted advert."
            )
        pool, group_gone = _advertising_pool(request)
        if group_gone and request.method != "POST":
            raise Http404
        advert = Advert(author=request.user, group=pool)
        initial = advert_groups.initial(pool)
    else:
        advert = get_object_or_404(Advert, pk=pk, author=request.user)
    form = AdvertForm(posted(request), instance=advert, initial=initial)
    valid = request.method == "POST" and form.is_valid()
    is_new = advert.pk is None
    if group_gone:
        # Whatever they typed stays on the page; only the link to the group is dropped.
        form.add_error(None, GROUP_GONE)
    elif valid and is_new and not adverts.may_post_another(request.user):
        form.add_error(None, adverts.TOO_MANY_ADVERTS)
    elif valid and (saved := save_unless_changed(form)):
        if is_new:
            told = adverts.announce(saved)
            messages.success(request, _told_message(told))
        else:
            messages.success(request, "Your advert is saved.")
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "pa_register/advert_form.html",
        {
            "form": form,
            "advert": advert,
            "group_note": (
                f"This advert is for your group, {advert.group}. PAs who reply reach every "
                "member, and each of you employs the PA for your own hours."
                if not advert.pk and advert.group
                else ""
            ),
            "crumbs": WANTED_CRUMBS,
        },
    )


@login_required
@require_POST
def advert_close(request, pk):
    advert = get_object_or_404(Advert, pk=pk, author=request.user)
    adverts.close(advert, request.user, filled=request.POST.get("filled") == "yes")
    messages.success(request, "Your advert is closed. PAs can no longer reply to it.")
    return redirect(advert.get_absolute_url())


@login_required
@require_POST
def advert_respond(request, pk):
    from forum.conversations import ConversationError

    advert = _advert_for(request.user, pk)
    profile = PAProfile.objects.filter(user=request.user).first()
    if profile is None:
        messages.error(request, "Make your PA profile first, then you can reply to adverts.")
        return redirect("pa_register:edit_profile")
    try:
        response = adverts.respond(advert, profile)
    except (PermissionDenied, ConversationError) as error:
        messages.error(request, str(error) or "You cannot reply to this advert.")
        return redirect(advert.get_absolute_url())
    if getattr(response, "already_sent", False):
        messages.info(request, "You have already said you are interested. You can talk here.")
    else:
        messages.success(request, "We told them you are interested. You can talk here.")
    if response.conversation_id:
        return redirect(response.conversation.get_absolute_url())
    return redirect(advert.get_absolute_url())


@login_required
@require_POST
def advert_shortlist(request, pk, response_pk):
    response = get_object_or_404(
        AdvertResponse, pk=response_pk, advert_id=pk, advert__author=request.user
    )
    adverts.shortlist(response, request.user, on=request.POST.get("on") != "no")
    return redirect(reverse("pa_register:advert", args=[pk]) + "#responses")


# --- Saved searches -----------------------------------------------------------------------------


@login_required
def saved_search_list(request):
    form = SaveSearchForm(posted(request))
    mine = SavedSearch.objects.filter(user=request.user)
    if request.method == "POST" and form.is_valid():
        if mine.count() >= saved_searches.MAX_SAVED:
            form.add_error(None, "You can save 10 searches at most. Remove one first.")
        else:
            saved_searches.save(request.user, form.cleaned_data["query"], form.cleaned_data["name"])
            messages.success(request, "Search saved. We will tell you when a new PA matches it.")
            return redirect("pa_register:saved_searches")
    return render(
        request,
        "pa_register/saved_searches.html",
        {"form": form, "searches": mine, "crumbs": REGISTER_CRUMBS},
    )


@login_required
@require_POST
def saved_search_delete(request, pk):
    get_object_or_404(SavedSearch, pk=pk, user=request.user).delete()
    messages.success(request, "Saved search removed.")
    return redirect("pa_register:saved_searches")


# --- Endorsements -------------------------------------------------------------------------------


@login_required
@require_POST
def worked_together(request, pk):
    profile = _profile_for(request.user, pk)
    try:
        endorsements.confirm_work(request.user, profile)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Thank you. We asked {profile.display_name} to confirm.")
    return redirect(profile.get_absolute_url() + "#endorsements")


@login_required
@require_POST
def confirm_worked_together(request, link_pk):
    link = get_object_or_404(WorkedTogether, pk=link_pk, profile__user=request.user)
    endorsements.confirm_work(request.user, link.profile, link.holder)
    messages.success(request, "Thank you. They can now write an endorsement.")
    return redirect(link.profile.get_absolute_url() + "#endorsements")


@login_required
def endorse(request, pk):
    profile = _profile_for(request.user, pk)
    link = get_object_or_404(WorkedTogether, holder=request.user, profile=profile)
    form = EndorsementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            endorsements.endorse(link, request.user, form.cleaned_data["text"])
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. A moderator will read it, then it will show.")
            return redirect(profile.get_absolute_url() + "#endorsements")
    return render(
        request,
        "pa_register/endorse.html",
        {
            "form": form,
            "profile": profile,
            "link": link,
            "crumbs": [*REGISTER_CRUMBS, (profile.display_name, profile.get_absolute_url())],
        },
    )


@login_required
@require_POST
def endorsement_reply(request, pk):
    endorsement = get_object_or_404(
        Endorsement.objects.select_related("work__profile"), pk=pk, work__profile__user=request.user
    )
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            endorsements.reply(endorsement, request.user, form.cleaned_data["text"])
        except PermissionDenied as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(form.errors.get("text", [])))
    return redirect(endorsement.work.profile.get_absolute_url() + "#endorsements")


@login_required
def endorsement_queue(request):
    _require_moderator(request.user)
    waiting = Endorsement.objects.filter(approved_at__isnull=True, hidden=False).select_related(
        "work__holder", "work__profile__user"
    )
    return render(request, "pa_register/endorsement_queue.html", {"waiting": waiting})


@login_required
@require_POST
def endorsement_approve(request, pk):
    _require_moderator(request.user)
    endorsement = get_object_or_404(Endorsement, pk=pk)
    endorsements.approve(endorsement, request.user)
    messages.success(request, "Endorsement approved. It now shows on the profile.")
    return redirect("pa_register:endorsement_queue")
