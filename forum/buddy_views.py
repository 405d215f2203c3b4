"""Peer buddy pages: the buddies' home, applying, asking for a buddy, and answering a request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from pbsite.forms import posted
from pbsite.pagination import paginate
from pbsite.request_parsing import id_param

from . import buddies
from .forms import BuddyProfileForm, BuddyRequestForm
from .models import BuddyPairing, BuddyProfile, BuddyRequest, PairingStatus, Topic


def buddy_home(request):
    context = {"profile": None, "is_buddy": False, "requests": [], "pairings": []}
    if request.user.is_authenticated:
        profile = BuddyProfile.objects.filter(user=request.user).first()
        context.update(
            profile=profile,
            is_buddy=profile is not None and profile.is_approved,
            requests=BuddyRequest.objects.filter(newcomer=request.user),
            pairings=BuddyPairing.objects.filter(buddy=request.user)
            .exclude(status=PairingStatus.DECLINED)
            .select_related("request__newcomer"),
        )
    return render(request, "forum/buddies/home.html", context)


@login_required
def buddy_apply(request):
    profile = BuddyProfile.objects.filter(user=request.user).first()
    form = BuddyProfileForm(posted(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.user = request.user
        saved.save()
        form.save_m2m()
        messages.success(
            request,
            _(
                "Thank you. A moderator will read your answers and get back to you, usually within "
                "a week."
            ),
        )
        return HttpResponseRedirect("/forum/buddies/")
    return render(request, "forum/buddies/apply.html", {"form": form, "profile": profile})


@login_required
def unanswered(request):
    """Questions with no replies yet, in the categories this buddy chose."""
    profile = get_object_or_404(BuddyProfile, user=request.user)
    topics = Topic.objects.public().filter(reply_count=0).select_related("category", "author")
    chosen = list(profile.categories.all())
    if chosen:
        topics = topics.filter(category__in=chosen)
    page = paginate(request, topics.order_by("-created"), per_page=25)
    return render(request, "forum/buddies/unanswered.html", {"page": page, "chosen": chosen})


@login_required
def ask_for_buddy(request):
    form = BuddyRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        buddy_request = form.save(commit=False)
        buddy_request.newcomer = request.user
        buddy_request.save()
        return HttpResponseRedirect(buddy_request.get_absolute_url())
    return render(request, "forum/buddies/ask.html", {"form": form})


@login_required
def request_detail(request, pk):
    """The newcomer's page: who might suit them, and how their current request is going."""
    buddy_request = get_object_or_404(BuddyRequest, pk=pk, newcomer=request.user)
    if request.method == "POST":
        _choose_or_end(request, buddy_request)
        return HttpResponseRedirect(buddy_request.get_absolute_url())
    current = buddies.current_pairing(buddy_request)
    return render(
        request,
        "forum/buddies/request.html",
        {
            "buddy_request": buddy_request,
            "current": current,
            "suggestions": [] if current else buddies.suggestions(buddy_request),
            "past": buddy_request.pairings.exclude(pk=current.pk if current else None),
        },
    )


def _choose_or_end(request, buddy_request) -> None:
    try:
        if request.POST.get("action") == "someone-else":
            current = buddies.current_pairing(buddy_request)
            if current is not None:
                buddies.end(current, request.user)
                messages.success(request, _("Done. You can choose someone else below."))
            return
        chosen = id_param(request.POST, "buddy")
        buddy_user = get_user_model().objects.filter(pk=chosen).first() if chosen else None
        if buddy_user is None:
            messages.error(request, _("Choose one of the buddies below."))
            return
        buddies.offer(buddy_request, buddy_user)
        messages.success(
            request,
            _("We have asked %(name)s. We will tell you when they answer.")
            % {"name": buddy_user.public_name},
        )
    except buddies.BuddyError as error:
        messages.error(request, str(error))


def _pairing_for(user, pk) -> BuddyPairing:
    pairing = get_object_or_404(
        BuddyPairing.objects.select_related("request__newcomer", "buddy", "conversation"), pk=pk
    )
    if user.pk not in (pairing.buddy_id, pairing.request.newcomer_id):
        raise Http404
    return pairing


@login_required
def pairing_detail(request, pk):
    pairing = _pairing_for(request.user, pk)
    return render(
        request,
        "forum/buddies/pairing.html",
        {"pairing": pairing, "is_buddy_side": pairing.buddy_id == request.user.pk},
    )


@login_required
@require_POST
def pairing_answer(request, pk):
    pairing = _pairing_for(request.user, pk)
    action = request.POST.get("action")
    actions = {"accept": buddies.accept, "decline": buddies.decline, "end": buddies.end}
    if action not in actions:
        messages.error(request, _("Choose one of the buttons."))
        return HttpResponseRedirect(pairing.get_absolute_url())
    try:
        actions[action](pairing, request.user)
    except buddies.BuddyError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(pairing.get_absolute_url())
    if action == "accept":
        messages.success(request, _("Thank you. Say hello: your conversation is below."))
        return HttpResponseRedirect(pairing.conversation.get_absolute_url())
    said = {"decline": "That's fine. We have let them know.", "end": "The pairing has ended."}
    messages.success(request, said[action])
    return HttpResponseRedirect("/forum/buddies/")
