import weasyprint
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from pbsite.pagination import paginate

from . import services
from .filters import PoolFilter, board_queryset
from .forms import JoinForm, PoolForm
from .models import AgreementAcceptance, MembershipStatus, Pool
from .rules import PoolEvent


def board(request):
    pool_filter = PoolFilter(request.GET or None, queryset=board_queryset())
    pools = pool_filter.qs if pool_filter.is_bound else board_queryset()
    page = paginate(request, pools, per_page=12)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pooling/board.html",
        {"filter": pool_filter, "form": pool_filter.form, "page": page, "query": query.urlencode()},
    )


def get_visible_pool(request, pk) -> Pool:
    """Public pools for anyone; unlisted ones for members, or with the share link's token."""
    pool = get_object_or_404(Pool, pk=pk)
    if pool.visibility == "public" and not pool.hidden:
        return pool
    if Pool.objects.visible_to(request.user).filter(pk=pk).exists():
        return pool
    if not pool.hidden and request.GET.get("key") == pool.share_token:
        return pool
    raise Http404


def detail(request, pk, join_form=None):
    pool = get_visible_pool(request, pk)
    membership = None
    if request.user.is_authenticated:
        membership = pool.memberships.filter(user=request.user).first()
    shares, shortfall = services.current_shares(pool)
    context = {
        "pool": pool,
        "membership": membership,
        "is_member": membership is not None and membership.status == MembershipStatus.MEMBER,
        "is_coordinator": request.user == pool.coordinator,
        "members": services.members(pool),
        "waiting": pool.memberships.filter(status=MembershipStatus.WAITING).count(),
        "places_left": services.places_left(pool),
        "shares": shares,
        "shortfall": shortfall,
        "share_if_joining": services.share_if_joining(pool),
        "join_form": join_form or JoinForm(),
        "transitions": pool.transitions.select_related("actor"),
    }
    return render(request, "pooling/detail.html", context)


@login_required
def create(request):
    form = PoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pool = form.save(commit=False)
        pool.coordinator = request.user
        pool.save()
        messages.success(request, "Your group is on the board. Now invite people to join.")
        return redirect(pool)
    return render(request, "pooling/form.html", {"form": form})


@login_required
@require_POST
def join(request, pk):
    pool = get_visible_pool(request, pk)
    form = JoinForm(request.POST)
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
        messages.info(request, "The group is full, so you are on the waiting list.")
    else:
        messages.success(request, "You have joined the group.")
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
    raw = request.POST.get("version", "")
    version = int(raw) if raw.isdigit() and len(raw) < 6 else -1
    return _member_action(
        request,
        pk,
        lambda pool: services.accept_agreement(pool, request.user, version),
        "Thank you. You have accepted the agreement.",
    )


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
    if not services.can_see_agreement(pool, request.user):
        raise Http404
    shares, shortfall = services.current_shares(pool)
    return {
        "pool": pool,
        "shares": shares,
        "shortfall": shortfall,
        "members": services.members(pool),
        "transitions": pool.transitions.select_related("actor"),
        "pdf_url": reverse("pooling:agreement_pdf", args=[pool.pk]),
    }


@login_required
def agreement(request, pk):
    return render(request, "pooling/agreement.html", _agreement_context(request, pk))


@login_required
def agreement_pdf(request, pk):
    context = _agreement_context(request, pk)
    pool = context["pool"]
    context["acceptances"] = AgreementAcceptance.objects.filter(
        membership__pool=pool
    ).select_related("membership__user")
    html = render_to_string("pooling/agreement_pdf.html", context, request=request)
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"group-agreement-{pool.pk}-version-{pool.agreement_version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
