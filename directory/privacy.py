"""What "download my data" includes from the directory, and what "delete my account" removes.

A listing belongs to its organisation, not to one person: deleting an account takes the person
off the listing's owners (and their claims away) but leaves the listing for others to look after.
"""


def export(user) -> dict:
    return {
        "listings_you_look_after": [
            {"name": organisation.name, "address": organisation.get_absolute_url()}
            for organisation in user.directory_organisations.all()
        ],
        "claims": [
            {
                "listing": claim.organisation.name,
                "message": claim.message,
                "status": claim.get_status_display(),
                "made": claim.created.isoformat(),
            }
            for claim in user.directory_claims.select_related("organisation")
        ],
    }


def erase(user) -> None:
    user.directory_claims.all().delete()
    for organisation in user.directory_organisations.all():
        organisation.owners.remove(user)
