"""Directory pages. The rules live in finding, listing, freshness and editing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted
from pbsite.pagination import paginate
from pbsite.request_parsing import number_param
from pbsite.statements import Statement

from . import finding, freshness, listing
from .editing import save_service
from .filters import ServiceFilter
from .forms import (
    ClaimForm,
    CostFormSet,
    EnquiryForm,
    OrganisationForm,
    ScheduleFormSet,
    ServiceForm,
)
from .models import CLAIMED, ListingStatus, Organisation, Service, owned_by

PER_PAGE = 20
DIRECTORY_CRUMBS = [("Find support", "/directory/")]
PAYING_NOTE = (
    "Ask the provider how they like to be paid before you start. If your council manages "
    "your budget, they may need to send the council an invoice."
)


# --- Find support ---


def find_support(request):
    # Narrowed to listed services by ``finding.search``.
    service_filter = ServiceFilter(request.GET)
    valid = service_filter.form.is_valid()
    today = timezone.localdate()
    if not valid:
        results = Service.objects.none()
    elif number_param(request.GET, "page", default=1) == 1:
        results = finding.FirstPageRead(finding.kept_search(service_filter, PER_PAGE, today))
    else:
        results = finding.search(service_filter, today)
    page = paginate(request, results, per_page=PER_PAGE)
    place = service_filter.form.cleaned_data.get("where") if valid else None
    shown = (
        [finding.describe(service, today, place) for service in page.object_list] if valid else []
    )
    finding.read_card_facts(shown)
    return render(
        request,
        "directory/find.html",
        {
            "form": service_filter.form,
            "page": page,
            "results": shown,
            "cards": [finding.card(service) for service in shown],
            "total": page.paginator.count,
            "searched": bool(request.GET),
            "is_provider": listing.is_provider(request.user),
        },
    )


# --- A listing ---


def _organisation_for(user, slug) -> Organisation:
    """The listing if this person may open it (404 if not), with whether it is claimed and
    whether they own it. Read by its slug and checked with ``is_visible_to``, the rule
    ``visible_to`` filters by: for a signed-in person that filter (listed, or theirs) was an
    OR of a subquery and a join, with DISTINCT, which cost Django more to build than the rest
    of the query."""
    organisation = get_object_or_404(Organisation.objects.with_ownership(user), slug=slug)
    if not organisation.is_visible_to(user):
        raise Http404
    return organisation


def listing_page(request, slug):
    organisation = _organisation_for(request.user, slug)
    can_edit = listing.can_edit(request.user, organisation)
    # Through the listing, not joined to it again: each service is given this organisation.
    services = organisation.services.all()
    if not can_edit:
        services = services.filter(hidden=False)
    services = list(services.select_related("category"))
    finding.read_details(services)
    is_claimed = organisation.is_claimed
    today = timezone.localdate()
    return render(
        request,
        "directory/listing.html",
        {
            "organisation": organisation,
            "services": [finding.describe(service, today) for service in services],
            "freshness_note": freshness.freshness_note(organisation.last_confirmed),
            "is_stale": organisation.freshness().value != "fresh",
            "can_edit": can_edit,
            "is_claimed": is_claimed,
            "can_claim": not is_claimed and listing.is_provider(request.user),
            "is_public": organisation.status == ListingStatus.APPROVED and not organisation.hidden,
            "paying_note": PAYING_NOTE,
            "crumbs": DIRECTORY_CRUMBS,
        },
    )


@login_required
def enquire(request, slug):
    from conversations.services import ConversationError, start_conversation

    organisation = get_object_or_404(Organisation.objects.listed(), slug=slug)
    owners = list(organisation.owners.filter(is_active=True))
    form = EnquiryForm(posted(request), organisation=organisation)
    if owners and request.method == "POST" and form.is_valid():
        try:
            topic = start_conversation(request.user, owners, form.title(), form.first_message())
        except ConversationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your enquiry was sent to %(name)s.") % {"name": organisation.name}
            )
            return redirect(topic.get_absolute_url())
    return render(
        request,
        "directory/enquire.html",
        {
            "organisation": organisation,
            "form": form,
            "has_owners": bool(owners),
            "crumbs": [*DIRECTORY_CRUMBS, (organisation.name, organisation.get_absolute_url())],
        },
    )


@login_required
def claim(request, slug):
    # Only a listing this person may open (a draft or one waiting for a moderator is 404).
    organisation = _organisation_for(request.user, slug)
    form = ClaimForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            listing.request_claim(organisation, request.user, form.cleaned_data["message"])
        except listing.ListingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Thank you. A moderator will check and tell you, usually within 2 days.")
            )
            return redirect(organisation.get_absolute_url())
    return render(
        request,
        "directory/claim.html",
        {
            "organisation": organisation,
            "form": form,
            "is_provider": listing.is_provider(request.user),
            "crumbs": [*DIRECTORY_CRUMBS, (organisation.name, organisation.get_absolute_url())],
        },
    )


# --- The provider editor ---


@login_required
def my_listings(request):
    organisations = request.user.directory_organisations.prefetch_related("services")
    return render(
        request,
        "directory/mine.html",
        {
            "organisations": organisations,
            "is_provider": listing.is_provider(request.user),
            "crumbs": DIRECTORY_CRUMBS,
        },
    )


def _editable(request, slug) -> Organisation:
    """The listing, if this person may change it; 404 for everyone else (it may be private).
    Read with whether it has an owner and whether this person is one, as ``with_ownership``
    reads them, by SQL the ORM builds once per process (``pbsite.statements``): only the
    person and the address vary."""
    user = request.user
    if not user.is_authenticated:
        organisation = get_object_or_404(Organisation.objects.with_ownership(user), slug=slug)
        return _checked(user, organisation)
    found = _with_ownership.objects(user=user.pk, slug=slug)
    if not found:
        raise Http404
    organisation = found[0]
    # Where ``is_claimed`` and ``is_owned_by`` look for what the query read: the latter's name
    # holds the person's id, which a kept statement cannot.
    setattr(organisation, owned_by(user), getattr(organisation, _OWNED_BY_VIEWER))
    return _checked(user, organisation)


_OWNED_BY_VIEWER = "ownership_owned_by_viewer"


def _organisation_with_ownership(user, slug):
    owners = Organisation.owners.through.objects.filter(organisation=OuterRef("pk"))
    return Organisation.objects.filter(slug=slug).annotate(
        **{CLAIMED: Exists(owners), _OWNED_BY_VIEWER: Exists(owners.filter(user=user))}
    )


_with_ownership = Statement(_organisation_with_ownership, "user", "slug")


def _editable_service(request, slug, service_id) -> Service:
    """A saved service of a listing this person may change, read in one query with its listing
    and whether they own it; 404 for everyone else, as :func:`_editable`."""
    user = request.user
    found = _EDITABLE_SERVICE.objects(slug=slug, service=service_id, user=user.pk)
    if not found:
        raise Http404
    service = found[0]
    # What the query read about ownership, where ``organisation.is_owned_by`` looks for it.
    setattr(service.organisation, owned_by(user), service.owned_by_viewer)
    _checked(user, service.organisation)
    return service


#: ``get_object_or_404(Service.objects.with_organisation_owned_by(user), organisation__slug=…,
#: uuid=…)``, its SQL built once per process (``pbsite.statements``): building it was an eighth
#: of the editor's work. Its ownership is read under one name, whoever asks.
_EDITABLE_SERVICE = Statement(
    lambda slug, service, user: (
        Service.objects.with_organisation_owned_by(
            get_user_model()(pk=user), name="owned_by_viewer"
        )
        .filter(organisation__slug=slug, uuid=service)
        .order_by()
    ),
    "slug",
    "service",
    "user",
)


def _checked(user, organisation: Organisation) -> Organisation:
    if not listing.can_edit(user, organisation):
        raise Http404
    return organisation


def _save_organisation(request, form):
    submit = "submit" in request.POST
    try:
        organisation = listing.save_by_provider(
            form.save(commit=False), request.user, submit=submit
        )
    except listing.ListingError as error:
        form.add_error(None, str(error))
        return None
    if organisation.status == ListingStatus.PENDING:
        messages.success(
            request, _("Saved. A moderator will check your listing before it is shown.")
        )
    elif organisation.status == ListingStatus.DRAFT:
        messages.success(request, _("Saved as a draft. Send it to us when it is ready."))
    else:
        messages.success(request, _("Saved. Your listing is up to date."))
    return organisation


@login_required
def new_listing(request):
    if not listing.is_provider(request.user):
        return render(request, "directory/not_provider.html", {"crumbs": DIRECTORY_CRUMBS})
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        organisation = _save_organisation(request, form)
        if organisation is not None:
            return redirect("directory:new_service", slug=organisation.slug)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "is_new": True, "crumbs": DIRECTORY_CRUMBS},
    )


@login_required
def edit_listing(request, slug):
    organisation = _editable(request, slug)
    form = OrganisationForm(posted(request), instance=organisation)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and save_unless_changed(form, lambda: _save_organisation(request, form))
    )
    if saved:
        return redirect("directory:edit", slug=organisation.slug)
    return render(
        request,
        "directory/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "services": organisation.services.all(),
            "freshness_note": freshness.freshness_note(organisation.last_confirmed),
            "crumbs": [*DIRECTORY_CRUMBS, (organisation.name, organisation.get_absolute_url())],
        },
    )


@login_required
@require_POST
def confirm_listing(request, slug):
    organisation = _editable(request, slug)
    freshness.confirm(organisation)
    messages.success(request, _("Thank you. Your listing is marked as up to date."))
    return redirect("directory:edit", slug=organisation.slug)


@login_required
def edit_service(request, slug, service_id=None):
    if service_id:
        service = _editable_service(request, slug, service_id)
        organisation = service.organisation
    else:
        organisation = _editable(request, slug)
        service = Service(organisation=organisation)
    data = posted(request)
    form = ServiceForm(data, instance=service, organisation=organisation)
    costs = CostFormSet(data, instance=service, prefix="costs")
    schedules = ScheduleFormSet(data, instance=service, prefix="days")
    if request.method == "POST" and all([form.is_valid(), costs.is_valid(), schedules.is_valid()]):

        def save():
            saved = save_service(form, costs, schedules, organisation)
            freshness.confirm(organisation)
            return saved

        if save_unless_changed(form, save):
            messages.success(request, _("Service saved."))
            return redirect("directory:edit", slug=organisation.slug)
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "costs": costs,
            "schedules": schedules,
            "organisation": organisation,
            "service": service if service_id else None,
            "has_errors": bool(
                form.errors or costs.total_error_count() or schedules.total_error_count()
            ),
            "crumbs": [
                *DIRECTORY_CRUMBS,
                (organisation.name, reverse("directory:edit", args=[organisation.slug])),
            ],
        },
    )
