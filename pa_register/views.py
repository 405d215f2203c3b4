"""PA register pages: finding a PA, a profile, contacting a PA, saved searches, and what the other
pages share. The other pages are by sub-area, as the forum's buddy_views: profile_views (the
PA's own profile), check_views (checks and their queue), advert_views ("PA wanted") and
endorsement_views. The rules live in finding, matching, freshness, checks, adverts and
endorsements.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from conversations.services import may_offer_message
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pagination import paginate, query_without_page
from pbsite.statements import Statement

from . import endorsements, finding, saved_searches, vetting
from .endorsement_forms import ReplyForm
from .filters import PAFilter
from .forms import ContactForm, SaveSearchForm
from .models import PAProfile, SavedSearch, WorkedTogether

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


def find_pa(request):
    pa_filter = PAFilter(request.GET, queryset=PAProfile.objects.listed())
    pa_filter.form.is_valid()
    ranked = finding.search(pa_filter, from_listed=True) if not pa_filter.form.errors else []
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
            "rate_note": FIND_RATE_NOTE,
            "searched": bool(request.GET),
            "save_form": SaveSearchForm(initial={"query": query_without_page(request.GET)}),
        },
    )


def profile_for(user, pk, profiles=None) -> PAProfile:
    """The profile, if this person may open it (404 otherwise), from ``profiles`` (all). Read
    by its id alone and checked after (``PAProfile.is_visible_to``, the rule ``visible_to``
    filters by): a much simpler query to build than the visibility filter."""
    if profiles is None:
        # By SQL built once per process (``pbsite.statements``): only the id varies.
        found = _profile_with_account.objects(profile=pk)
        if not found:
            raise Http404
        profile = found[0]
    else:
        profile = get_object_or_404(profiles.select_related("user"), pk=pk)
    if not profile.is_visible_to(user):
        raise Http404
    # Its checks in one plain query (in Check's order), not a prefetch: one profile, one query.
    return finding.describe_profile(profile)


_profile_with_account = Statement(
    lambda profile: PAProfile.objects.select_related("user").filter(pk=profile), "profile"
)
_work_link = Statement(
    lambda holder, profile: (
        WorkedTogether.objects.filter(holder=holder, profile=profile)
        .select_related("endorsement")
        .order_by("pk")[:1]
    ),
    "holder",
    "profile",
)


def profile_details(profile: PAProfile, references_checked: int, references_checked_at):
    """The profile from "About" to its checks, which is the same for everyone who opens it:
    rendered once per process for the values it shows (``pbsite.fragments``), as the page's
    many small templates were most of its time. Skills are read as names, in the order given."""
    skills = finding.skill_names([profile.pk]).get(profile.pk, [])
    context = {
        "profile": profile,
        "skills": skills,
        "rate_note": RATE_NOTE,
        "references_checked": references_checked,
        "references_checked_at": references_checked_at,
    }
    shows = (
        profile.display_name,
        profile.about,
        tuple(profile.kinds),
        tuple(skills),
        profile.availability,
        profile.short_notice,
        profile.rate_min_pence,
        profile.rate_max_pence,
        tuple(profile.work_arrangements),
        tuple(profile.languages),
        profile.gender,
        tuple((line.name, line.status, line.text) for line in profile.check_lines),
        tuple(profile.missing_checks),
        references_checked,
        references_checked_at,
        profile.right_to_work_ready_on,
        timezone.get_current_timezone_name(),  # the dates are shown in it
    )
    return render_once("pa_register/_profile_details.html", context, shows=shows)


def profile_detail(request, pk):
    user = request.user
    profile = profile_for(user, pk)
    is_owner = user.is_authenticated and user.pk == profile.user_id
    references_checked, references_checked_at = profile.references_checked()
    viewer = user.is_authenticated and not is_owner
    # What a signed-in viewer has to do with the PA, in one query built once per process.
    links = endorsements.links_to(profile, user) if viewer else None
    my_work_link = (
        next(iter(_work_link.objects(holder=user.pk, profile=profile.pk)), None)
        if links and links.said_worked
        else None
    )
    return render(
        request,
        "pa_register/profile.html",
        {
            "profile": profile,
            "is_owner": is_owner,
            "details": profile_details(profile, references_checked, references_checked_at),
            "crumbs": REGISTER_CRUMBS,
            "endorsements": endorsements.shown_for(profile),
            "reply_form": ReplyForm() if is_owner else None,
            "to_confirm": profile.work_links.filter(pa_confirmed_at__isnull=True).select_related(
                "holder"
            )
            if is_owner
            else [],
            "my_work_link": my_work_link,
            # "We have worked together" is offered to someone who has talked with the PA and
            # has not said so yet.
            "have_talked": bool(links) and my_work_link is None and links.talked,
            "message_allowed": links is not None
            and may_offer_message(user, profile.user, blocked=links.blocked),
            # Vetting (``vetting``): never the references themselves on this page.
            "may_read_references": not is_owner and vetting.may_read(user, profile, links),
            "needs_conduct": is_owner and profile.needs_conduct_acceptance(),
        },
    )


@login_required
def contact_pa(request, pk):
    from conversations.services import ConversationError, start_conversation

    profile = profile_for(request.user, pk)
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
            messages.success(
                request, _("Your message has gone to %(name)s.") % {"name": profile.display_name}
            )
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


def require_pa(user):
    if not (user.is_superuser or user.has_role(Role.PA)):
        raise PermissionDenied(
            "Only personal assistants can make a PA profile. If you are a PA, contact us and "
            "we will change your account."
        )


def own_profile(user) -> PAProfile:
    profile = get_object_or_404(PAProfile, user=user)
    profile.user = user  # the person asking: not read again for their name
    return profile


@login_required
def saved_search_list(request):
    form = SaveSearchForm(posted(request))
    mine = SavedSearch.objects.filter(user=request.user)
    if request.method == "POST" and form.is_valid():
        if mine.count() >= saved_searches.MAX_SAVED:
            form.add_error(None, _("You can save 10 searches at most. Remove one first."))
        else:
            saved_searches.save(request.user, form.cleaned_data["query"], form.cleaned_data["name"])
            messages.success(request, _("Search saved. We will tell you when a new PA matches it."))
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
    messages.success(request, _("Saved search removed."))
    return redirect("pa_register:saved_searches")
