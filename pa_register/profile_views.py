"""The PA's own profile: making and changing it, confirming it is still right, pausing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted

from . import freshness
from .models import PAProfile
from .profile_forms import PAProfileForm
from .views import REGISTER_CRUMBS, own_profile, require_pa


@login_required
def edit_profile(request):
    require_pa(request.user)
    profile = PAProfile.objects.filter(user=request.user).first()
    form = PAProfileForm(
        posted(request),
        request.FILES or None,
        instance=profile or PAProfile(user=request.user),
    )
    saved = request.method == "POST" and form.is_valid() and save_unless_changed(form)
    if saved:
        messages.success(request, _("Your PA profile is saved."))
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "pa_register/profile_form.html",
        {"form": form, "profile": profile, "crumbs": REGISTER_CRUMBS},
    )


@login_required
@require_POST
def confirm_profile(request):
    profile = own_profile(request.user)
    freshness.confirm(profile)
    messages.success(request, _("Thank you. Your profile shows as up to date."))
    return redirect(profile.get_absolute_url())


@login_required
@require_POST
def pause_profile(request):
    profile = own_profile(request.user)
    profile.paused = not profile.paused
    profile.save(update_fields=["paused"])
    messages.success(
        request,
        "Your profile is paused. Nobody can find it until you turn it back on."
        if profile.paused
        else "Your profile is back on the register.",
    )
    return redirect(profile.get_absolute_url())
