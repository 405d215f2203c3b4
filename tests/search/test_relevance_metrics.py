"""The relevance benchmark's metrics, on rankings small enough to work out by hand.

nDCG uses gain 2^grade - 1 (so grade 2 -> 3, grade 1 -> 1) and discount 1 / log2(rank + 1):
rank 1 -> 1, rank 2 -> 1/log2(3) = 0.6309, rank 3 -> 1/2, rank 4 -> 1/log2(5) = 0.4307.
"""

import math
import re

import pytest

from tests.benchmarks.relevance import (
    QUERIES_FILE,
    first_relevant_rank,
    judged_ranking,
    load_judgements,
    missing_urls,
    mrr_at_k,
    ndcg_at_k,
)

LOG2_3 = math.log2(3)
LOG2_5 = math.log2(5)


# --- MRR@k -----------------------------------------------------------------------------------


def test_mrr_is_one_when_the_first_hit_is_relevant():
    assert mrr_at_k(["/a/", "/b/"], {"/a/": 1}) == 1.0


def test_mrr_is_the_reciprocal_of_the_first_relevant_rank():
    ranked = ["/x/", "/y/", "/a/", "/b/"]
    assert mrr_at_k(ranked, {"/a/": 2, "/b/": 2}) == pytest.approx(1 / 3)


def test_mrr_ignores_grade_after_the_first_relevant_hit():
    # A useful hit at rank 2 counts even though the ideal one comes later.
    assert mrr_at_k(["/x/", "/useful/", "/ideal/"], {"/ideal/": 2, "/useful/": 1}) == 0.5


def test_mrr_is_zero_beyond_k_and_when_nothing_relevant_is_found():
    ranked = [f"/{n}/" for n in range(12)]
    assert mrr_at_k(ranked, {"/10/": 2}, k=10) == 0.0
    assert mrr_at_k(ranked, {"/9/": 2}, k=10) == pytest.approx(0.1)
    assert mrr_at_k([], {"/a/": 2}) == 0.0
    assert mrr_at_k(["/a/"], {"/a/": 0}) == 0.0


def test_first_relevant_rank():
    assert first_relevant_rank(["/x/", "/a/"], {"/a/": 1}) == 2
    assert first_relevant_rank(["/x/", "/a/"], {"/a/": 1}, k=1) is None
    assert first_relevant_rank(["/x/"], {"/a/": 1}) is None


# --- nDCG@k ----------------------------------------------------------------------------------


def test_ndcg_is_one_for_the_ideal_order():
    relevant = {"/a/": 2, "/b/": 1, "/c/": 1}
    assert ndcg_at_k(["/a/", "/b/", "/c/", "/x/"], relevant) == pytest.approx(1.0)
    assert ndcg_at_k(["/a/", "/c/", "/b/"], relevant) == pytest.approx(1.0)  # ties either way


def test_ndcg_of_a_swapped_pair():
    # Ideal: 3/1 + 1/log2(3) = 3.6309. Got the useful one first: 1/1 + 3/log2(3) = 2.8928.
    got = ndcg_at_k(["/b/", "/a/"], {"/a/": 2, "/b/": 1})
    assert got == pytest.approx((1 + 3 / LOG2_3) / (3 + 1 / LOG2_3))
    assert got == pytest.approx(0.7967, abs=1e-4)


def test_ndcg_with_misses_in_between():
    # Ranked x, a(2), y, b(1): DCG = 3/log2(3) + 1/log2(5) = 1.8928 + 0.4307 = 2.3235.
    # Ideal a, b: 3 + 0.6309 = 3.6309. nDCG = 0.6399.
    got = ndcg_at_k(["/x/", "/a/", "/y/", "/b/"], {"/a/": 2, "/b/": 1})
    assert got == pytest.approx((3 / LOG2_3 + 1 / LOG2_5) / (3 + 1 / LOG2_3))
    assert got == pytest.approx(0.6399, abs=1e-4)


def test_ndcg_counts_judged_results_that_were_not_found():
    # Only one of two ideal answers found, at rank 1: 3 / (3 + 3/log2(3)) = 3 / 4.8928 = 0.6131.
    got = ndcg_at_k(["/a/", "/x/"], {"/a/": 2, "/b/": 2})
    assert got == pytest.approx(3 / (3 + 3 / LOG2_3))
    assert got == pytest.approx(0.6131, abs=1e-4)


def test_ndcg_cuts_at_k():
    ranked = [f"/{n}/" for n in range(10)] + ["/a/"]
    assert ndcg_at_k(ranked, {"/a/": 2}, k=10) == 0.0
    # At rank 10 the discount is 1/log2(11); the ideal puts it first.
    assert ndcg_at_k(ranked[-10:], {"/a/": 2}, k=10) == pytest.approx(1 / math.log2(11))


def test_ndcg_counts_a_repeated_result_once():
    # The second "/a/" earns nothing: the same as ["/a/", "/x/"].
    assert ndcg_at_k(["/a/", "/a/"], {"/a/": 2, "/b/": 1}) == pytest.approx(3 / (3 + 1 / LOG2_3))


def test_ndcg_is_zero_when_nothing_is_found_or_judged():
    assert ndcg_at_k([], {"/a/": 2}) == 0.0
    assert ndcg_at_k(["/x/", "/y/"], {"/a/": 1}) == 0.0
    assert ndcg_at_k(["/a/"], {}) == 0.0


# --- Matching hit URLs to judged URLs -------------------------------------------------------


def test_a_judged_page_matches_any_fragment_but_a_judged_fragment_must_match_exactly():
    relevant = {"/directory/banbury-breaks/": 2, "/glossary/#respite": 1}
    urls = [
        "/glossary/#review",
        "/directory/banbury-breaks/#service-1234",
        "/glossary/#respite",
    ]
    ranking = judged_ranking(urls, relevant)
    assert ranking == ["/glossary/#review", "/directory/banbury-breaks/", "/glossary/#respite"]
    assert mrr_at_k(ranking, relevant) == 0.5


def test_two_services_of_one_judged_organisation_earn_its_grade_once():
    relevant = {"/directory/eynsham-tech-helpers/": 2}
    urls = [
        "/directory/eynsham-tech-helpers/#service-1",
        "/directory/eynsham-tech-helpers/#service-2",
    ]
    assert ndcg_at_k(judged_ranking(urls, relevant), relevant) == pytest.approx(1.0)


def test_missing_urls_reports_judgements_nothing_visible_has():
    judgements = load_judgements(QUERIES_FILE)[:1]
    known = list(judgements[0].relevant)[1:]
    assert missing_urls(judgements, known) == [list(judgements[0].relevant)[0]]


# --- The judged queries themselves ----------------------------------------------------------


def test_the_query_file_has_enough_realistic_queries_across_kinds():
    judgements = load_judgements(QUERIES_FILE)
    assert len(judgements) >= 40
    assert len({j.query.lower() for j in judgements}) == len(judgements)
    kinds = {j.kind for j in judgements}
    assert {"guides", "glossary", "pas", "pa_wanted", "directory", "forum", "pools"} <= kinds
    for judgement in judgements:
        assert judgement.relevant, judgement.query
        # A question has a few right answers; "a PA near Witney" has every PA who covers it.
        names_a_place_or_kind = judgement.group in {"places", "kinds"} or re.search(
            r"\b(in|near)\b", judgement.query
        )
        assert names_a_place_or_kind or len(judgement.relevant) <= 4, judgement.query
        assert set(judgement.relevant.values()) <= {1, 2}, judgement.query
        assert all(url.startswith("/") for url in judgement.relevant), judgement.query
