"""Readability on known texts, long sentences, unexplained jargon, and guide plain text."""

import datetime

import pytest

from home import readability
from home.glossary import Entry

EASY = "The cat sat on the mat. It was a nice day. We went to the park and played."
HARD = (
    "Notwithstanding the aforementioned considerations, the administrative determination of "
    "eligibility necessitates comprehensive multidisciplinary evaluation, incorporating "
    "longitudinal documentation regarding functional limitations and environmental circumstances."
)


def test_easy_text_scores_as_easy():
    grade, ease = readability.scores(EASY)
    assert grade < 2
    assert ease > 100


def test_hard_text_scores_as_hard():
    grade, ease = readability.scores(HARD)
    assert grade > 20
    assert ease < 0


def test_known_values_from_textstat_0_7_8():
    # Pinned so a change in textstat's sums is noticed rather than silently shifting scores.
    assert readability.scores(EASY) == (-1.4, 116.1)


def test_empty_text_is_not_an_error():
    assert readability.scores("") == (0.0, 100.0)
    check = readability.check("")
    assert check.words == 0 and check.verdict == "There is no text to check yet."


def test_units_without_full_stops_count_as_separate_sentences():
    text = readability.as_sentences_text(["Call the council", "Ask for an assessment", "Wait."])
    assert text == "Call the council.\nAsk for an assessment.\nWait."
    assert readability.split_sentences(text) == [
        "Call the council.",
        "Ask for an assessment.",
        "Wait.",
    ]


def test_html_to_units_leaves_out_headings_and_splits_lists():
    units = readability.html_to_units(
        "<h2>A heading</h2><p>First <b>bit</b>.</p><ul><li>One</li><li>Two</li></ul>"
    )
    assert units == ["First bit.", "One", "Two"]


def test_long_sentences_are_flagged():
    long_one = " ".join(["word"] * 26) + "."
    short_one = " ".join(["word"] * 25) + "."
    assert readability.long_sentences(f"{long_one} {short_one}") == [long_one]


def test_glossary_terms_used_without_explanation_are_flagged():
    entries = [
        Entry("dp", "direct payment", "Money paid to you.", ("DP",)),
        Entry("isf", "individual service fund", "Money a provider holds for you.", ("ISF",)),
        Entry("paye", "PAYE", "Paying tax through wages."),
    ]
    text = (
        "A direct payment is money the council pays to you. You can use your DP for a PA. "
        "Some people use an ISF. PAYE means tax comes off the wages."
    )
    flagged = readability.unexplained_terms(text, entries)
    assert [(entry.slug, sentence) for entry, sentence in flagged] == [
        ("isf", "Some people use an ISF.")
    ]


def test_check_combines_everything():
    long_one = "You can ask " + " and ".join(["a friend"] * 10) + " to help you."
    check = readability.check(f"{EASY} {HARD} {long_one}")
    assert check.too_hard
    assert "harder than our aim of grade 6" in check.verdict
    assert check.long_sentences == [long_one]
    assert check.minutes == 1


@pytest.mark.django_db
def test_guide_scores_are_saved_with_the_page(guide):
    guide.refresh_from_db()
    assert guide.word_count > 30
    assert guide.reading_grade is not None and guide.reading_grade < 6
    assert guide.reading_ease > 70


@pytest.mark.django_db
def test_guide_plain_text_takes_every_block_but_not_headings(guide):
    text = guide.plain_text()
    for words in [
        "A direct payment is money paid to you.",
        "Call the council.",
        "How long?",
        "Sam hired a PA in March.",
        "It changed my week.",
        "Check with HMRC first.",
        "Others can help.",
        "Your NHS number.",
    ]:
        assert words in text, words
    assert "What it is" not in text  # a heading
    assert "You choose" not in text  # a key point's heading


def test_reading_minutes():
    assert readability.reading_minutes(0) == 1
    assert readability.reading_minutes(200) == 1
    assert readability.reading_minutes(201) == 2
    assert isinstance(datetime.date.today(), datetime.date)


def test_an_explanation_in_the_next_sentence_counts():
    entries = [Entry("dbs", "DBS check", "A check of criminal records.")]
    explained = "Get a DBS check. This is a check of criminal records."
    unexplained = "Get a DBS check. Then hire them."
    assert readability.unexplained_terms(explained, entries) == []
    assert [e.slug for e, _s in readability.unexplained_terms(unexplained, entries)] == ["dbs"]


# --- Each part scored on its own ------------------------------------------------------------

EASY_PARAGRAPHS = [
    "You can ask the council for help. They will call you back. It is free.",
    "Your PA can help you get up. They can help you cook. They can come with you to the shops.",
    "Keep your receipts in a box. Write down what you spend. Ask us if you get stuck.",
    "Talk to other holders in the forum. They have done this before. They are kind.",
]
# 30 words of legal English: hard on its own, yet the whole page still averages under grade 6.
LEGAL = (
    "The authority may, at its discretion and subject to the provisions of the applicable "
    "statutory guidance, recover any unspent contributions where expenditure is deemed "
    "inconsistent with the agreed support plan."
)


def test_one_hard_part_is_flagged_though_the_page_average_hides_it():
    parts = [(f"Easy {n}", [text]) for n, text in enumerate(EASY_PARAGRAPHS, start=1)]
    parts.insert(2, ("Legal", [LEGAL]))
    text = readability.as_sentences_text(u for _label, units in parts for u in units)
    check = readability.check(text, (), parts)
    assert not check.too_hard  # the average alone would say all is well
    assert [label for label, _words, _grade in check.parts] == [
        "Easy 1",
        "Easy 2",
        "Legal",
        "Easy 3",
        "Easy 4",
    ]
    assert check.needs_work
    assert "but some parts are harder" in check.verdict
    ((label, words, grade),) = check.hard_parts
    assert label == "Legal"
    assert words == "The authority may, at its discretion and subject…"
    assert grade > readability.TARGET_GRADE


def test_part_grades_are_plain_tuples_and_skip_empty_parts():
    graded = readability.part_grades([("One", ["Call us.", "We help."]), ("Empty", ["", " "])])
    assert graded == [("One", "Call us.; We help.", readability.scores("Call us.\nWe help.")[0])]
    assert readability.too_hard_parts([("A", "a", 6.0), ("B", "b", 6.1)], target=6) == [
        ("B", "b", 6.1)
    ]


def test_first_words():
    assert readability.first_words("one two three", count=2) == "one two…"
    assert readability.first_words("one two", count=2) == "one two"


def test_html_to_parts_splits_paragraphs_and_keeps_each_list_whole():
    parts = readability.html_to_parts(
        "<h2>Heading</h2><p>First.</p><ul><li>One</li><li>Two<ul><li>Inner</li></ul></li></ul>"
        "<p>Last.</p>"
    )
    assert parts == [["First."], ["One", "Two", "Inner"], ["Last."]]
    assert readability.html_to_parts("Just text") == [["Just text"]]
    assert readability.html_to_parts("") == []


@pytest.mark.django_db
def test_a_guide_names_its_hard_paragraph_and_not_the_easy_ones(guide_index):
    from .conftest import make_guide

    body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in EASY_PARAGRAPHS]
    body[2:2] = [
        {
            "type": "warning",
            "value": {"heading": "Money back", "text": f"<p>{LEGAL}</p>"},
        }
    ]
    guide = make_guide(guide_index, "Spending rules", body=body)
    check = guide.readability()
    assert check.grade <= readability.TARGET_GRADE
    assert [label for label, _w, _g in check.hard_parts] == ["Block 3: Warning “Money back”"]
    labels = [label for label, _w, _g in check.parts]
    assert labels[:2] == ["Summary", "Block 1: Paragraph"]
    assert len(labels) == 1 + len(body)
