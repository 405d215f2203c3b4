"""Endorsements: saying two people worked together, writing one, and the PA's reply. Moderators
approve them in the admin (``queue_admin.EndorsementQueueViewSet``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from pbsite.forms import posted

from . import endorsements
from .endorsement_forms import EndorsementForm, ReplyForm
from .errors import RegisterError, refused_as_403
from .models import Endorsement, WorkedTogether
from .views import REGISTER_CRUMBS, profile_for


@login_required
@require_POST
def worked_together(request, pk):
    profile = profile_for(request.user, pk)
    try:
        endorsements.confirm_work(request.user, profile)
    except RegisterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you. We asked %(name)s to confirm.") % {"name": profile.display_name},
        )
    return redirect(profile.get_absolute_url() + "#endorsements")


@login_required
@require_POST
def confirm_worked_together(request, link_pk):
    link = get_object_or_404(WorkedTogether, pk=link_pk, profile__user=request.user)
    with refused_as_403():
        endorsements.confirm_work(request.user, link.profile, link.holder)
    messages.success(request, _("Thank you. They can now write an endorsement."))
    return redirect(link.profile.get_absolute_url() + "#endorsements")


@login_required
def endorse(request, pk):
    profile = profile_for(request.user, pk)
    link = get_object_or_404(WorkedTogether, holder=request.user, profile=profile)
    form = EndorsementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            endorsements.endorse(link, request.user, form.cleaned_data["text"])
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. A moderator will read it, then it will show."))
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
        except RegisterError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(form.errors.get("text", [])))
    return redirect(endorsement.work.profile.get_absolute_url() + "#endorsements")
