"""Adverts ("PA wanted"): the list, one advert, posting and changing one, closing it, and
PAs' replies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pagination import paginate
from pbsite.prefetching import keep_rows
from pbsite.request_parsing import whole_number
from pbsite.statements import Statement

from . import adverts
from .advert_forms import AdvertForm
from .errors import RegisterError, refused_as_403
from .filters import AdvertFilter
from .groups import GROUP_PARAM, advert_groups
from .models import Advert, AdvertResponse, PAProfile, Skill
from .views import PER_PAGE, RATE_NOTE, REGISTER_CRUMBS

WANTED_CRUMBS = [("Find a PA", "/register/"), ("PA wanted", "/register/wanted/")]


def advert_list(request):
    advert_filter = AdvertFilter(request.GET, queryset=Advert.objects.open().with_groups())
    advert_filter.form.is_valid()
    adverts_qs = advert_filter.qs if not advert_filter.form.errors else Advert.objects.none()
    page = paginate(request, adverts_qs, per_page=PER_PAGE)
    return render(
        request,
        "pa_register/advert_list.html",
        {
            "filter": advert_filter,
            "form": advert_filter.form,
            "page": page,
            "cards": advert_cards(page.object_list),
            "can_post": adverts.can_post_adverts(request.user),
            "rate_note": RATE_NOTE,
            "crumbs": REGISTER_CRUMBS,
        },
    )


def advert_cards(page_of_adverts) -> str:
    """The cards of a page of adverts (``_advert_cards.html``), rendered once per process for
    what they show: a dozen cards of translated words, joined lists and cut-short details were
    most of the list's time, and the first page is the same for everyone until an advert
    changes."""
    shown = [_card_shows(advert) for advert in page_of_adverts]
    return render_once(
        "pa_register/_advert_cards.html", {"adverts": page_of_adverts}, shows=tuple(shown)
    )


def _card_shows(advert: Advert) -> tuple:
    """Every value an advert's card shows, as plain strings (translated words included)."""
    return (
        advert.pk,
        advert.title,
        advert.emergency,
        bool(advert.group),
        advert.district,
        tuple(str(kind) for kind in advert.get_kinds_display()),
        str(advert.rate_text),
        tuple(str(words) for words in advert.slot_words()),
        advert.details,
    )


def _advert_for(user, pk) -> Advert:
    """The advert, or 404 if ``user`` may not see it. Read by its id alone and checked after
    (``Advert.is_visible_to``): a simpler query than the visibility filter, and no moderator
    check for an advert that is open or the reader's own. The advert (with its author and
    group) and its skills by SQL built once per process (``pbsite.statements``): building the
    two queries, the skills' a prefetch, cost some 5,000 Python calls, running them a few
    hundred."""
    found = _advert_with_author.objects(advert=pk)
    if not found or not found[0].is_visible_to(user):
        raise Http404
    advert = found[0]
    keep_rows(advert, "skills", _advert_skills.objects(advert=pk))
    return advert


_advert_with_author = Statement(
    lambda advert: Advert.objects.with_groups().select_related("author").filter(pk=advert),
    "advert",
)
# As ``prefetch_related("skills")`` read them: the same join, in the same order.
_advert_skills = Statement(lambda advert: Skill.objects.filter(adverts__in=[advert]), "advert")


def advert_detail(request, pk):
    advert = _advert_for(request.user, pk)
    user = request.user
    is_author = user.is_authenticated and user.pk == advert.author_id
    # Only a PA who is not the author may reply: the author sees the replies instead.
    replying = user.is_authenticated and not is_author
    profile = PAProfile.objects.filter(user=user).first() if replying else None
    my_response = (
        AdvertResponse.objects.filter(advert=advert, profile=profile).first() if profile else None
    )
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
            messages.success(request, _("Your advert is saved."))
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
    with refused_as_403():
        adverts.close(advert, request.user, filled=request.POST.get("filled") == "yes")
    messages.success(request, _("Your advert is closed. PAs can no longer reply to it."))
    return redirect(advert.get_absolute_url())


@login_required
@require_POST
def advert_respond(request, pk):
    from conversations.services import ConversationError

    advert = _advert_for(request.user, pk)
    profile = PAProfile.objects.filter(user=request.user).first()
    if profile is None:
        messages.error(request, _("Make your PA profile first, then you can reply to adverts."))
        return redirect("pa_register:edit_profile")
    try:
        response = adverts.respond(advert, profile)
    except (RegisterError, ConversationError) as error:
        messages.error(request, str(error) or "You cannot reply to this advert.")
        return redirect(advert.get_absolute_url())
    if getattr(response, "already_sent", False):
        messages.info(request, _("You have already said you are interested. You can talk here."))
    else:
        messages.success(request, _("We told them you are interested. You can talk here."))
    if response.conversation_id:
        return redirect(response.conversation.get_absolute_url())
    return redirect(advert.get_absolute_url())


@login_required
@require_POST
def advert_shortlist(request, pk, response_pk):
    response = get_object_or_404(
        AdvertResponse, pk=response_pk, advert_id=pk, advert__author=request.user
    )
    with refused_as_403():
        adverts.shortlist(response, request.user, on=request.POST.get("on") != "no")
    return redirect(reverse("pa_register:advert", args=[pk]) + "#responses")
