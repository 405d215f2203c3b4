"""Hiring's rules as plain functions: the status check, holiday, the kit's documents, the
question bank and interview times."""

import datetime
from decimal import Decimal

from hiring import rules

EMPLOYEE = {
    "control": "me",
    "substitute": "no",
    "business": "no",
    "equipment": "me",
    "paid": "wage",
}
NOW = datetime.datetime(2027, 1, 10, 9, 0, tzinfo=datetime.UTC)


def test_the_usual_answers_make_an_employee():
    assert rules.employment_status(EMPLOYEE).status == rules.EMPLOYED


def test_a_pa_in_business_who_decides_and_invoices_is_self_employed():
    answers = {**EMPLOYEE, "control": "them", "business": "yes", "paid": "invoice"}
    outcome = rules.employment_status(answers)
    assert outcome.status == rules.SELF_EMPLOYED
    assert "the PA runs a business of their own" in outcome.reasons


def test_invoicing_alone_does_not_make_someone_self_employed():
    # Three signs, but the holder decides how the work is done and it must be them.
    answers = {**EMPLOYEE, "business": "yes", "equipment": "them", "paid": "invoice"}
    outcome = rules.employment_status(answers)
    assert outcome.status == rules.EMPLOYED
    assert "employee" in outcome.reasons[0]


def test_paying_an_agency_makes_it_agency_work():
    assert rules.employment_status({**EMPLOYEE, "paid": "agency"}).status == rules.AGENCY
    two = {**EMPLOYEE, "control": "agency", "substitute": "agency"}
    assert rules.employment_status(two).status == rules.AGENCY


def test_the_kit_follows_the_status():
    employed = rules.kit_documents(rules.EMPLOYED)
    assert rules.CONTRACT in employed and rules.OFFER_LETTER in employed
    assert rules.SERVICE_AGREEMENT not in employed
    self_employed = rules.kit_documents(rules.SELF_EMPLOYED)
    assert rules.SERVICE_AGREEMENT in self_employed and rules.CONTRACT not in self_employed
    agency = rules.kit_documents(rules.AGENCY)
    assert rules.AGENCY_QUESTIONS in agency and rules.INTERVIEW_QUESTIONS not in agency


def test_holiday_is_5_point_6_weeks_pro_rata():
    part_time = rules.statutory_holiday(15, 3)
    assert part_time.hours == Decimal("84.0") and part_time.days == Decimal("16.8")
    assert rules.statutory_holiday(12).hours == Decimal("67.2")
    assert rules.statutory_holiday(None).hours is None


def test_holiday_is_capped_at_28_days_for_six_days_a_week():
    six_days = rules.statutory_holiday(48, 6)
    assert six_days.days == Decimal("28.0")
    assert six_days.hours == Decimal("224.0")  # 28 days of 8 hours, not 5.6 x 48 = 268.8


def test_the_living_wage_check():
    assert rules.pays_at_least(1221, 1221) is True
    assert rules.pays_at_least(1150, 1221) is False
    assert rules.pays_at_least(None, 1221) is None


def test_questions_follow_the_adverts_skills_and_kinds():
    bank = [
        rules.Question("Tell me about yourself"),
        rules.Question("Any questions for me?"),
        rules.Question("Hoist transfer?", skill="hoist"),
        rules.Question("Washing with dignity?", kind="personal_care"),
        rules.Question("Driving record?", kind="driving"),
    ]
    chosen = [q.text for q in rules.choose_questions(bank, ["personal_care"], ["hoist"])]
    assert chosen == [
        "Tell me about yourself",
        "Hoist transfer?",
        "Washing with dignity?",
        "Any questions for me?",
    ]
    assert "Driving record?" not in chosen


def test_questions_keep_the_general_ones_when_cut_down():
    bank = [rules.Question(f"General {n}") for n in range(3)]
    bank += [rules.Question(f"Care {n}", kind="personal_care") for n in range(10)]
    chosen = [q.text for q in rules.choose_questions(bank, ["personal_care"], [], limit=5)]
    assert len(chosen) == 5
    assert "General 0" in chosen and "General 1" in chosen


def test_interview_times_two_to_five_future_and_different():
    later = [NOW + datetime.timedelta(days=n) for n in (1, 2)]
    assert rules.check_slots(later, NOW) == []
    assert "at least 2" in rules.check_slots(later[:1], NOW)[0]
    assert "no more than 5" in rules.check_slots(later * 3, NOW)[0]
    past = [NOW - datetime.timedelta(hours=1), *later]
    assert any("future" in p for p in rules.check_slots(past, NOW))
    assert any("the same" in p for p in rules.check_slots([later[0], later[0]], NOW))


def test_who_may_answer_an_offer():
    assert rules.may_answer_offer("offer", False, False) == ""
    assert rules.may_answer_offer("not_this_time", False, False)
    assert "already answered" in rules.may_answer_offer("offer", True, False)
    assert "filled" in rules.may_answer_offer("offer", False, True)
