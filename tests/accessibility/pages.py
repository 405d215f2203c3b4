"""Every page type axe checks, in one place. Each part adds its own page types here.

Each entry: (name, path, who is signed in). ``who`` is None for an anonymous visitor, or a role
from ``accounts.models.Role`` whose demo person (see ``accounts.demo``) signs in first. The axe
test runs against the demo site built by ``manage.py load_demo``, so paths may name demo content.
A path may also be a function returning the path, called once the demo content is loaded (for
pages whose address holds a database id).
"""

from accounts.models import Role


def demo_pool(state: str, suffix: str = "") -> callable:
    def path():
        from pooling.models import Pool

        return Pool.objects.filter(state=state).first().get_absolute_url() + suffix

    return path


def demo_group_advert(form: bool = False) -> callable:
    """The demo group's shared-PA advert, or the advert form a coordinator starts it from."""

    def path():
        from pooling.models import GroupAdvert

        link = GroupAdvert.objects.select_related("advert").first()
        if form:
            return f"/register/wanted/new/?pool={link.pool_id}"
        return link.advert.get_absolute_url()

    return path


def demo_forum(kind: str, suffix: str = "") -> callable:
    """A demo forum page: "topic" (a solved public topic), "conversation", "pairing", "request"."""

    def path():
        from forum.models import BuddyPairing, Topic

        if kind == "topic":
            found = Topic.objects.public().filter(solved_post__isnull=False).first()
        else:
            pairing = BuddyPairing.objects.filter(status="accepted").first()
            found = {"conversation": pairing.conversation, "pairing": pairing}.get(
                kind, pairing.request
            )
        return found.get_absolute_url() + suffix

    return path


def demo_message_to(role) -> callable:
    """The "send a private message" form, addressed to the demo person in ``role``."""

    def path():
        from accounts.demo import demo_user

        return f"/forum/messages/new/?to={demo_user(role).pk}"

    return path


def demo_first(model_path: str, suffix: str = "") -> callable:
    """The first demo object of a model, by id. Ids are not fixed: PostgreSQL does not restart
    its sequences when a test empties the tables."""

    def path():
        from django.apps import apps

        model = apps.get_model(model_path)
        return model.objects.order_by("pk").first().get_absolute_url() + suffix

    return path


def demo_guide() -> str:
    from home.models import GuidePage

    return GuidePage.objects.live().order_by("path").first().url


PAGES = [
    ("home", "/", None),
    ("sign up", "/accounts/signup/", None),
    ("sign in", "/accounts/login/", None),
    ("password reset", "/accounts/password/reset/", None),
    ("settings", "/accounts/settings/", Role.HOLDER),
    ("download my data", "/accounts/export/", Role.HOLDER),
    ("delete my account", "/accounts/delete/", Role.HOLDER),
    ("notifications", "/notifications/", Role.HOLDER),
    ("not found (404)", "/this-page-does-not-exist/", None),
    ("search, empty", "/search/", None),
    ("search, with results", "/search/?q=personal+assistant", None),
    ("search, one kind", "/search/?q=assistant&kind=guides", None),
    ("search, spelling corrected", "/search/?q=persnal+asistant", None),
    ("search, no results", "/search/?q=zzqx+trombone", None),
    ("search, too long", "/search/?q=" + "hoist+" * 60, None),
    ("pooling board", "/pools/", None),
    ("pooling board, no results", "/pools/?postcode=ZE2", None),
    ("pooling board, bad postcode", "/pools/?postcode=not+a+postcode", None),
    ("a pool, as a visitor", demo_pool("forming"), None),
    ("a pool, as its coordinator", demo_pool("viable"), Role.HOLDER),
    ("start a pool", "/pools/new/", Role.HOLDER),
    ("a pool agreement", demo_pool("agreed", "agreement/"), Role.HOLDER),
    ("a shared PA's agreement, to accept", demo_pool("forming", "agreement/"), Role.HOLDER),
    ("a pool's quotes and votes", demo_pool("viable", "decisions/"), Role.HOLDER),
    ("a pool's sessions record", demo_pool("active", "record/"), Role.HOLDER),
    ("a group's PA wanted advert", demo_group_advert(), None),
    ("a PA wanted advert for a group", demo_group_advert(form=True), Role.HOLDER),
    ("forum", "/forum/", None),
    ("forum category", "/forum/c/employing-pas/", None),
    ("forum category, unanswered", "/forum/c/employing-pas/?show=unanswered", None),
    ("forum topic, signed out", demo_forum("topic"), None),
    ("forum topic, signed in", demo_forum("topic"), Role.CARER),
    ("ask a question", "/forum/new/", Role.HOLDER),
    ("my messages", "/forum/messages/", Role.HOLDER),
    ("a private conversation", demo_forum("conversation"), Role.HOLDER),
    ("peer buddies", "/forum/buddies/", Role.HOLDER),
    ("ask for a buddy", "/forum/buddies/ask/", Role.HOLDER),
    ("my buddy request", demo_forum("request"), Role.HOLDER),
    ("a buddy pairing, as the buddy", demo_forum("pairing"), Role.BUDDY),
    ("apply to be a buddy", "/forum/buddies/apply/", Role.CARER),
    ("questions for buddies", "/forum/buddies/unanswered/", Role.BUDDY),
    ("blocked people", "/forum/blocked/", Role.HOLDER),
    ("send a private message", demo_message_to(Role.CARER), Role.HOLDER),
    ("send a private message, nobody named (404)", "/forum/messages/new/", Role.HOLDER),
]

# PA register (the first demo PA's profile and the first demo advert).
PAGES += [
    ("find a PA", "/register/", None),
    ("find a PA: results", "/register/?where=OX16&kinds=personal_care&sort=best", None),
    ("find a PA: no results", "/register/?where=OX4&language=Klingon", None),
    ("find a PA: errors", "/register/?where=ZZ+ZZ&max_rate=-5", None),
    ("a PA's profile", demo_first("pa_register.PAProfile"), None),
    ("a PA's profile, signed in", demo_first("pa_register.PAProfile"), Role.HOLDER),
    ("PA profile editor", "/register/profile/", Role.PA),
    ("PA checks", "/register/profile/checks/", Role.PA),
    ("contact a PA", demo_first("pa_register.PAProfile", "contact/"), Role.HOLDER),
    ("PA wanted adverts", "/register/wanted/", None),
    ("a PA wanted advert", demo_first("pa_register.Advert"), None),
    ("post a PA wanted advert", "/register/wanted/new/", Role.HOLDER),
]

# Guides and plain pages (home/).
PAGES += [
    ("guides", "/guides/", None),
    ("guides, filtered", "/guides/?audience=carer", None),
    ("guides, bad filter", "/guides/?tag=not-a-topic", None),
    ("a guide", demo_guide, None),
    ("glossary", "/glossary/", None),
    ("a standard page (contact)", "/contact/", None),
    ("a standard page (accessibility)", "/accessibility/", None),
    # Easy Read and the print packs for professionals (issue 18).
    ("an Easy Read guide", "/guides/what-is-a-personal-budget/easy-read/", None),
    ("print packs", "/print-packs/", None),
    ("a print pack (GP surgery)", "/print-packs/gp-surgery/", None),
    # Other languages (issue 18): a translated guide and page, and a guide not translated yet.
    ("a translated guide (Polish)", "/pl/guides/you-have-been-offered-a-direct-payment/", None),
    ("a translated page (Romanian contact)", "/ro/contact/", None),
    ("an untranslated guide, in Polish", "/pl/guides/keeping-records/", None),
]


def demo_service_editor() -> str:
    from directory.demo import DEMO_OWNED
    from directory.models import Service

    service = Service.objects.filter(organisation__name=DEMO_OWNED).first()
    return f"/directory/{service.organisation.slug}/services/{service.uuid}/"


# Directory (directory/).
PAGES += [
    ("find support", "/directory/", None),
    ("find support: results", "/directory/?where=OX4&pay=direct_payments&sort=best", None),
    ("find support: no results", "/directory/?where=ZE2&language=Klingon", None),
    ("find support: errors", "/directory/?where=ZZ+ZZ&min_cost=-5", None),
    ("a directory listing", "/directory/cowley-wood-workshop/", None),
    ("a directory listing, signed in", "/directory/oakleaf-crafts/", Role.HOLDER),
    ("send an enquiry", "/directory/oakleaf-crafts/enquire/", Role.HOLDER),
    ("provider: my listings", "/directory/mine/", Role.PROVIDER),
    ("provider: listing editor", "/directory/oakleaf-crafts/edit/", Role.PROVIDER),
    ("provider: new listing", "/directory/new/", Role.PROVIDER),
    ("provider: service editor", demo_service_editor, Role.PROVIDER),
    ("claim a listing", "/directory/cowley-wood-workshop/claim/", Role.PROVIDER),
]


# Every other template that renders a whole page (issue 12: each one is checked for axe, for
# sideways scrolling at 320 and 390 px, and is in `make screenshots`).
def demo_post(role=None, suffix: str = "") -> callable:
    """A public forum post, by the demo person in ``role`` if given (address of ``suffix``)."""

    def path():
        from accounts.demo import demo_user
        from forum.models import Post

        posts = Post.objects.filter(topic__category__isnull=False).order_by("pk")
        if role is not None:
            posts = posts.filter(author=demo_user(role))
        return f"/forum/p/{posts.first().pk}/{suffix}"

    return path


def demo_report_form() -> str:
    from django.contrib.contenttypes.models import ContentType

    from forum.models import Post

    post = Post.objects.filter(topic__category__isnull=False).order_by("pk").first()
    return f"/report/{ContentType.objects.get_for_model(Post).pk}/{post.pk}/"


def demo_check_form() -> str:
    from accounts.demo import demo_user
    from pa_register.models import Check

    check = Check.objects.filter(profile__user=demo_user(Role.PA)).order_by("pk").first()
    return f"/register/profile/checks/{check.pk}/"


def demo_endorsement_form() -> str:
    """The demo has no holder and PA who both said they worked together: make one pair."""
    from django.utils import timezone

    from accounts.demo import demo_user
    from pa_register.models import PAProfile, WorkedTogether

    profile = PAProfile.objects.order_by("pk").first()
    now = timezone.now()
    WorkedTogether.objects.get_or_create(
        holder=demo_user(Role.HOLDER),
        profile=profile,
        defaults={"holder_confirmed_at": now, "pa_confirmed_at": now},
    )
    return f"/register/pa/{profile.pk}/endorse/"


def demo_quote(answer: bool) -> callable:
    """A supplier's page to answer a quote, or the coordinator's form to ask the same supplier."""

    def path():
        from pooling.models import Quote

        quote = Quote.objects.order_by("pk").first()
        if answer:
            return f"/pools/quotes/{quote.pk}/"
        return f"/pools/quotes/ask/?to={quote.supplier_id}"

    return path


def demo_message_to(role) -> callable:
    def path():
        from accounts.demo import demo_user

        return f"/forum/messages/new/?to={demo_user(role).pk}"

    return path


def demo_advert_of(role, suffix: str = "") -> callable:
    def path():
        from accounts.demo import demo_user
        from pa_register.models import Advert

        advert = Advert.objects.filter(author=demo_user(role), group_link__isnull=True).order_by(
            "pk"
        )
        return advert.first().get_absolute_url() + suffix

    return path


PAGES += [
    ("password change", "/accounts/password/change/", Role.HOLDER),
    ("email addresses", "/accounts/email/", Role.HOLDER),
    ("sign out", "/accounts/logout/", Role.HOLDER),
    ("check your email", "/accounts/confirm-email/", None),
    ("password reset sent", "/accounts/password/reset/done/", None),
    ("account deleted", "/accounts/deleted/", None),
    ("report something", demo_report_form, Role.HOLDER),
    ("edit a forum post", demo_post(Role.HOLDER, "edit/"), Role.HOLDER),
    ("a forum post's history", demo_post(None, "history/"), Role.MODERATOR),
    ("send a private message", demo_message_to(Role.PA), Role.HOLDER),
    ("a PA wanted advert, as its author", demo_advert_of(Role.HOLDER), Role.HOLDER),
    ("change a PA wanted advert", demo_advert_of(Role.HOLDER, "edit/"), Role.HOLDER),
    ("PA saved searches", "/register/saved/", Role.HOLDER),
    ("PA check form", demo_check_form, Role.PA),
    ("endorse a PA", demo_endorsement_form, Role.HOLDER),
    ("change a pool", demo_pool("viable", "edit/"), Role.HOLDER),
    ("hand a pool to someone else", demo_pool("viable", "transfer/"), Role.HOLDER),
    ("ask for a quote", demo_quote(answer=False), Role.HOLDER),
    ("answer a quote", demo_quote(answer=True), Role.PROVIDER),
    ("directory: not a provider", "/directory/mine/", Role.HOLDER),
    ("provider: add a service", "/directory/oakleaf-crafts/services/new/", Role.PROVIDER),
]


def demo_reported_topic() -> str:
    """The demo topic whose scam reply is hidden while a moderator looks (issue 13, item 10),
    beside an honest question in the same words that shows the safety note."""
    from forum.demo import SCAM_TEXT
    from forum.models import Post

    return Post.objects.get(body_markdown=SCAM_TEXT).topic.get_absolute_url()


PAGES += [
    ("forum topic with a hidden post and a safety note", demo_reported_topic, None),
]


def demo_adviser_topic(answered: bool, suffix: str = "") -> callable:
    """A demo question passed to advisers: one an adviser answered, or one still waiting for the
    demo adviser (employment law)."""

    def path():
        from forum.models import Escalation

        escalations = Escalation.objects.filter(expertise="employment-law")
        if answered:
            escalations = escalations.filter(answers__isnull=False)
        else:
            escalations = escalations.filter(answers__isnull=True)
        return escalations.first().topic.get_absolute_url() + suffix

    return path


def demo_budget(suffix: str = "") -> callable:
    """The demo holder's budget (My budget, issue 20)."""

    def path():
        from mybudget.models import Budget

        return Budget.objects.order_by("pk").first().get_absolute_url() + suffix

    return path


def demo_meeting(kind: str, suffix: str = "") -> callable:
    """A demo meeting: "online" (upcoming), "venue" (upcoming, in person), "full" (with a
    waiting list), "notes" (past, with notes and the council listener's questions)."""

    def path():
        from django.db.models import Count, Q
        from django.utils import timezone

        from meetings.models import Meeting

        now = timezone.now()
        upcoming = Meeting.objects.filter(starts_at__gt=now).order_by("starts_at")
        if kind == "online":
            found = upcoming.filter(format="online").first()
        elif kind == "venue":
            found = upcoming.filter(format="in_person").first()
        elif kind == "full":
            found = (
                upcoming.annotate(waiting=Count("rsvps", filter=Q(rsvps__status="waiting")))
                .filter(waiting__gt=0)
                .first()
            )
        else:
            found = Meeting.objects.filter(questions__isnull=False).distinct().first()
        return found.get_absolute_url() + suffix

    return path


def demo_timeline(suffix: str = "") -> callable:
    """The demo holder's stalled application (a promised date passed)."""

    def path():
        from mybudget.models import Timeline

        return Timeline.objects.get(kind="application").get_absolute_url() + suffix

    return path


# Ask an expert (issue 17, items 4 and 5).
PAGES += [
    ("forum topic with an adviser's answer", demo_adviser_topic(answered=True), None),
    ("forum topic passed to advisers, as a buddy", demo_adviser_topic(answered=False), Role.BUDDY),
    ("advisers' questions, waiting", "/forum/advisers/", Role.ADVISER),
    ("advisers' questions, answered", "/forum/advisers/?show=answered", Role.ADVISER),
    ("answer as an adviser", demo_adviser_topic(False, "advisers/answer/"), Role.ADVISER),
    ("a guide with an adviser's answer", "/guides/pa-holiday-pay-and-your-pay/", None),
]


def demo_series() -> str:
    from meetings.models import Series

    return Series.objects.order_by("pk").first().get_absolute_url()


# Meetings (issue 17).
PAGES += [
    ("meetings", "/meetings/", None),
    ("meetings near OX4, online or in person", "/meetings/?postcode=OX4&within=10", None),
    ("meetings, bad postcode", "/meetings/?postcode=not+a+postcode", None),
    ("meetings, none match", "/meetings/?postcode=ZE2&format=in_person", None),
    ("a meeting in person, as a visitor", demo_meeting("venue"), None),
    ("a meeting I'm coming to with an access need", demo_meeting("venue"), Role.HOLDER),
    ("an online meeting, as a visitor", demo_meeting("online"), None),
    ("a full meeting, on its waiting list", demo_meeting("full"), Role.HOLDER),
    ("a meeting, as its organiser", demo_meeting("venue"), Role.BUDDY),
    ("a past meeting with the listener's questions", demo_meeting("notes"), Role.BUDDY),
    ("meeting notes", demo_meeting("notes", "notes/"), None),
    ("write meeting notes", demo_meeting("notes", "notes/write/"), Role.BUDDY),
    ("a meeting series", demo_series, None),
    ("organise a meeting", "/meetings/new/", Role.BUDDY),
    ("organise a meeting: not an organiser (403)", "/meetings/new/", Role.HOLDER),
    ("your meetings calendar", "/meetings/calendar/", Role.HOLDER),
]


# My budget (mybudget/): private pages, seen by the demo holder.
PAGES += [
    ("my budget", "/my-budget/", Role.HOLDER),
    ("a budget", demo_budget(), Role.HOLDER),
    ("set up a budget", "/my-budget/new/", Role.HOLDER),
    ("a regular payment", demo_budget("repeating/new/"), Role.HOLDER),
    ("a budget statement", demo_budget("statement/"), Role.HOLDER),
    ("share my budget", "/my-budget/sharing/", Role.HOLDER),
    ("a timeline, a date passed", demo_timeline(), Role.HOLDER),
    ("a chase letter", demo_timeline("letter/chase/"), Role.HOLDER),
    ("start a timeline", "/my-budget/timelines/new/", Role.HOLDER),
    ("a budget, to someone else (404)", demo_budget(), Role.CARER),
]


# PA vetting (pa_register/vetting.py): references, the code of conduct, right to work.
def demo_reference_link() -> str:
    """A referee's private page: a demo reference still waiting for its referee."""
    from pa_register.models import Reference
    from pa_register.vetting import reference_url

    reference = Reference.objects.filter(status="asked").exclude(nonce="").order_by("pk").first()
    return reference_url(reference)


def demo_shared_references() -> str:
    """The demo PA talks to the demo holder and shares their references with them."""
    from accounts.demo import demo_user
    from conversations.services import start_conversation
    from forum.models import Topic
    from pa_register.models import ReferenceShare

    holder, pa = demo_user(Role.HOLDER), demo_user(Role.PA)
    if not Topic.objects.conversations_of(holder).filter(participants=pa).exists():
        start_conversation(holder, [pa], "About PA work", "Hello", check_rate_limit=False)
    ReferenceShare.objects.get_or_create(profile=pa.pa_profile, holder=holder)
    return f"/register/pa/{pa.pa_profile.pk}/references/"


PAGES += [
    ("my PA references", "/register/profile/references/", Role.PA),
    ("a referee's reference form", demo_reference_link, None),
    ("a reference link that does not exist (404)", "/register/reference/not-a-link/", None),
    ("a PA's references, shared with a holder", demo_shared_references, Role.HOLDER),
    ("the PAs' code of conduct", "/register/code-of-conduct/", None),
    ("how to check a PA's right to work", "/register/right-to-work/", None),
]


def demo_kit(suffix: str = "") -> callable:
    """The demo holder's recruitment kit for the advert with interviews booked."""

    def path():
        from hiring.demo import BOOKED
        from pa_register.models import Advert

        return f"/hiring/advert/{Advert.objects.get(title=BOOKED).pk}/{suffix}"

    return path


def demo_interview(picked: bool = True, suffix: str = "") -> callable:
    """A demo interview on the booked advert: the demo PA's (a time picked, a supporter) or
    another PA's (still choosing); ``suffix`` "propose" is its "offer times" form."""

    def path():
        from hiring.demo import BOOKED
        from hiring.models import Interview

        found = Interview.objects.filter(
            response__advert__title=BOOKED, chosen__isnull=not picked
        ).first()
        if suffix == "propose":
            return f"/hiring/replies/{found.response_id}/interview/"
        return found.get_absolute_url()

    return path


# Hiring (issue 19): the recruitment kit, interviews and offers; private but the checklist.
PAGES += [
    ("employing a PA: the checklist", "/hiring/checklist/", None),
    ("hiring, my adverts' kits", "/hiring/", Role.HOLDER),
    ("hiring, my interviews as a PA", "/hiring/", Role.PA),
    ("a recruitment kit", demo_kit(), Role.HOLDER),
    ("the employment status check", demo_kit("status/"), Role.HOLDER),
    ("a kit's contract outline", demo_kit("contract-outline/"), Role.HOLDER),
    ("a kit's scoring sheet", demo_kit("scoring-sheet/"), Role.HOLDER),
    ("a kit's interview questions", demo_kit("interview-questions/"), Role.HOLDER),
    ("offer interview times", demo_interview(False, "propose"), Role.HOLDER),
    ("an interview with a supporter, as the holder", demo_interview(), Role.HOLDER),
    ("an interview, as the PA", demo_interview(), Role.PA),
    ("an interview, as the supporter", demo_interview(), Role.CARER),
    ("an interview, to someone else (404)", demo_interview(), Role.BUDDY),
]
