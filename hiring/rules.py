"""Hiring's rules, on plain values: the employment-status check, statutory holiday, which
documents a kit holds, the interview questions chosen from the bank, and interview times.

None of this is legal advice: each document says what to check with a payroll or employment
adviser. The status questions follow the ideas of HMRC's employment-status check (who decides
how the work is done, substitution, running a business, equipment, how they are paid) in plain
words; HMRC's own tool (CEST) gives the answer HMRC stands by.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

EMPLOYED = "employed"
SELF_EMPLOYED = "self_employed"
AGENCY = "agency"

# (name, question, [(value, answer)]): the answers' words are translated in forms.py.
STATUS_QUESTIONS = [
    (
        "control",
        _("Who will decide how, when and where the work is done?"),
        [
            ("me", _("I will (or the person I support will)")),
            ("them", _("The PA will: they decide how to do the work")),
            ("agency", _("An agency will")),
        ],
    ),
    (
        "substitute",
        _("If the PA cannot come, can they send someone else of their own choosing?"),
        [
            ("no", _("No: it must be them, or I find cover")),
            ("yes", _("Yes: they can send anyone suitable, and pay them")),
            ("agency", _("The agency sends someone")),
        ],
    ),
    (
        "business",
        _(
            "Does the PA run a business of their own, working for several people at prices "
            "they set?"
        ),
        [
            ("no", _("No, or I don't know")),
            ("yes", _("Yes")),
            ("agency", _("No: they work for an agency")),
        ],
    ),
    (
        "equipment",
        _("Who pays for what the work needs (apart from things in your home)?"),
        [
            ("me", _("I do, or it is not needed")),
            ("them", _("The PA brings and pays for their own")),
        ],
    ),
    (
        "paid",
        _("Whom will you pay, and how?"),
        [
            ("wage", _("The PA: a wage for the hours they work")),
            ("invoice", _("The PA: they send me an invoice for the work")),
            ("agency", _("An agency, which pays the PA")),
        ],
    ),
]
QUESTION_NAMES = [name for name, _question, _answers in STATUS_QUESTIONS]


@dataclass(frozen=True)
class StatusOutcome:
    status: str
    reasons: tuple[str, ...]


def employment_status(answers: dict[str, str]) -> StatusOutcome:
    """Employed, self-employed or through an agency, from the five answers.

    An agency that pays the PA (or chooses and sends them) makes it agency work. Self-employment
    needs the signs HMRC weighs most: the PA decides how the work is done or may send a
    substitute, and at least three of the five answers point that way. Anything else is
    employment, the usual case for a PA and the safer one to assume."""
    agency_answers = [name for name in QUESTION_NAMES if answers.get(name) == AGENCY]
    if answers.get("paid") == AGENCY or len(agency_answers) >= 2:
        return StatusOutcome(AGENCY, (_g("You will pay an agency, and the agency pays the PA."),))
    signs = {
        "control": answers.get("control") == "them",
        "substitute": answers.get("substitute") == "yes",
        "business": answers.get("business") == "yes",
        "equipment": answers.get("equipment") == "them",
        "paid": answers.get("paid") == "invoice",
    }
    reason_words = {
        "control": _g("the PA decides how the work is done"),
        "substitute": _g("the PA can send someone else in their place"),
        "business": _g("the PA runs a business of their own"),
        "equipment": _g("the PA pays for what the work needs"),
        "paid": _g("the PA invoices you"),
    }
    found = tuple(reason_words[name] for name, yes in signs.items() if yes)
    if (signs["control"] or signs["substitute"]) and len(found) >= 3:
        return StatusOutcome(SELF_EMPLOYED, found)
    if found:
        return StatusOutcome(
            EMPLOYED,
            (
                _g("Most of your answers describe an employee, even though %(signs)s.")
                % {"signs": "; ".join(found)},
            ),
        )
    return StatusOutcome(EMPLOYED, (_g("You decide how the work is done and it must be them."),))


# --- the documents ----------------------------------------------------------------------------

JOB_DESCRIPTION = "job-description"
PERSON_SPECIFICATION = "person-specification"
INTERVIEW_QUESTIONS = "interview-questions"
SCORING_SHEET = "scoring-sheet"
OFFER_LETTER = "offer-letter"
CONTRACT = "contract-outline"
SERVICE_AGREEMENT = "service-agreement"
AGENCY_QUESTIONS = "agency-questions"

_CHOOSING = (JOB_DESCRIPTION, PERSON_SPECIFICATION, INTERVIEW_QUESTIONS, SCORING_SHEET)
KIT_DOCUMENTS = {
    EMPLOYED: (*_CHOOSING, OFFER_LETTER, CONTRACT),
    SELF_EMPLOYED: (*_CHOOSING, SERVICE_AGREEMENT),
    AGENCY: (JOB_DESCRIPTION, PERSON_SPECIFICATION, AGENCY_QUESTIONS),
}


def kit_documents(status: str) -> tuple[str, ...]:
    """The documents a kit holds for an arrangement: an employee gets an offer letter and a
    contract outline, a self-employed PA a service agreement outline instead, and an agency
    only what to tell and ask the agency."""
    return KIT_DOCUMENTS.get(status, KIT_DOCUMENTS[EMPLOYED])


# --- holiday ------------------------------------------------------------------------------------

STATUTORY_WEEKS = Decimal("5.6")
STATUTORY_DAYS_CAP = Decimal(28)


@dataclass(frozen=True)
class Holiday:
    weeks: Decimal
    hours: Decimal | None
    days: Decimal | None


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def statutory_holiday(hours_per_week, days_per_week=None) -> Holiday:
    """The legal minimum paid holiday a year: 5.6 weeks of the PA's usual working week (pro
    rata for part time), no more than 28 days for someone working more than five days."""
    hours = days = None
    if days_per_week:
        days = min(STATUTORY_WEEKS * Decimal(days_per_week), STATUTORY_DAYS_CAP)
    if hours_per_week:
        hours = STATUTORY_WEEKS * Decimal(hours_per_week)
        if days_per_week and Decimal(days_per_week) * STATUTORY_WEEKS > STATUTORY_DAYS_CAP:
            hours = Decimal(hours_per_week) / Decimal(days_per_week) * STATUTORY_DAYS_CAP
    return Holiday(
        STATUTORY_WEEKS,
        _tenth(hours) if hours is not None else None,
        _tenth(days) if days is not None else None,
    )


def pays_at_least(rate_pence: int | None, minimum_pence: int) -> bool | None:
    """Does the rate reach the National Living Wage? None when no rate is given."""
    if rate_pence is None:
        return None
    return rate_pence >= minimum_pence


# --- the question bank --------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    text: str
    listen_for: str = ""
    kind: str = ""  # a SupportKind code, or "" for any job
    skill: str = ""  # a Skill slug, or ""


def choose_questions(bank, kinds, skills, *, limit: int = 8) -> list[Question]:
    """Questions for this job: those about its skills first, then its kinds of support, then
    general ones, without repeats, at most ``limit``."""
    kinds, skills = set(kinds), set(skills)
    by_skill = [q for q in bank if q.skill and q.skill in skills]
    by_kind = [q for q in bank if q.kind and not q.skill and q.kind in kinds]
    general = [q for q in bank if not q.kind and not q.skill]
    chosen: list[Question] = []
    seen: set[str] = set()
    # Two general questions always stay, so every interview opens and closes the same way.
    for question in general[:1] + by_skill + by_kind + general[1:]:
        if question.text in seen:
            continue
        seen.add(question.text)
        chosen.append(question)
    if len(chosen) > limit:
        kept_general = [q for q in chosen if not q.kind and not q.skill][:2]
        rest = [q for q in chosen if q not in kept_general][: limit - len(kept_general)]
        chosen = [q for q in chosen if q in kept_general or q in rest]
    return chosen


# --- interview times ----------------------------------------------------------------------------

MIN_SLOTS = 2
MAX_SLOTS = 5
EARLIEST_NOTICE = datetime.timedelta(hours=2)


def check_slots(starts: list[datetime.datetime], now: datetime.datetime) -> list[str]:
    """What is wrong with the proposed times (an empty list when nothing is)."""
    problems = []
    if len(starts) < MIN_SLOTS:
        problems.append(
            _g("Give at least %(count)s times, so the PA has a choice.") % {"count": MIN_SLOTS}
        )
    if len(starts) > MAX_SLOTS:
        problems.append(_g("Give no more than %(count)s times.") % {"count": MAX_SLOTS})
    if any(start < now + EARLIEST_NOTICE for start in starts):
        problems.append(_g("Every time must be in the future, at least 2 hours from now."))
    if len(set(starts)) != len(starts):
        problems.append(_g("Two of the times are the same. Change one of them."))
    return problems


DECISION_OFFER = "offer"
DECISION_NOT_THIS_TIME = "not_this_time"


def may_answer_offer(decision: str, answered: bool, advert_filled: bool) -> str:
    """Why a PA cannot answer an offer now ("" when they can)."""
    if decision != DECISION_OFFER:
        return _g("There is no offer to answer.")
    if answered:
        return _g("You have already answered this offer.")
    if advert_filled:
        return _g("This job has already been filled.")
    return ""
