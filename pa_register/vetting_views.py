"""Vetting pages: the PA's referees and sharing, the referee's private form, a holder reading
shared references, the code of conduct, and the right-to-work guide. Rules: ``vetting``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pbsite.forms import posted

from . import endorsements, vetting
from .errors import RegisterError
from .models import CodeOfConduct, PAProfile, Reference, ReferenceShare, ReferenceStatus
from .vetting_forms import RefereeForm, ReferenceForm
from .views import REGISTER_CRUMBS, own_profile


def _my_references_url():
    from django.urls import reverse

    return reverse("pa_register:my_references")


@login_required
def my_references(request):
    profile = own_profile(request.user)
    form = RefereeForm(posted(request), profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            vetting.ask_referee(
                profile,
                name=form.cleaned_data["name"],
                relationship=form.cleaned_data["relationship"],
                email=form.cleaned_data["email"],
            )
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("We have emailed %(name)s a private link. We will tell you when they answer.")
                % {"name": form.cleaned_data["name"]},
            )
            return redirect("pa_register:my_references")
    references = list(profile.references.all())
    active = vetting.active_references(profile, references=references)
    shared_with = set(
        ReferenceShare.objects.filter(profile=profile).values_list("holder_id", flat=True)
    )
    return render(
        request,
        "pa_register/my_references.html",
        {
            "profile": profile,
            "form": form,
            "references": references,
            "can_add": len(active) < vetting.REFEREES_WANTED,
            "people": [
                (person, person.pk in shared_with) for person in vetting.talking_to(profile)
            ],
            "days": vetting.REFERENCE_LINK_DAYS,
            "crumbs": [*REGISTER_CRUMBS, (profile.display_name, profile.get_absolute_url())],
        },
    )


@login_required
@require_POST
def remove_referee(request, pk):
    reference = get_object_or_404(Reference, pk=pk, profile__user=request.user)
    name = reference.referee_name
    vetting.remove_referee(reference)
    messages.success(request, _("%(name)s is no longer one of your referees.") % {"name": name})
    return redirect("pa_register:my_references")


@login_required
@require_POST
def share_references(request, user_pk):
    profile = own_profile(request.user)
    holder = get_object_or_404(get_user_model(), pk=user_pk)
    try:
        vetting.share(profile, holder)
    except RegisterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s can now read your references. You can stop this at any time.")
            % {"name": holder.public_name},
        )
    return redirect(_my_references_url() + "#share")


@login_required
@require_POST
def withdraw_references(request, user_pk):
    profile = own_profile(request.user)
    holder = get_object_or_404(get_user_model(), pk=user_pk)
    vetting.withdraw(profile, holder)
    messages.success(
        request,
        _("%(name)s can no longer read your references.") % {"name": holder.public_name},
    )
    return redirect(_my_references_url() + "#share")


@login_required
def read_references(request, pk):
    # Whom the PA may be opened by, as on their profile (``profile_for``: read by its id and
    # checked after), without the skills and checks that page shows: this one names the PA and
    # lists the references. Whether the viewer may read them, from what the profile page reads
    # of the viewer and the PA (one statement built once per process).
    profile = get_object_or_404(PAProfile.objects.select_related("user"), pk=pk)
    if not profile.is_visible_to(request.user):
        raise Http404
    if not vetting.may_read(request.user, profile, endorsements.links_to(profile, request.user)):
        raise Http404
    return render(
        request,
        "pa_register/read_references.html",
        {
            "profile": profile,
            "references": profile.references.filter(status=ReferenceStatus.GIVEN),
            "crumbs": [*REGISTER_CRUMBS, (profile.display_name, profile.get_absolute_url())],
        },
    )


def give_reference(request, token):
    """The referee's private page: no account needed. Every dead link gets a kind page.

    Its address is a secret, so no other site is told it (``Referrer-Policy: same-origin``;
    not ``no-referrer``, which makes browsers send ``Origin: null`` and fail the CSRF check)."""
    reference = vetting.reference_from_token(token)
    state = vetting.state_of(reference)
    if not state.ok:
        response = render(
            request,
            "pa_register/reference_link_dead.html",
            {"why": state.why, "reference": reference},
            status=404 if state.why == "unknown" else 410,
        )
        response["Referrer-Policy"] = "same-origin"
        return response
    form = ReferenceForm(posted(request) if "decline" not in request.POST else None)
    if request.method == "POST":
        try:
            if "decline" in request.POST:
                vetting.decline_reference(reference)
                done = "declined"
            elif form.is_valid():
                vetting.give_reference(reference, form.cleaned_data)
                done = "given"
            else:
                done = ""
        except RegisterError:
            done = "used"
        if done:
            response = render(
                request,
                "pa_register/reference_done.html",
                {"done": done, "pa_name": reference.profile.display_name},
            )
            response["Referrer-Policy"] = "same-origin"
            return response
    response = render(
        request,
        "pa_register/give_reference.html",
        {"form": form, "reference": reference, "pa_name": reference.profile.display_name},
    )
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def code_of_conduct(request):
    """The current code, for anyone to read; a PA who has not accepted it accepts here."""
    code = CodeOfConduct.current()
    profile = None
    if request.user.is_authenticated:
        profile = getattr(request.user, "pa_profile", None)
    if request.method == "POST":
        if profile is None or code is None:
            raise Http404
        try:
            vetting.accept_conduct(profile, code)
        except RegisterError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Thank you for accepting the code of conduct. Your profile can now be found.")
                if profile.is_listed()
                else _("Thank you for accepting the code of conduct."),
            )
            return redirect(profile.get_absolute_url())
    return render(
        request,
        "pa_register/code_of_conduct.html",
        {
            "code": code,
            "profile": profile,
            "needs_acceptance": profile is not None and profile.needs_conduct_acceptance(),
            "crumbs": REGISTER_CRUMBS,
        },
    )


def right_to_work(request):
    return render(request, "pa_register/right_to_work.html", {"crumbs": REGISTER_CRUMBS})


@login_required
@require_POST
def right_to_work_ready(request):
    profile = own_profile(request.user)
    ready = request.POST.get("ready") == "yes"
    vetting.set_right_to_work_ready(profile, ready)
    messages.success(
        request,
        _("Your profile now says you are ready to show your right to work.")
        if ready
        else _("Your profile no longer says you are ready to show your right to work."),
    )
    return redirect(profile.get_absolute_url())
