"""Listing rules: who may change a listing, sending it to a moderator, approving, claiming.

A provider's new listing waits for a moderator before anyone can find it. Once approved, the
provider's later changes show straight away (a small group should not vanish each time it fixes
a typo); people can still report a listing, and a moderator can hide it at once.

Editors can add a listing for a provider that is not on Budget Circle yet. The provider later
claims it; a moderator checks the claim and, if it is right, makes them its owner.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from accounts.models import Role
from accounts.permissions import is_moderator
from pbsite.notifications import notify

from . import freshness
from .models import Claim, ClaimStatus, ListingStatus, Organisation


class ListingError(Exception):
    """Something a person may not do; the message says why, in plain words."""


def is_provider(user) -> bool:
    return bool(user and user.is_authenticated) and user.has_role(Role.PROVIDER)


def can_edit(user, organisation: Organisation) -> bool:
    # Ownership first: read with the listing, it saves an owner the query of their roles.
    return organisation.is_owned_by(user) or is_moderator(user)


def moderators():
    return get_user_model().objects.filter(groups__name=Role.MODERATOR.value, is_active=True)


@transaction.atomic
def save_by_provider(organisation: Organisation, provider, *, submit: bool) -> Organisation:
    """Save a provider's own listing. New or draft listings go to a moderator when submitted;
    each save also confirms the listing is up to date."""
    if not is_provider(provider) and not is_moderator(provider):
        raise ListingError("Only provider accounts can list services. Ask us to add the role.")
    is_new = organisation._state.adding
    if submit and organisation.status == ListingStatus.DRAFT:
        organisation.status = ListingStatus.PENDING
    organisation.last_confirmed = timezone.localdate()
    organisation.reminders_sent = 0
    organisation.save()
    if is_new:
        organisation.owners.add(provider)
    if submit and organisation.status == ListingStatus.PENDING:
        for moderator in moderators():
            notify(moderator, "sent a directory listing to check", organisation, provider)
    return organisation


@transaction.atomic
def approve(organisation: Organisation, moderator) -> None:
    if organisation.status == ListingStatus.APPROVED:
        return
    organisation.status = ListingStatus.APPROVED
    organisation.save(update_fields=["status", "modified"])
    log(organisation, "directory.listing.approve", user=moderator)
    for owner in organisation.owners.all():
        notify(owner, "approved your directory listing", organisation, moderator)


@transaction.atomic
def request_claim(organisation: Organisation, user, message: str) -> Claim:
    if not is_provider(user):
        raise ListingError(
            "Only provider accounts can look after a listing. Contact us and we will help."
        )
    if organisation.owners.exists():
        raise ListingError(
            "Someone already looks after this listing. If that is wrong, contact us."
        )
    if organisation.claims.filter(claimant=user, status=ClaimStatus.PENDING).exists():
        raise ListingError("You have already asked. A moderator will look at it soon.")
    claim = Claim.objects.create(organisation=organisation, claimant=user, message=message)
    for moderator in moderators():
        notify(moderator, "asked to look after a directory listing", organisation, user)
    return claim


@transaction.atomic
def approve_claim(claim: Claim, moderator) -> None:
    if claim.status != ClaimStatus.PENDING:
        raise ListingError("This claim has already been decided.")
    claim.status, claim.decided_by, claim.decided_at = (
        ClaimStatus.APPROVED,
        moderator,
        timezone.now(),
    )
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    claim.organisation.owners.add(claim.claimant)
    freshness.confirm(claim.organisation)
    # Nobody else can now claim it.
    claim.organisation.claims.filter(status=ClaimStatus.PENDING).update(
        status=ClaimStatus.DECLINED, decided_by=moderator, decided_at=timezone.now()
    )
    log(claim.organisation, "directory.listing.claim", user=moderator)
    notify(claim.claimant, "agreed you look after this listing", claim.organisation, moderator)


@transaction.atomic
def decline_claim(claim: Claim, moderator) -> None:
    if claim.status != ClaimStatus.PENDING:
        raise ListingError("This claim has already been decided.")
    claim.status, claim.decided_by, claim.decided_at = (
        ClaimStatus.DECLINED,
        moderator,
        timezone.now(),
    )
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    notify(
        claim.claimant,
        "could not agree your claim; contact us if you think this is wrong",
        claim.organisation,
        moderator,
    )
