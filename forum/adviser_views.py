"""Ask an expert: pass a question to advisers, the advisers' queue, and answering as an adviser.
The rules live in advisers.py; these only glue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pbsite.forms import posted
from pbsite.fragments import render_once
from pbsite.pagination import paginate
from pbsite.request_parsing import number_param

from . import advisers, posting
from .adviser_forms import AdviserAnswerForm, PassToAdvisersForm, QueueFilterForm
from .forms import ReplyForm
from .models import Escalation, Post, Topic

QUEUE_CRUMBS = [(_("Forum"), "/forum/")]


def _visible_public_topic(user, pk) -> Topic:
    """The topic, or 404 for anyone who may not read it (private and hidden topics included)."""
    topics = Topic.objects.visible_to(user).filter(is_private=False, category__isnull=False)
    # With its category: the answer page's crumbs name it.
    return get_object_or_404(topics.select_related("category"), pk=pk)


@login_required
@require_POST
def pass_to_advisers(request, pk):
    topic = _visible_public_topic(request.user, pk)
    already = Escalation.objects.filter(topic=topic).values_list("expertise", flat=True)
    form = PassToAdvisersForm(request.POST, already=already)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("expertise", [])))
        return HttpResponseRedirect(f"{topic.get_absolute_url()}#advisers")
    try:
        escalation = advisers.pass_to_advisers(topic, request.user, form.cleaned_data["expertise"])
    except advisers.AdviserError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Thank you. The question is now with the %(expertise)s advisers. We will tell "
                "the person who asked when an adviser answers. Members can still reply too."
            )
            % {"expertise": escalation.get_expertise_display()},
        )
    return HttpResponseRedirect(f"{topic.get_absolute_url()}#advisers")


@login_required
def answer(request, pk):
    topic = _visible_public_topic(request.user, pk)
    record = advisers.adviser_record(request.user)
    escalation = advisers.open_escalation_for(topic, record) if record else None
    form = AdviserAnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            post = advisers.answer(topic, request.user, form.cleaned_data["body"])
        except (advisers.AdviserError, posting.PostingError) as error:
            # Not an adviser now, or posting too fast: say so, and keep what they typed.
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you. Your answer is in the topic, marked as an adviser's answer."),
            )
            return HttpResponseRedirect(post.get_absolute_url())
    question = Post.objects.readable_in(topic, request.user).select_related("author").first()
    can_answer = record is not None and record.is_current and escalation is not None
    typed = form.data.get("body", "") if form.is_bound else ""
    # Someone who may not answer as an adviser keeps what they typed, to post as a member.
    member_form = ReplyForm(initial={"body": typed}) if typed and not can_answer else None
    return render(
        request,
        "forum/advisers/answer.html",
        {
            "topic": topic,
            "question": question,
            "record": record,
            "escalation": escalation,
            "form": form,
            "member_form": member_form,
            "crumbs": [
                (_("Forum"), "/forum/"),
                (topic.category.name, topic.category.get_absolute_url()),
                (topic.title, topic.get_absolute_url()),
            ],
        },
        status=200 if can_answer else 403,
    )


@login_required
def queue(request):
    record = advisers.adviser_record(request.user)
    filter_form = QueueFilterForm(request.GET or None)
    answered = filter_form.is_valid() and filter_form.cleaned_data["show"] == "answered"
    context = {
        "record": record,
        "filter_form": filter_form,
        "filter_fields": _filter_fields(filter_form),
        "answered": answered,
    }
    if record is None:
        return render(request, "forum/advisers/queue.html", context, status=403)
    if record.is_current:
        page = _queue_page(request, record, answered)
        # The waiting list is the questions without a shown answer (``advisers.queue``): only
        # the answered list has answers to read.
        found = advisers.answers_for([escalation.pk for escalation in page]) if answered else {}
        for escalation in page:
            escalation.shown_answers = found.get(escalation.pk, [])
        context["page"] = page
    return render(request, "forum/advisers/queue.html", context)


#: Questions on a page of the advisers' list.
QUEUE_PAGE = 25


def _queue_page(request, record, answered: bool) -> Page:
    """The page of the list asked for. The first is read by kept SQL (``advisers.queue_start``)
    with one row more than it shows: when all fit, those rows are the count, as ``paginate``
    does for a first page; a longer list, or a later page, is paginated as before."""
    if number_param(request.GET, "page", default=1) == 1:
        rows = advisers.queue_start(
            record, answered=answered, user=request.user, size=QUEUE_PAGE + 1
        )
        if len(rows) <= QUEUE_PAGE:
            return Page(rows, 1, Paginator(rows, QUEUE_PAGE))
    questions = advisers.queue(record, answered=answered, user=request.user)
    return paginate(request, questions, per_page=QUEUE_PAGE)


def _filter_fields(form) -> str:
    """The filter's one field, without an error: the same HTML for each value it was sent, so
    rendered once per process for each (and the language). One with an error (a value not
    among the choices) is rendered with its page."""
    if form.is_bound and not form.is_valid():
        return ""
    shows = ("QueueFilterForm", form.is_bound, form.data.get("show"))
    return render_once("components/form_fields.html", {"form": form}, shows=shows)
