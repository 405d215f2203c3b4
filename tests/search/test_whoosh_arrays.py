"""Scoring with arrays (search/backends/whoosh_arrays.py) gives what Whoosh's own matchers
give: the same hits in the same order, the same scores, the same count, over an index of
several segments with deleted documents, with and without filters, ranked or sorted."""

import random
from datetime import datetime, timedelta

import pytest
from whoosh import query as wq
from whoosh import sorting
from whoosh.filedb.filestore import FileStorage

from search.backends import whoosh_arrays
from search.backends.whoosh import SCHEMA
from search.backends.whoosh_store import WEIGHTING

WORDS = ["personal", "care", "hoist", "autism", "support", "night", "sitting", "cooking"]
WORDS += ["banbury", "witney", "oxford"]


@pytest.fixture
def index(tmp_path):
    """900 documents in three segments (one write each), some later deleted."""
    storage = FileStorage(str(tmp_path)).create()
    index = storage.create_index(SCHEMA)
    rng = random.Random(15)
    number = 0
    for _segment in range(3):
        writer = index.writer()
        for _ in range(300):
            writer.add_document(
                pk=str(number),
                pk_order=number,
                t_title=" ".join(rng.choices(WORDS, k=rng.randint(1, 4))),
                t_summary=" ".join(rng.choices(WORDS, k=rng.randint(5, 40))),
                fi_rate=rng.randint(10, 20),
                fi_tags=rng.sample(range(10), rng.randint(1, 3)),  # one value or several
                fd_when=datetime(2026, 1, 1) + timedelta(minutes=rng.randint(0, 90_000)),
            )
            number += 1
        writer.commit(merge=False)
    writer = index.writer()
    for pk in rng.sample(range(number), 80):
        writer.delete_by_term("pk", str(pk))
    writer.commit(merge=False)
    assert len(index.reader().leaf_readers()) == 3 and index.reader().has_deletions()
    return index


def words(*texts, boosts=(("t_title", 10.0), ("t_summary", 2.0), ("t_missing", 1.0))):
    """Each word in each column, as the backend compiles an any-word search."""
    return wq.Or([wq.Term(column, text, boost=b) for text in texts for column, b in boosts])


QUERIES = [
    wq.Term("t_summary", "hoist"),
    words("personal", "care", "banburi"),
    words("night", "sit").with_boost(3.0),
    wq.And([words("autism"), words("support"), words("witney")]),
    words("nothing-here"),
]


def whooshs_own(searcher, query, **options):
    results = searcher.search(query, terms=False, **options)
    return [(results.score(i), results.docnum(i)) for i in range(len(results.top_n))]


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_ranked_like_whoosh(index, query):
    searcher = index.searcher(weighting=WEIGHTING)
    assert whoosh_arrays.supported(query, searcher.weighting)
    for limit in (1, 10, None):
        expected = whooshs_own(searcher, query, limit=limit)
        found = whoosh_arrays.search(searcher, query, limit=limit)
        assert [docnum for _, docnum in found.top_n] == [docnum for _, docnum in expected]
        assert [score for score, _ in found.top_n] == pytest.approx(
            [score for score, _ in expected], rel=1e-12
        )
    assert len(whoosh_arrays.search(searcher, query, limit=3)) == len(
        searcher.search(query, limit=None)
    )


def test_filtered_and_masked_like_whoosh(index):
    searcher = index.searcher(weighting=WEIGHTING)
    query = words("personal", "care", "banburi")
    allowed = set(range(0, 900, 3))
    excluded = set(range(0, 900, 7))
    expected = whooshs_own(searcher, query, limit=10, filter=allowed, mask=excluded)
    found = whoosh_arrays.search(searcher, query, allowed, excluded, limit=10)
    assert [docnum for _, docnum in found.top_n] == [docnum for _, docnum in expected]
    assert all(docnum in allowed and docnum not in excluded for _, docnum in found.top_n)
    everything = searcher.search(query, limit=None, filter=allowed, mask=excluded)
    assert len(found) == len(everything)


def test_sorted_like_whoosh(index):
    searcher = index.searcher(weighting=WEIGHTING)
    query = words("cook")
    by_rate_then_newest = sorting.MultiFacet(
        [sorting.FieldFacet("fi_rate", reverse=True), sorting.FieldFacet("pk_order", reverse=True)]
    )
    for sortedby in (by_rate_then_newest, sorting.FieldFacet("pk_order")):
        assert whoosh_arrays.sort_supported(searcher, sortedby)
        expected = whooshs_own(searcher, query, limit=15, sortedby=sortedby)
        found = whoosh_arrays.search(searcher, query, limit=15, sortedby=sortedby)
        assert found.top_n == expected


def test_what_it_cannot_score_is_left_to_whoosh(index):
    searcher = index.searcher(weighting=WEIGHTING)
    assert not whoosh_arrays.supported(wq.Phrase("t_title", ["personal", "care"]), WEIGHTING)
    assert not whoosh_arrays.supported(wq.FuzzyTerm("t_title", "persnal"), WEIGHTING)
    assert not whoosh_arrays.supported(wq.Or([wq.Term("t_title", "care")], scale=0.5), WEIGHTING)
    assert not whoosh_arrays.sort_supported(searcher, sorting.FieldFacet("pk"))


def test_kept_postings_never_bring_back_a_deleted_document(index):
    """Postings are kept by segment; a deletion made after they were read still counts."""
    searcher = index.searcher(weighting=WEIGHTING)
    query = words("hoist")
    before = whoosh_arrays.search(searcher, query, limit=None)
    gone = searcher.stored_fields(before.docnum(0))["pk"]
    writer = index.writer()
    writer.delete_by_term("pk", gone)
    writer.commit(merge=False)
    searcher = index.searcher(weighting=WEIGHTING)
    after = whoosh_arrays.search(searcher, query, limit=None)
    assert len(after) == len(before) - 1
    assert gone not in {searcher.stored_fields(docnum)["pk"] for _, docnum in after.top_n}
    assert [d for _, d in after.top_n] == [d for _, d in whooshs_own(searcher, query, limit=None)]


def test_kept_postings_stay_within_their_capacity():
    kept = whoosh_arrays.PostingsKept(capacity=100)
    import numpy as np

    for term in range(5):
        kept.put(("segment", "t_title", term), np.arange(40), np.ones(40))
    assert kept.get(("segment", "t_title", 0)) is None  # the oldest went first
    assert kept.get(("segment", "t_title", 4)) is not None
    assert kept._size <= 100


RESTRICTIONS = [
    # "pk__in" a place's PAs: one term per primary key
    wq.Or([wq.Term("pk", str(pk)) for pk in range(0, 900, 4)]),
    wq.And([wq.Or([wq.Term("pk", str(pk)) for pk in range(0, 900, 3)]), wq.Term("fi_rate", 12)]),
    wq.NumericRange("fi_rate", 12, 15),
    wq.Not(wq.Term("fi_rate", 11)),
    # "expires after now", to the microsecond: new to the searcher at every search
    wq.DateRange("fd_when", datetime(2026, 2, 1, 12, 30, 0, 123456), None, startexcl=True),
]

RANGES = [
    wq.NumericRange("fi_rate", 12, 15),
    wq.NumericRange("fi_rate", 12, 15, startexcl=True, endexcl=True),
    wq.NumericRange("fi_rate", None, 13),
    wq.NumericRange("fi_rate", 14, None, startexcl=True),
    wq.NumericRange("fi_rate", 15, 12),
    wq.NumericRange("fi_rate", 30, None),
    wq.NumericRange("fi_tags", 3, 5),
    wq.NumericRange("pk_order", -5, 100),
    wq.DateRange("fd_when", datetime(2026, 2, 1, 12, 30, 0, 123456), None, startexcl=True),
    wq.DateRange("fd_when", None, datetime(2026, 1, 20), endexcl=True),
    wq.DateRange("fd_when", datetime(2026, 1, 20), datetime(2026, 1, 21)),
]


@pytest.mark.parametrize("numbers", RANGES, ids=repr)
def test_a_range_matches_the_documents_whoosh_matches(index, numbers):
    """A numeric or date range, read from each segment's whole values, matches exactly what
    Whoosh's terms at several precisions match: bounds in or out, open, empty, a field with
    several values, and deleted documents left out."""
    searcher = index.searcher(weighting=WEIGHTING)
    found = whoosh_arrays._matching(searcher, numbers, searcher.doc_count_all())
    assert set(found.nonzero()[0].tolist()) == set(searcher.docs_for_query(numbers))


@pytest.mark.parametrize("restriction", RESTRICTIONS, ids=lambda q: type(q).__name__)
def test_a_restriction_matched_with_the_query_like_whoosh(index, restriction):
    """What the backend searches when a restriction is new to the searcher (a place's primary
    keys, say): the words, and the restriction as a constant score, which Whoosh makes 1."""
    searcher = index.searcher(weighting=WEIGHTING)
    query = wq.And([words("personal", "care", "banburi"), wq.ConstantScoreQuery(restriction, 0.0)])
    assert whoosh_arrays.supported(query, searcher.weighting)
    expected = whooshs_own(searcher, query, limit=10)
    found = whoosh_arrays.search(searcher, query, limit=10)
    assert [docnum for _, docnum in found.top_n] == [docnum for _, docnum in expected]
    assert [score for score, _ in found.top_n] == pytest.approx(
        [score for score, _ in expected], rel=1e-12
    )
    assert len(found) == len(searcher.search(query, limit=None))


@pytest.mark.parametrize("capacity", [300_000, 5], ids=["kept", "too many to keep"])
def test_words_kept_by_segment_answer_as_whoosh_does(index, monkeypatch, capacity):
    """Whether a column holds a word, and how rare it is, read from each segment's words kept
    in memory (or from Whoosh, for a column with more words than are kept): what Whoosh's own
    term table says, over segments with deleted documents, for words held and not."""
    monkeypatch.setattr(whoosh_arrays, "TERMS", whoosh_arrays.TermsKept(capacity=capacity))
    searcher = index.searcher(weighting=WEIGHTING)
    reader = searcher.reader()
    held = [(field, text) for field, text in reader.all_terms() if field.startswith("t_")]
    absent = [(field, b"nothing") for field in ("t_title", "t_summary", "t_missing")]
    assert held
    for field, text in held + absent:
        word = text.decode()
        is_held = (field, text) in reader
        statistics = whoosh_arrays._read_term_statistics(searcher, field, word)
        assert statistics == (pytest.approx(searcher.idf(field, text), rel=1e-15), is_held)
        assert whoosh_arrays.holds(searcher, field, word) is is_held
        assert whoosh_arrays.holds_any(searcher, [field, "t_missing"], ["zzz", word]) is is_held
    kept = capacity > 5
    assert (whoosh_arrays.TERMS.column(reader.leaf_readers()[0][0], "t_title") is None) is not kept


def test_primary_keys_by_document_number_follow_each_commit(index):
    """A search's hits are named by their primary keys read from a list kept by segment: the
    stored value of every document, across segments, and again after a commit adds one."""
    for round_ in range(2):
        searcher = index.searcher(weighting=WEIGHTING)
        pks = whoosh_arrays.column_by_document(searcher, "pk")
        assert len(pks) == searcher.doc_count_all()
        for docnum in searcher.reader().all_doc_ids():
            assert pks[docnum] == searcher.stored_fields(docnum)["pk"]
        writer = index.writer()
        writer.add_document(pk=f"new-{round_}", pk_order=1000 + round_, t_title="hoist")
        writer.update_document(pk="5", pk_order=5, t_title="care")
        writer.commit(merge=False)
    assert whoosh_arrays.column_by_document(index.searcher(), "pk")[-2:] == ["new-1", "5"]


def test_what_is_kept_for_a_segment_serves_every_searcher_of_it(index, monkeypatch):
    """A segment's words and keys are read once, whichever searcher asks: a commit (which
    brings new searchers) costs only the segment it adds."""
    monkeypatch.setattr(whoosh_arrays, "TERMS", whoosh_arrays.TermsKept(capacity=300_000))
    monkeypatch.setattr(whoosh_arrays, "COLUMNS", whoosh_arrays.ColumnsKept(capacity=500_000))
    for _ in range(3):
        searcher = index.searcher(weighting=WEIGHTING)
        assert whoosh_arrays.holds(searcher, "t_title", "hoist")
        whoosh_arrays.column_by_document(searcher, "pk")
    segments = len(searcher.reader().leaf_readers())
    assert len(whoosh_arrays.TERMS._entries) == segments
    assert len(whoosh_arrays.COLUMNS._entries) == segments


def counting_reads(monkeypatch) -> list:
    reads = []
    read = whoosh_arrays._read_postings

    def counted(reader, fieldname, text):
        reads.append((fieldname, text))
        return read(reader, fieldname, text)

    monkeypatch.setattr(whoosh_arrays, "_read_postings", counted)
    return reads


def test_what_is_read_ahead_leaves_a_first_search_nothing_to_read(index, monkeypatch):
    """Read ahead (before a process serves), every word's postings are in memory: a search
    of words never searched before reads none from the files, and finds what Whoosh finds."""
    monkeypatch.setattr(whoosh_arrays, "POSTINGS", whoosh_arrays.PostingsKept(2_000_000))
    monkeypatch.setattr(whoosh_arrays, "TERMS", whoosh_arrays.TermsKept(300_000))
    searcher = index.searcher(weighting=WEIGHTING)
    assert whoosh_arrays.read_ahead(searcher, postings_at_most=1_000_000)
    reads = counting_reads(monkeypatch)
    for query in QUERIES:
        found = whoosh_arrays.search(searcher, query, limit=None)
        expected = whooshs_own(searcher, query, limit=None)
        assert [docnum for _, docnum in found.top_n] == [docnum for _, docnum in expected]
    assert reads == []
    assert len(whoosh_arrays.COLUMNS.values(searcher.reader().leaf_readers()[0][0], "pk")) == 300


def test_reading_ahead_stops_at_its_limit(index, monkeypatch):
    """Past the limit nothing more is read ahead (a big index keeps room for what is
    searched); what was not read is read when first searched."""
    monkeypatch.setattr(whoosh_arrays, "POSTINGS", whoosh_arrays.PostingsKept(2_000_000))
    monkeypatch.setattr(whoosh_arrays, "TERMS", whoosh_arrays.TermsKept(300_000))
    searcher = index.searcher(weighting=WEIGHTING)
    assert not whoosh_arrays.read_ahead(searcher, postings_at_most=500)
    read_ahead = whoosh_arrays.POSTINGS.size
    assert 500 <= read_ahead < 1_000  # one word's postings at most past the limit
    reads = counting_reads(monkeypatch)
    for query in QUERIES:
        whoosh_arrays.search(searcher, query, limit=None)
    assert reads


def test_an_any_word_query_is_compiled_already_normal():
    """Each word typed in each column, once: what Whoosh's own normalize would make of it,
    which the compiled query therefore skips."""
    from whoosh.query import Or

    from search.backends.whoosh import SiteOr

    terms = [wq.Term(column, word) for word in ("hoist", "care") for column in ("t_a", "t_b")]
    built = SiteOr(terms)
    built.distinct_terms = True
    assert built.normalize() is built
    assert Or.normalize(SiteOr(terms)) == built
    repeated = SiteOr([*terms, terms[0]])  # not built as distinct: normalised as Whoosh does
    assert len(repeated.normalize().subqueries) == len(terms)
