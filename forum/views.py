"""Forum pages. Rules live in posting.py, buddies.py and the conversations app; these only glue."""

from __future__ import annotations

from functools import cache

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_moderator
from conversations import services as conversations
from conversations.models import Participant
from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pagination import paginate
from pbsite.request_parsing import id_param
from pbsite.statements import Statement

from . import posting, private_access
from .filters import TopicFilter
from .forms import ConversationForm, EditPostForm, ReplyForm, TopicForm, WatchForm
from .models import Category, Post, PostRevision, Topic, WatchLevel, mark_held, reader_id
from .safety import CRISIS_HELP, CRISIS_PHRASES, suggests_crisis

CRISIS_SESSION_KEY = "forum_show_crisis_help"
SENT_DRAFTS_SESSION_KEY = "forum_drafts_sent"
MESSAGES_CRUMBS = [("Forum", "/forum/"), ("Messages", "/forum/messages/")]


def _draft_sent(request, draft_key: str) -> None:
    """The server has the post: the next topic page tells the browser to forget its draft."""
    sent = request.session.get(SENT_DRAFTS_SESSION_KEY, [])
    request.session[SENT_DRAFTS_SESSION_KEY] = [*sent, draft_key][-10:]


def forum_index(request):
    latest = Topic.objects.public().select_related("category", "author")[:10]
    return render(
        request, "forum/index.html", {"category_cards": category_cards(), "latest": latest}
    )


def category_cards() -> str:
    """The forum's categories as cards, with how many public topics each has: rendered once per
    process for what they show (pbsite.fragments), read as the plain values they show."""
    rows = Category.objects.annotate(
        topic_count=Count("topics", filter=Q(topics__in=Topic.objects.public()))
    ).values_list("name", "slug", "description", "topic_count")
    cards = tuple(
        (name, reverse("forum:category", args=[slug]), description, topic_count)
        for name, slug, description, topic_count in rows
    )
    return render_once("forum/_category_cards.html", {"categories": cards}, shows=cards)


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    topics = Topic.objects.visible_to(request.user).filter(category=category)
    topic_filter = TopicFilter(request.GET, queryset=topics.select_related("author"))
    page = paginate(request, topic_filter.qs, per_page=25)
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "filter": topic_filter,
            "page": page,
            "crumbs": [("Forum", "/forum/")],
        },
    )


def visible_topic_or_404(user, pk) -> Topic:
    topic = get_object_or_404(Topic.objects.select_related("category", "author"), pk=pk)
    if not topic.is_visible_to(user):
        raise Http404
    return topic


#: A topic with its category and author, as its page reads it on every view: the SQL built once
#: per process (pbsite.statements).
_topic_with_category = Statement(
    lambda topic: Topic.objects.select_related("category", "author").filter(pk=topic).order_by(),
    "topic",
)


def topic_detail(request, pk):
    found = _topic_with_category.objects(topic=pk)
    if not found:
        raise Http404
    topic = found[0]
    # A conversation's page lists its people, who are also the only ones who may see it.
    people = _people_in(topic) if topic.is_private else []
    if not topic.is_visible_to(request.user, people=people):
        raise Http404
    form = ReplyForm(initial=_reply_initial(request, topic))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={topic.get_absolute_url()}")
        form = ReplyForm(request.POST)
        if form.is_valid():
            saved = _save_reply(request, topic, form)
            if saved is not None:
                _draft_sent(request, _topic_draft_key(topic))
                return HttpResponseRedirect(saved.get_absolute_url())
    if topic.is_private:
        conversations.mark_read(topic, request.user)
    return render(request, "forum/topic.html", _topic_context(request, topic, form, people))


def _topic_draft_key(topic) -> str:
    return f"topic-{topic.pk}"


def _reply_initial(request, topic) -> dict:
    """``?quote=`` fills the box with a quote; ``?reply_to=`` links the reply to a post."""
    initial = {}
    for key in ("quote", "reply_to"):
        if (post_id := id_param(request.GET, key)) is None:
            continue
        post = Post.objects.readable_in(topic, request.user).filter(pk=post_id).first()
        if post is not None:
            initial["reply_to"] = post.pk
            if key == "quote":
                initial["body"] = posting.quote_text(post)
    return initial


def _save_reply(request, topic, form):
    reply_to = None
    if form.cleaned_data.get("reply_to"):
        reply_to = Post.objects.filter(topic=topic, pk=form.cleaned_data["reply_to"]).first()
    try:
        post = posting.reply(topic, request.user, form.cleaned_data["body"], reply_to=reply_to)
    except posting.PostingError as error:
        form.add_error(None, str(error))
        return None
    _after_posting(request, post)
    return post


def _after_posting(request, post) -> None:
    if suggests_crisis(post.body_markdown):
        request.session[CRISIS_SESSION_KEY] = True
    if not post.approved:
        messages.info(
            request,
            _(
                "Thank you. A moderator will check your post soon, then everyone can see it. "
                "New members' first posts, and posts with links, are checked first."
            ),
        )


#: What a topic page shows of each post and its author (post_component), and no more: each row
#: of the posts' query makes several model instances, its author's of twenty columns.
POST_RELATIONS = ["author__buddy_profile", "author__adviser_record", "adviser_answer"]
_PERSON = ["display_name", "deleted_at", "is_active"]
POST_FIELDS = [
    *[field.name for field in Post._meta.concrete_fields if field.name != "edit_version"],
    *[f"author__{field}" for field in _PERSON],
    "author__buddy_profile__status",
    "author__adviser_record__checked_on",
    "adviser_answer",
]


@cache
def _topic_page_posts(moderator: bool, signed_in: bool) -> Statement:
    """The posts' query of a topic page (``Post.objects.on_topic_page``), its SQL built once per
    process for each kind of reader (of about 5,000 calls a page, building it was 4,000): only
    the topic's id and the reader's vary."""
    shown = Post.objects.select_related(*POST_RELATIONS).only(*POST_FIELDS)
    if moderator or not signed_in:
        return Statement(
            lambda topic: shown.for_topic_page(topic, None, moderator=moderator), "topic"
        )
    return Statement(
        lambda topic, reader: shown.for_topic_page(topic, reader, moderator=False),
        "topic",
        "reader",
    )


def _posts_on_page(topic, user) -> list:
    """``Post.objects.on_topic_page`` with what the page shows of each post, by its kept SQL."""
    moderator = is_moderator(user)
    reader = reader_id(user)
    posts = _topic_page_posts(moderator, reader is not None)
    if moderator or reader is None:
        return mark_held(posts.objects(topic=topic.pk), user, moderator)
    return mark_held(posts.objects(topic=topic.pk, reader=reader), user, moderator)


def _with_replied_to(posts: list) -> list:
    """Each reply's "In reply to" post, with its author: almost always one of the topic's posts
    already read, and one query for any others (a post hidden from this reader shows its
    author's name too, as the topic page always has)."""
    by_pk = {post.pk: post for post in posts}
    missing = {post.reply_to_id for post in posts if post.reply_to_id} - by_pk.keys()
    if missing:
        others = Post.objects.filter(pk__in=missing).select_related("author")
        fields = ["author", *[f"author__{field}" for field in _PERSON]]
        by_pk.update({post.pk: post for post in others.only(*fields)})
    for post in posts:
        if post.reply_to_id in by_pk:
            post.reply_to = by_pk[post.reply_to_id]
    return posts


def _people_in(conversation) -> list:
    """A conversation's people, with what its page shows of them (names, whether they may be
    written to: ``conversations.message_link_targets``)."""
    return _conversation_people.objects(conversation=conversation.pk)


#: ``conversation.participants.only(*_PERSON)``, asked on every conversation page: its SQL built
#: once per process (pbsite.statements).
_conversation_people = Statement(
    lambda conversation: (
        get_user_model().objects.filter(conversations__id=conversation).only(*_PERSON)
    ),
    "conversation",
)


def _topic_context(request, topic, form, participants: list) -> dict:
    user = request.user
    posts = _with_replied_to(_posts_on_page(topic, user))
    solved = next(
        (p for p in posts if p.pk == topic.solved_post_id and not getattr(p, "shown_as_held", 0)),
        None,
    )
    can_reply = user.is_authenticated and (not topic.locked or is_moderator(user))
    if topic.is_private:
        can_reply = can_reply and any(p.pk == user.pk for p in participants)
    # Beside posts in public topics, and in group conversations (not to the one other person).
    offer_messages = not topic.is_private or len(participants) > 2
    return {
        "topic": topic,
        "posts": posts,
        "message_targets": conversations.message_link_targets(
            user, {p.author for p in posts if p.author} if offer_messages else []
        ),
        "first_post_id": posts[0].pk if posts else None,
        "solved": solved,
        "form": form,
        "reply_fields": _blank_reply_fields(form) if can_reply else "",
        "can_reply": can_reply,
        "is_moderator": is_moderator(user),
        "participants": participants,
        "watch_level": posting.watch_level(user, topic),
        "show_crisis_help": request.session.pop(CRISIS_SESSION_KEY, False),
        "draft_key": _topic_draft_key(topic),
        "drafts_sent": request.session.pop(SENT_DRAFTS_SESSION_KEY, []),
        "crisis_help": CRISIS_HELP,
        "crisis_phrases": "|".join(CRISIS_PHRASES),
        "crumbs": _crumbs(topic),
    }


def _blank_reply_fields(form) -> str:
    """The reply box as most topic pages show it, empty: the same on every one, so rendered once
    per process (for each language). A box filled by a quote, or sent back with an error, is
    rendered with its page."""
    if form.is_bound or form.initial:
        return ""
    return render_once("components/form_fields.html", {"form": form}, shows="ReplyForm, empty")


def _crumbs(topic) -> list[tuple[str, str]]:
    if topic.is_private:
        return MESSAGES_CRUMBS
    return [("Forum", "/forum/"), (topic.category.name, topic.category.get_absolute_url())]


@login_required
def new_topic(request):
    initial = {}
    if slug := request.GET.get("category"):
        initial["category"] = Category.objects.filter(slug=slug).first()
    form = TopicForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = posting.create_topic(
                request.user, data["category"], data["title"], data["body"]
            )
        except posting.PostingError as error:
            form.add_error(None, str(error))
        else:
            _after_posting(request, topic.posts.first())
            _draft_sent(request, "new-topic")
            return HttpResponseRedirect(topic.get_absolute_url())
    return render(request, "forum/topic_form.html", _compose_context(form, draft_key="new-topic"))


def _compose_context(form, **extra) -> dict:
    return {
        "form": form,
        "crisis_help": CRISIS_HELP,
        "crisis_phrases": "|".join(CRISIS_PHRASES),
        **extra,
    }


@login_required
def edit_post(request, pk):
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("topic"), pk=pk)
    if not posting.can_edit(request.user, post):
        raise Http404
    moderating = post.author_id != request.user.pk
    form = EditPostForm(posted(request), initial={"body": post.body_markdown}, edits=post)
    if request.method == "POST" and form.is_valid():
        if moderating and not form.cleaned_data["reason"].strip():
            form.add_error("reason", _("Say why you are changing someone else's post."))
        elif saved := save_unless_changed(
            form,
            lambda: posting.edit_post(
                post,
                request.user,
                form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
                edit_version=form.started_from,
            ),
        ):
            if suggests_crisis(saved.body_markdown):
                request.session[CRISIS_SESSION_KEY] = True
            messages.success(request, _("Your changes are saved."))
            _draft_sent(request, f"edit-{post.pk}")
            return HttpResponseRedirect(post.get_absolute_url())
    if not moderating:
        form.fields.pop("reason")
    return render(
        request,
        "forum/post_edit.html",
        _compose_context(form, post=post, topic=post.topic, draft_key=f"edit-{post.pk}"),
    )


@login_required
def post_history(request, pk):
    """Earlier versions of a post: for moderators only.

    A private message is for its conversation's participants: a moderator who is not one reaches
    it only through an open report on that very post (``?report=<id>``), and the reading is
    written to the report's audit log.
    """
    if not is_moderator(request.user):
        raise Http404
    post = get_object_or_404(Post.objects.select_related("topic", "author"), pk=pk)
    report = None
    if post.topic.is_private and not conversations.is_participant(request.user, post.topic_id):
        report = private_access.open_report_on(post, request.GET.get("report", ""))
        if report is None:
            raise Http404
        private_access.log_reading_through_report(report, post, request.user)
    revisions = PostRevision.objects.filter(post=post).select_related("edited_by")
    return render(
        request,
        "forum/post_history.html",
        {"post": post, "revisions": revisions, "report": report},
    )


@login_required
@require_POST
def mark_solved(request, pk):
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("topic"), pk=pk)
    try:
        posting.mark_solved(post.topic, post, request.user)
    except posting.PostingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. The answer now shows under your question."))
    return HttpResponseRedirect(post.topic.get_absolute_url())


@login_required
@require_POST
def watch_topic(request, pk):
    topic = visible_topic_or_404(request.user, pk)
    form = WatchForm(request.POST)
    level = form.cleaned_data["level"] if form.is_valid() else ""
    posting.set_watch(request.user, topic, level or None)
    if topic.is_private:
        said = {
            WatchLevel.MUTED: _(
                "This conversation is muted. We will tell you about it only if someone "
                "mentions you."
            ),
        }
        default = _("We will tell you about every new message in this conversation.")
    else:
        said = {
            WatchLevel.WATCHING: "You are watching this topic. We will tell you about new replies.",
            WatchLevel.MUTED: "This topic is muted. We will not tell you about it.",
        }
        default = "We will only tell you if someone mentions you."
    messages.success(request, said.get(level, default))
    return HttpResponseRedirect(topic.get_absolute_url())


# --- Private conversations ---------------------------------------------------------------------


@login_required
def conversation_list(request):
    topics = Topic.objects.conversations_of(request.user).prefetch_related(_PEOPLE_LINKS)
    page = paginate(request, topics.order_by("-last_activity"), per_page=25)
    for topic in page:
        links = topic.participant_links.all()
        topic.others = [link.user for link in links if link.user_id != request.user.pk]
        mine = next((link for link in links if link.user_id == request.user.pk), None)
        topic.unread = mine is not None and conversations.is_unread(
            topic.last_activity, mine.last_read, mine.joined
        )
    return render(request, "forum/conversations.html", {"page": page})


#: Each conversation's people with what the list shows of them (their names, in the order of
#: names), and the reader's own link (when they last read it): one query for the page.
_PEOPLE_LINKS = Prefetch(
    "participant_links",
    queryset=Participant.objects.select_related("user")
    .only("topic", "user", "joined", "last_read", *[f"user__{field}" for field in _PERSON])
    .order_by("user__display_name"),
)


@login_required
def conversation_new(request):
    recipient = None
    if (to := id_param(request.GET, "to")) is not None:
        recipient = get_user_model().objects.filter(pk=to, is_active=True).first()
    if recipient is None or recipient.pk == request.user.pk:
        return render(request, "forum/conversation_form.html", {"recipient": None}, status=404)
    # Refused before anything is typed. A send refused after a block made while they typed
    # goes through the form below instead, so what they wrote stays with the reason.
    if request.method != "POST" and not conversations.may_offer_message(request.user, recipient):
        blocked_them = conversations.has_blocked(request.user, recipient)
        return render(
            request,
            "forum/conversation_form.html",
            {
                "recipient": recipient,
                "refused": True,
                "blocked_them": blocked_them,
                "crumbs": MESSAGES_CRUMBS,
            },
            status=403,
        )
    form = ConversationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = conversations.start_conversation(
                request.user, [recipient], data["title"], data["body"]
            )
        except (conversations.ConversationError, posting.PostingError) as error:
            form.add_error(None, str(error))
        else:
            _after_posting(request, topic.posts.first())
            _draft_sent(request, f"message-{recipient.pk}")
            return HttpResponseRedirect(topic.get_absolute_url())
    return render(
        request,
        "forum/conversation_form.html",
        _compose_context(
            form,
            recipient=recipient,
            draft_key=f"message-{recipient.pk}",
            crumbs=MESSAGES_CRUMBS,
        ),
    )


@login_required
def blocked_list(request):
    blocks = conversations.blocks_made_by(request.user).select_related("blocked")
    return render(request, "forum/blocked.html", {"blocks": blocks})


@login_required
@require_POST
def block_person(request, user_id):
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.POST.get("undo"):
        conversations.unblock(request.user, person)
        messages.success(request, _("You have unblocked %(name)s.") % {"name": person.public_name})
    else:
        conversations.block(request.user, person)
        messages.success(
            request,
            _("You have blocked %(name)s. They cannot message you now.")
            % {"name": person.public_name},
        )
    return HttpResponseRedirect("/forum/blocked/")
