"""Checks: a PA's own checks and evidence. Moderators verify them in the admin
(``queue_admin.CheckQueueViewSet``)."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pbsite.forms import posted

from . import checks, finding
from .check_forms import CheckForm
from .models import Check
from .views import REGISTER_CRUMBS, own_profile


@login_required
def my_checks(request):
    profile = own_profile(request.user)
    form = CheckForm(posted(request), request.FILES or None, instance=Check(profile=profile))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Check added. A moderator will look at it soon."))
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
        messages.success(request, _("Check removed."))
        return redirect("pa_register:my_checks")
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        if checks.changed_since_verified(before, changed):
            changed.verified_at, changed.verified_by = None, None
        changed.save()
        messages.success(request, _("Check saved. A moderator will look at it again."))
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
