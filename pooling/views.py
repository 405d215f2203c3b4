import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import User
from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pagination import paginate
from pbsite.pdf import pdf_response
from pbsite.request_parsing import id_param
from pbsite.statements import Statement

from . import services
from .filters import PoolFilter, board_queryset, nearest_first
from .forms import (
    TERM_FIELDS,
    AcceptAgreementForm,
    JoinForm,
    PaEmploymentForm,
    PoolForm,
    ProposalChangesForm,
    QuoteAnswerForm,
    QuoteRequestForm,
    SessionRecordForm,
    TransferForm,
)
from .models import (
    CURRENT_STATUSES,
    AgreementAcceptance,
    Membership,
    MembershipStatus,
    Pool,
    Proposal,
    Quote,
    QuoteStatus,
)
from .rules import DecisionOutcome, PoolEvent, agreed_changes


def board(request):
    pool_filter = PoolFilter(request.GET or None, queryset=board_queryset())
    pools = pool_filter.qs if pool_filter.is_bound else board_queryset()
    place = pool_filter.form.cleaned_data.get("postcode") if pool_filter.is_bound else None
    if place is not None:
        pools = nearest_first(pools, place)
    page = paginate(request, pools, per_page=12)
    # An empty filter form shows nothing but its fields' words and choices: written once per
    # process and language. A sent one shows what was typed, and its errors.
    blank_fields = (
        None
        if pool_filter.is_bound
        else render_once(
            "components/form_fields.html", {"form": pool_filter.form}, shows=("pool filter",)
        )
    )
    return render(
        request,
        "pooling/board.html",
        {
            "filter": pool_filter,
            "form": pool_filter.form,
            "blank_fields": blank_fields,
            "page": page,
            "cards": [_pool_card(pool) for pool in page.object_list],
        },
    )


def _pool_card(pool: Pool) -> str:
    """A pool's card on the board, rendered once per process for the values it shows (and the
    language: render_once keys on it)."""
    distance_note = getattr(pool, "distance_note", "")
    shows = (
        pool.pk,
        pool.title,
        pool.category,
        tuple(pool.districts or ()),
        pool.repeat,
        pool.weekday,
        str(distance_note or ""),
        pool.state,
        pool.member_count,
        pool.max_members,
        pool.price_per_person_pence,
        pool.cost_per_session_pence,
    )
    return render_once("pooling/pool_card.html", {"pool": pool}, shows=shows)


#: A pool with the relations a page shows, by its id, by SQL built once per process for each
#: set of relations (pbsite.statements): every pool page reads one, and building the query cost
#: more than running it.
_POOL_READS: dict[tuple, Statement] = {}


def _pool_read(related: tuple) -> Statement:
    if related not in _POOL_READS:
        _POOL_READS[related] = Statement(
            lambda pk: (
                Pool.objects.select_related(*related).filter(pk=pk)
                if related
                else Pool.objects.filter(pk=pk)
            ),
            "pk",
        )
    return _POOL_READS[related]


def get_visible_pool(request, pk, related=("coordinator",)) -> Pool:
    """Public pools for anyone; unlisted ones for members, or with the share link's token.
    ``related``: the relations the page shows, read with the pool (most pages name its
    coordinator or ask whether you are them)."""
    found = _pool_read(tuple(related)).objects(pk=pk)
    if not found:
        raise Http404
    pool = found[0]
    if pool.visibility == "public" and not pool.hidden:
        return pool
    if Pool.objects.visible_to(request.user).filter(pk=pk).exists():
        return pool
    if not pool.hidden and request.GET.get("key") == pool.share_token:
        return pool
    raise Http404


#: A pool's current memberships (members and those waiting) with their accounts, by SQL built
#: once per process (pbsite.statements), in the order pool.memberships gives them.
_CURRENT_MEMBERSHIPS = Statement(
    lambda pool: Membership.objects.filter(
        pool_id=pool, status__in=CURRENT_STATUSES
    ).select_related("user"),
    "pool",
)


def _current_memberships(pool, user):
    """The pool's members, how many wait, and this person's own membership if it is current,
    from one query (a membership that has left shows as none: the page offers to join again).
    The coordinator, nearly always a member, is taken from them rather than read again."""
    members, waiting, mine = [], 0, None
    for membership in _CURRENT_MEMBERSHIPS.objects(pool=pool.pk):
        membership.pool = pool  # as pool.memberships gives it
        if membership.status == MembershipStatus.MEMBER:
            members.append(membership)
        else:
            waiting += 1
        if membership.user_id == user.pk:
            mine = membership
        if membership.user_id == pool.coordinator_id:
            pool.coordinator = membership.user
    return members, waiting, mine


def detail(request, pk, join_form=None):
    pool = get_visible_pool(request, pk, related=())  # its conversation is linked by id alone
    members, waiting, membership = _current_memberships(pool, request.user)
    shares, shortfall = services.current_shares(pool, members)
    is_member = membership is not None and membership.status == MembershipStatus.MEMBER
    is_coordinator = request.user.pk == pool.coordinator_id
    # Who joined, for whom, and what each pays are the group's business: outsiders see
    # how many places are taken and the price, never names, labels or shares.
    sees_members = is_member or is_coordinator
    context = {
        "pool": pool,
        "membership": membership,
        "is_member": is_member,
        "is_coordinator": is_coordinator,
        "sees_members": sees_members,
        "member_count": len(members),
        "members": members,
        "waiting": waiting,
        "places_left": services.places_left(pool, len(members)),
        "shares": shares,
        "shortfall": shortfall,
        "share_if_joining": services.share_if_joining(pool, members),
        # Members and those on the waiting list are not asked to join.
        "join_form": join_form or (JoinForm(pool=pool) if membership is None else None),
        "accept_form": AcceptAgreementForm(membership=membership) if is_member else None,
        "history": services.history(pool) if sees_members else [],
        "pa_adverts": pool.pa_adverts.filter(hidden=False)
        .order_by("-created")
        .only(*_ADVERT_LINK_READS),
    }
    return render(request, "pooling/detail.html", context)


#: A group's advert as its page links to it: the title, and what its status says.
_ADVERT_LINK_READS = ["title", "filled", "closed_at", "hidden", "expires_at"]


def _service_from(request):
    """ "Start a group to buy this" on a directory listing links here with ?service=<uuid>."""
    from directory.models import Service

    raw = request.GET.get("service") or request.POST.get("service") or ""
    try:
        return Service.objects.listed().select_related("organisation").get(uuid=raw)
    except (Service.DoesNotExist, ValidationError, ValueError):
        return None


def _initial_from_service(service) -> dict:
    prices = [o.amount_pence for o in service.cost_options.all() if o.amount_pence]
    return {
        "title": f"Share {service.name}"[:120],
        "description": f"{service.organisation.name}: {service.description}"[:3000],
        "districts_text": ", ".join(service.districts()),
        "cost": min(prices) if prices else None,
    }


@login_required
def create(request):
    service = _service_from(request)
    initial = _initial_from_service(service) if service else None
    form = PoolForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        if not services.may_start_another(request.user):
            form.add_error(None, services.TOO_MANY_POOLS)
            return render(request, "pooling/form.html", {"form": form, "service": service})
        pool = form.save(commit=False)
        pool.coordinator = request.user
        pool.service = service
        pool.save()
        messages.success(request, _("Your group is on the board. Now invite people to join."))
        return redirect(pool)
    return render(request, "pooling/form.html", {"form": form, "service": service})


@login_required
@require_POST
def join(request, pk):
    pool = get_visible_pool(request, pk)
    form = JoinForm(request.POST, pool=pool)
    if not form.is_valid():
        return detail(request, pk, join_form=form)
    data = form.cleaned_data
    try:
        membership = services.join(
            pool,
            request.user,
            pays_with=data["pays_with"],
            use=data["use"],
            max_pence=data.get("max_share"),
            on_behalf_of=data.get("on_behalf_of", ""),
            support_plan_outcome=data.get("support_plan_outcome", ""),
        )
    except services.PoolError as error:
        form.add_error(None, str(error))
        return detail(request, pk, join_form=form)
    if membership.status == MembershipStatus.WAITING:
        messages.info(request, _("The group is full, so you are on the waiting list."))
    else:
        messages.success(request, _("You have joined the group."))
    return redirect(pool)


def _member_action(request, pk, action, done: str):
    pool = get_visible_pool(request, pk)
    try:
        action(pool)
    except services.PoolError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(pool)


@login_required
@require_POST
def leave(request, pk):
    return _member_action(
        request, pk, lambda pool: services.leave(pool, request.user), "You have left the group."
    )


@login_required
@require_POST
def accept(request, pk):
    form = AcceptAgreementForm(request.POST)
    if not form.is_valid():
        pool = get_visible_pool(request, pk)
        if "version" in form.errors:
            messages.error(
                request, _("Something went wrong. Please read the agreement and try again.")
            )
        else:
            messages.error(request, " ".join(form.errors.get("agreement_name", [])))
        return redirect(pool)
    version = form.cleaned_data["version"]
    already = request.user.pool_memberships.filter(pool_id=pk, accepted_version=version).exists()
    response = _member_action(
        request,
        pk,
        lambda pool: services.accept_agreement(
            pool, request.user, version, agreement_name=form.cleaned_data["agreement_name"]
        ),
        "Saved. Your full name is in the agreement."
        if already
        else "Thank you. You have accepted the agreement.",
    )
    if request.POST.get("back") == "agreement":  # accepted on the agreement page: stay there
        return redirect("pooling:agreement", pk=pk)
    return response


@login_required
def edit(request, pk):
    """Changing the details after people joined makes a new agreement version to accept."""
    pool = get_visible_pool(request, pk)
    if request.user != pool.coordinator:
        raise Http404
    form = PoolForm(posted(request), instance=pool)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        changes = {field: getattr(changed, field) for field in TERM_FIELDS}

        def change():
            return services.change_terms(
                Pool.objects.get(pk=pk),
                request.user,
                note="The details changed",
                edit_version=form.started_from,
                **changes,
            )

        try:
            saved = save_unless_changed(form, change)
        except services.PoolError as error:
            form.add_error(None, str(error))
        else:
            if saved is None:
                return render(request, "pooling/form.html", {"form": form, "pool": pool})
            messages.success(request, _("Saved. Members have been asked to accept the changes."))
            return redirect("pooling:detail", pk=pk)
    return render(request, "pooling/form.html", {"form": form, "pool": pool})


@login_required
def transfer(request, pk):
    pool = get_visible_pool(request, pk)
    if request.user != pool.coordinator:
        raise Http404
    form = TransferForm(posted(request), pool=pool)
    if request.method == "POST" and form.is_valid():
        new_coordinator = form.cleaned_data["member"].user
        try:
            services.transfer_coordinator(pool, request.user, new_coordinator)
        except services.PoolError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s now coordinates the group.") % {"name": new_coordinator.public_name},
            )
            return redirect(pool)
    return render(request, "pooling/transfer.html", {"form": form, "pool": pool})


COORDINATOR_EVENTS = {"start": PoolEvent.START, "end": PoolEvent.END, "cancel": PoolEvent.CANCEL}


@login_required
@require_POST
def coordinate(request, pk, action):
    if action not in COORDINATOR_EVENTS:
        raise Http404
    return _member_action(
        request,
        pk,
        lambda pool: services.coordinator_action(pool, request.user, COORDINATOR_EVENTS[action]),
        "Done. Everyone in the group has been told.",
    )


def _agreement_context(request, pk) -> dict:
    """The agreement names members and their support-plan outcomes: members only."""
    pool = get_visible_pool(request, pk)
    members = services.member_list(pool)
    if not services.can_see_agreement(pool, request.user, members):
        raise Http404
    shares, shortfall = services.current_shares(pool, members)
    employment = services.pa_employment_code(pool) if pool.category == "shared_pa" else ""
    return {
        "pool": pool,
        "shares": shares,
        "shortfall": shortfall,
        "members": members,
        "history": services.history(pool),
        "pa_employment": services.pa_employment_text(pool, employment),
        "pa_employment_code": employment,
        "pdf_url": reverse("pooling:agreement_pdf", args=[pool.pk]),
    }


@login_required
def agreement(request, pk, employment_form=None):
    context = _agreement_context(request, pk)
    pool = context["pool"]
    membership = next((m for m in context["members"] if m.user_id == request.user.pk), None)
    context["membership"] = membership
    if membership is not None and membership.accepted_version != pool.agreement_version:
        context["accept_form"] = AcceptAgreementForm(membership=membership)
    elif membership is not None:
        context["name_form"] = AcceptAgreementForm(membership=membership)
    if request.user == pool.coordinator and pool.category == "shared_pa":
        context["employment_form"] = employment_form or PaEmploymentForm(
            initial={
                "employment": context["pa_employment_code"],
                "employer_name": pool.pa_employer_name,
            }
        )
    return render(request, "pooling/agreement.html", context)


@login_required
@require_POST
def pa_employment(request, pk):
    """The coordinator says who employs the group's shared PA (a new agreement version)."""
    pool = get_visible_pool(request, pk)
    if request.user != pool.coordinator or pool.category != "shared_pa":
        raise Http404
    form = PaEmploymentForm(request.POST)
    if not form.is_valid():
        return agreement(request, pk, employment_form=form)
    try:
        services.set_pa_employment(
            pool,
            request.user,
            employment=form.cleaned_data["employment"],
            employer_name=form.cleaned_data["employer_name"],
        )
    except services.PoolError as error:
        form.add_error(None, str(error))
        return agreement(request, pk, employment_form=form)
    messages.success(request, _("Saved. Members have been asked to accept the new agreement."))
    return redirect("pooling:agreement", pk=pool.pk)


@login_required
def agreement_pdf(request, pk):
    context = _agreement_context(request, pk)
    pool = context["pool"]
    context["acceptances"] = AgreementAcceptance.objects.filter(
        membership__pool=pool
    ).select_related("membership__user")
    context["for_pdf"] = True
    html = render_to_string("pooling/agreement_pdf.html", context, request=request)
    filename = f"group-agreement-{pool.pk}-version-{pool.agreement_version}.pdf"
    return pdf_response(html, request, filename)


# --- deciding together, quotes and the record -----------------------------------------------


def _member_pool(request, pk, related=("coordinator",)) -> Pool:
    pool = get_visible_pool(request, pk, related)
    if not services.can_see_agreement(pool, request.user):
        raise Http404
    return pool


@login_required
def decisions(request, pk):
    pool = _member_pool(request, pk)
    # Built only when sent: blank, its fields are kept (_blank_proposal_fields).
    form = ProposalChangesForm(request.POST, pool=pool) if request.method == "POST" else None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.propose(
                pool,
                request.user,
                kind=data["kind"],
                text=data["text"],
                quote=data.get("quote"),
                changes=form.changes,
            )
        except services.PoolError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your suggestion is up for a vote. Members have been told.")
            )
            return redirect("pooling:decisions", pk=pool.pk)
    # Not the quotes' conversations: the page links to them by id alone.
    quotes = list(pool.quotes.select_related("supplier"))
    proposals = pool.proposals.select_related("author").prefetch_related("votes")
    terms = services.current_terms(pool)
    for proposal in proposals:
        _with_quote_from(proposal, quotes)
        if proposal.outcome == DecisionOutcome.OPEN:
            preview = agreed_changes(
                outcome=DecisionOutcome.PASSED,
                kind=proposal.kind,
                proposed=proposal.changes,
                current=terms,
            )
            proposal.change_lines = services.describe_changes(preview)
        else:
            proposal.change_lines = services.describe_changes(proposal.applied_changes)
    member_count, mine = 0, None
    for user_id, membership_id, status in pool.memberships.values_list("user_id", "pk", "status"):
        member_count += status == MembershipStatus.MEMBER
        if user_id == request.user.pk:
            mine = membership_id
    my_votes = {
        vote.proposal_id: vote.agree
        for proposal in proposals
        for vote in proposal.votes.all()
        if vote.membership_id == mine
    }
    context = {
        "pool": pool,
        "form": form,
        "form_fields": _blank_proposal_fields(pool, quotes) if form is None else None,
        "proposals": proposals,
        "quotes": quotes,
        "my_votes": my_votes,
        "member_count": member_count,
        "changeable_kinds": ("change_price", "change_schedule"),
    }
    return render(request, "pooling/decisions.html", context)


def _with_quote_from(proposal, quotes) -> None:
    """A proposal about one of the group's quotes takes it from those the page read already,
    rather than joining each quote and its supplier into the proposals' query again."""
    quote = next((quote for quote in quotes if quote.pk == proposal.quote_id), None)
    if quote is not None:
        proposal.quote = quote


def _blank_proposal_fields(pool, quotes) -> str:
    """The empty "Suggest something" fields, most of the page's work: the same for everyone in
    the group, so rendered once per process for the answered quotes they offer to choose (the
    form's own choices: its labels are the quotes' names), the form built only to render them."""
    offered = tuple(
        (quote.pk, str(quote)) for quote in quotes if quote.status == QuoteStatus.ANSWERED
    )
    form = SimpleLazyObject(lambda: ProposalChangesForm(pool=pool))
    return render_once("pooling/proposal_fields.html", {"form": form}, shows=offered)


@login_required
@require_POST
def cast_vote(request, pk, proposal_id):
    pool = _member_pool(request, pk)
    proposal = get_object_or_404(Proposal, pk=proposal_id, pool=pool)
    choice = request.POST.get("agree")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choose yes or no to vote."))
        return redirect("pooling:decisions", pk=pool.pk)
    try:
        outcome = services.vote(proposal, request.user, agree=choice == "yes")
    except services.PoolError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Thank you for voting."
            + ("" if outcome == "open" else f" The vote has finished: the suggestion {outcome}."),
        )
    return redirect("pooling:decisions", pk=pool.pk)


@login_required
def quote_request(request):
    """ "Ask for a quote for a group", linked from a PA's profile or a provider's listing."""
    supplier_id = id_param(request.GET, "to") or id_param(request.POST, "to")
    if supplier_id is None:
        raise Http404
    supplier = get_object_or_404(User, pk=supplier_id, is_active=True)
    form = QuoteRequestForm(posted(request), coordinator=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_quote(
                form.cleaned_data["pool"], request.user, supplier, form.cleaned_data["message"]
            )
        except services.PoolError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("We have asked %(name)s for a quote.") % {"name": supplier.public_name}
            )
            return redirect(form.cleaned_data["pool"])
    return render(request, "pooling/quote_request.html", {"form": form, "supplier": supplier})


@login_required
def quote_answer(request, quote_id):
    quote = get_object_or_404(Quote.objects.select_related("pool"), pk=quote_id)
    if quote.supplier != request.user:
        raise Http404
    form = QuoteAnswerForm(posted(request), instance=quote)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.answer_quote(
            quote,
            request.user,
            price_pence=data["price"],
            included=data["included"],
            dates=data["dates"],
        )
        messages.success(request, _("Your quote has been sent to the group."))
        return redirect("pooling:quote_answer", quote_id=quote.pk)
    return render(request, "pooling/quote_answer.html", {"form": form, "quote": quote})


@login_required
def record(request, pk):
    pool = _member_pool(request, pk, related=())
    form = SessionRecordForm(posted(request), pool=pool)
    if request.method == "POST" and form.is_valid():
        services.record_session(pool, request.user, **form.cleaned_data)
        messages.success(request, _("The session is added to the group's record."))
        return redirect("pooling:record", pk=pool.pk)
    # Who came, with their names, in one query: the page names nobody else.
    attended = Prefetch("attended", queryset=Membership.objects.select_related("user"))
    sessions = pool.sessions.prefetch_related(attended)
    return render(
        request, "pooling/record.html", {"pool": pool, "form": form, "sessions": sessions}
    )


@login_required
def record_csv(request, pk):
    pool = _member_pool(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="group-{pool.pk}-sessions.csv"'
    writer = csv.writer(response)
    for row in services.sessions_csv_rows(pool):
        writer.writerow([_csv_safe(cell) for cell in row])
    return response


def _csv_safe(cell: str) -> str:
    """Stop a spreadsheet treating a typed note as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
