"""Scoring a text query a term at a time, with arrays, for the Whoosh backend.

Whoosh scores one document at a time: a tree of matchers, in which every posting of every
word costs several Python calls (``id``, ``skip_to``, ``score``, ``next``). On a big index a
common word ("personal" in 50,000 PA profiles) makes that hundreds of milliseconds. Here each
term's postings are read a block at a time into NumPy arrays, scored in one go with Whoosh's
own BM25F formula, and summed into one score per document, from which the best are taken.

It handles what the backend compiles for words (terms in ``t_`` columns, joined by ``Or`` and
``And``, with boosts) and the ordinary result of a search: the best ``limit`` by score (ties:
the lower document number first, as Whoosh's collector), and the exact count of matches.
Anything else (phrases, fuzzy terms, a sort, facets) is :func:`supported`'s False, and
Whoosh searches as before. The scores are Whoosh's to the last bit or two: the same
operations in the same order per posting, summed in another order.

The postings are read through whoosh-reloaded's block reader (``W3LeafMatcher``): its data
tuples and length columns are that codec's format, which the pinned version fixes; a matcher
of another kind is read posting by posting instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from math import log

import numpy as np
from whoosh import columns, fields, sorting
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F, WeightingModel
from whoosh.util.numeric import byte_to_length, to_sortable

#: A field length as Whoosh stores it (one byte, logarithmic) to the length it stands for.
STORED_LENGTHS = np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])


def supported(query: wq.Query, weighting) -> bool:
    """Whether :func:`search` can score ``query`` exactly as Whoosh would."""
    if type(weighting) is not BM25F or weighting._field_B:
        return False
    return _supported(query)


def _supported(query) -> bool:
    if query is wq.NullQuery:
        return True
    if type(query) is wq.Term:
        return not query.minquality
    if isinstance(query, wq.Or):
        # Every Or sums its parts' scores, unless it scales them by how many matched.
        return not query.scale and all(_supported(sub) for sub in query.subqueries)
    if type(query) is wq.And:
        return all(
            _supported(sub) or type(sub) is wq.ConstantScoreQuery for sub in query.subqueries
        )
    return False


class ArrayHits:
    """The best hits and the number of matches, read as the backend reads Whoosh's Results."""

    def __init__(self, top_n: list[tuple[float, int]], total: int):
        self.top_n = top_n  # (score, document number), best first, as Whoosh's
        self._total = total

    def __len__(self) -> int:
        return self._total

    def score(self, i: int) -> float:
        return self.top_n[i][0]

    def docnum(self, i: int) -> int:
        return self.top_n[i][1]


def sort_supported(searcher, sortedby) -> bool:
    """Whether :func:`search` can sort by ``sortedby`` as Whoosh would: by numeric columns."""
    facets = sortedby.facets if isinstance(sortedby, sorting.MultiFacet) else [sortedby]
    return all(
        type(facet) is sorting.FieldFacet
        and facet.fieldname in searcher.schema
        and _unsigned_column(searcher.schema[facet.fieldname].column_type)
        and searcher.reader().has_column(facet.fieldname)
        for facet in facets
    )


def _unsigned_column(column) -> bool:
    # Whoosh stores integers and dates unsigned (signed ones shifted) with an integer for a
    # missing value; a float column's missing value is NaN, which is left to Whoosh.
    return (
        isinstance(column, columns.NumericColumn)
        and column._typecode in "BHILQ"
        and isinstance(column._default, int)
    )


def search(searcher, query, allowed=None, excluded=None, limit=None, sortedby=None) -> ArrayHits:
    """The best ``limit`` matches of ``query`` (all if None) among ``allowed`` document
    numbers (all if None) less ``excluded``, and how many match in all. Best by score, or
    first by ``sortedby`` (see :func:`sort_supported`), whose keys then stand for scores, as
    in Whoosh's results."""
    size = searcher.doc_count_all()
    scores, matched = _evaluate(searcher, query, size)
    if allowed is not None:
        matched &= _mask(searcher, allowed, size)
    if excluded:
        matched &= ~_mask(searcher, excluded, size)
    docs = np.flatnonzero(matched)
    if sortedby is not None:
        return ArrayHits(_first(searcher, docs, sortedby, limit), len(docs))
    return ArrayHits(_best(docs, scores[docs], limit), len(docs))


def _first(searcher, docs: np.ndarray, sortedby, limit: int | None) -> list[tuple]:
    """Whoosh's sorted order: by each facet's column value (negated when reversed), then by
    document number; the key is a tuple for a MultiFacet, else the one value."""
    multi = isinstance(sortedby, sorting.MultiFacet)
    facets = sortedby.facets if multi else [sortedby]
    values = [_column_values(searcher, facet.fieldname)[docs] for facet in facets]
    # Columns hold unsigned 64-bit values (signed numbers shifted), so a reversed column is
    # ordered by its complement, which cannot overflow as a negation would.
    keys = [
        np.iinfo(np.uint64).max - value if facet.reverse else value
        for facet, value in zip(facets, values, strict=True)
    ]
    order = np.lexsort((docs, *reversed(keys)))[:limit]
    top_n = []
    for i in order:
        key = tuple(
            0 - int(value[i]) if facet.reverse else int(value[i])
            for facet, value in zip(facets, values, strict=True)
        )
        top_n.append((key if multi else key[0], int(docs[i])))
    return top_n


def _column_values(searcher, fieldname: str) -> np.ndarray:
    """Every document's value in a numeric column, across segments, kept on the searcher."""
    kept = searcher.__dict__.setdefault("_site_column_values", {})
    if fieldname not in kept:
        parts = [
            _segment_column_values(leaf.reader(), fieldname)
            for leaf, _offset in searcher.leaf_searchers()
        ]
        kept[fieldname] = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    return kept[fieldname]


def _segment_column_values(reader, fieldname: str) -> np.ndarray:
    column = reader.column_reader(fieldname, translate=False)
    count = reader.doc_count_all()
    values = np.full(count, column._default, dtype=np.uint64)
    present = min(column._count, count)
    raw = column._dbfile.get(column._basepos, present * column._fixedlen)
    values[:present] = np.frombuffer(raw, dtype=np.dtype(">" + column._typecode))
    return values


def _best(docs: np.ndarray, scores: np.ndarray, limit: int | None) -> list[tuple[float, int]]:
    if limit is not None and len(docs) > limit:
        # Only what could be among the best is sorted: everything scoring at least the
        # limit-th best score (ties included, so the lower document number can win them).
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        near = scores >= threshold
        docs, scores = docs[near], scores[near]
    order = np.lexsort((docs, -scores))[:limit]
    return [(float(scores[i]), int(docs[i])) for i in order]


def _mask(searcher, docs: set, size: int) -> np.ndarray:
    """``docs`` as a mask over the index, kept on the searcher beside the set it came from
    (the backend keeps each restriction's set for the searcher's life)."""
    masks = searcher.__dict__.setdefault("_site_masks", {})
    kept = masks.get(id(docs))
    if kept is None or kept[0] is not docs:
        mask = np.zeros(size, dtype=bool)
        mask[np.fromiter(docs, dtype=np.int64, count=len(docs))] = True
        if len(masks) > 64:
            masks.clear()
        kept = masks[id(docs)] = (docs, mask)
    return kept[1]


def _evaluate(searcher, query, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(score of every document, whether it matches) for ``query``."""
    scores = np.zeros(size)
    matched = np.zeros(size, dtype=bool)
    if type(query) is wq.Term:
        for docs, term_scores in _term_scores(searcher, query):
            scores[docs] += term_scores
            matched[docs] = True
    elif isinstance(query, wq.Or):
        # The usual case: terms, their postings summed into the scores in one go, in the
        # order the terms come (as adding each in turn would sum them).
        postings = [
            found
            for sub in query.subqueries
            if type(sub) is wq.Term
            for found in _term_scores(searcher, sub)
        ]
        if postings:
            docs = np.concatenate([docs for docs, _scores in postings])
            term_scores = np.concatenate([term_scores for _docs, term_scores in postings])
            scores += np.bincount(docs, weights=term_scores, minlength=size)
            matched[docs] = True
        for sub in query.subqueries:
            if type(sub) is not wq.Term:
                sub_scores, sub_matched = _evaluate(searcher, sub, size)
                scores += sub_scores
                matched |= sub_matched
    elif type(query) is wq.And:
        matched[:] = True
        for sub in query.subqueries:
            if type(sub) is wq.ConstantScoreQuery:
                sub_matched = _matching(searcher, sub.child, size)
                # Whoosh's matcher for it gives each match its score, or 1 when that is 0.
                scores[sub_matched] += sub.score or 1.0
            else:
                sub_scores, sub_matched = _evaluate(searcher, sub, size)
                scores += sub_scores
            matched &= sub_matched
    if query is not wq.NullQuery and query.boost != 1.0:
        scores *= query.boost
    return scores, matched


def _matching(searcher, query, size: int) -> np.ndarray:
    """Which documents match ``query``, unscored: terms (of any field, a filter's "one of
    these" included) from their postings, anything else (ranges, negations) by Whoosh."""
    matched = np.zeros(size, dtype=bool)
    if type(query) is wq.Term:
        for docs in _term_docs(searcher, query):
            matched[docs] = True
    elif type(query) is wq.Or and not query.scale:
        for sub in query.subqueries:
            matched |= _matching(searcher, sub, size)
    elif type(query) is wq.And:
        matched[:] = True
        for sub in query.subqueries:
            matched &= _matching(searcher, sub, size)
    elif isinstance(query, wq.NumericRange) and _numeric(searcher, query.fieldname):
        for leaf, offset in searcher.leaf_searchers():
            matched[_range_docs(leaf.reader(), query) + offset] = True
    elif query is not wq.NullQuery:
        docs = list(searcher.docs_for_query(query))
        matched[np.array(docs, dtype=np.int64)] = True
    return matched


def _numeric(searcher, fieldname: str) -> bool:
    return fieldname in searcher.schema and isinstance(searcher.schema[fieldname], fields.NUMERIC)


def _range_docs(reader, query: wq.NumericRange) -> np.ndarray:
    """The segment's documents with a value in a numeric (or date) range, deleted ones left
    out. Whoosh matches a range by its terms at several precisions, dozens of term lookups
    for "expires after now", which changes every time it is asked; every value is also
    indexed whole, so the documents of a range are those of the whole values inside it,
    read here from a sorted list of the segment's values, kept on its reader."""
    field = reader.schema[query.fieldname]
    values, starts, docs = _values_of(reader, query.fieldname)
    # Whoosh's tiered_ranges: the bounds in the field's sortable form, made inclusive.
    low, high = 0, 2**field.bits - 1
    if query.start is not None:
        start = field.prepare_number(query.start)
        low = to_sortable(field.numtype, field.bits, field.signed, start) + query.startexcl
    if query.end is not None:
        end = field.prepare_number(query.end)
        high = to_sortable(field.numtype, field.bits, field.signed, end) - query.endexcl
    if low > high:
        return np.zeros(0, dtype=np.int64)
    first = np.searchsorted(values, np.uint64(low), side="left")
    last = np.searchsorted(values, np.uint64(high), side="right")
    found = docs[starts[first] : starts[last]]
    if reader.has_deletions():
        found = found[~_deleted(reader)[found]]
    return found


def _values_of(reader, fieldname: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(each whole value in the column, ascending; where each value's documents start in the
    third array, and one past the last; the documents), deleted ones included."""
    kept = reader.__dict__.setdefault("_site_values", {})
    if fieldname not in kept:
        field = reader.schema[fieldname]
        values, starts, docs = [], [0], []
        for term in field.sortable_terms(reader, fieldname):  # the whole values, in order
            values.append(field._struct.unpack(term[1:])[0])
            term_docs, _weights = _read_postings(reader, fieldname, term)
            docs.append(term_docs)
            starts.append(starts[-1] + len(term_docs))
        kept[fieldname] = (
            np.array(values, dtype=np.uint64),
            np.array(starts, dtype=np.int64),
            np.concatenate(docs).astype(np.int64) if docs else np.zeros(0, dtype=np.int64),
        )
    return kept[fieldname]


def _term_docs(searcher, term: wq.Term):
    """The document numbers holding a term, for each segment that has it."""
    if term.fieldname not in searcher.schema:
        return
    try:
        text = searcher.schema[term.fieldname].to_bytes(term.text)
    except ValueError:
        return
    for reader, offset, _frequency in _holding(searcher, term.fieldname, term.text):
        yield _postings(reader, term.fieldname, text)[0] + offset


#: How many document numbers (and as many scores) of terms' scores one searcher keeps at most
#: (``_term_scores``): about 8 MB; past it, it forgets them all and keeps on. (A process has a
#: searcher for each thread, index and saturation.)
TERM_SCORES_KEPT = 500_000


def _term_scores(searcher, term: wq.Term) -> list[tuple[np.ndarray, np.ndarray]]:
    """(document numbers, BM25F scores x the term's boost) for each segment holding it.

    Kept on the searcher: its index cannot change under it (a change brings a new searcher),
    nor can its weighting (each saturation scores through a searcher of its own), and a site
    search asks for the same words in a dozen columns of every kind's index. The arrays are
    shared, so they are only ever read."""
    kept = searcher.__dict__.setdefault("_site_term_scores", {})
    key = (term.fieldname, term.text, term.boost)
    found = kept.get(key)
    if found is None:
        found = list(_scored_postings(searcher, term))
        size = searcher.__dict__.get("_site_term_scores_size", 0) + sum(
            len(docs) for docs, _scores in found
        )
        if size > TERM_SCORES_KEPT:
            kept.clear()
            size = sum(len(docs) for docs, _scores in found)
        searcher.__dict__["_site_term_scores_size"] = size
        kept[key] = found
    return found


def kept_on(searcher, name: str, key, work_out, at_most: int):
    """``work_out()``, kept on the searcher (in its ``name`` table, under ``key``): what is
    worked out from an index holds for as long as its searcher, which a change to the index
    replaces (and each saturation scores through a searcher of its own). Past ``at_most``
    values, the table forgets them all and fills again."""
    kept = searcher.__dict__.setdefault(name, {})
    if key not in kept:
        if len(kept) >= at_most:
            kept.clear()
        kept[key] = work_out()
    return kept[key]


def term_statistics(searcher, fieldname: str, text) -> tuple[float, bool] | None:
    """(idf, whether any document holds it) of a term, as Whoosh's ``searcher.idf`` and
    ``searcher.doc_frequency`` give them, or None for a column the schema lacks. Kept on
    the searcher, as the terms' scores are: a search's scores and its score ceiling ask them
    of the same terms (the index's term dictionary is read once for both)."""
    return kept_on(
        searcher,
        "_site_term_statistics",
        (fieldname, text),
        lambda: _read_term_statistics(searcher, fieldname, text),
        TERM_STATISTICS_KEPT,
    )


def _read_term_statistics(searcher, fieldname: str, text) -> tuple[float, bool] | None:
    parent = searcher.get_parent()
    if type(parent.weighting).idf is not WeightingModel.idf:  # an idf of its own: Whoosh's
        if fieldname not in searcher.schema:
            return None
        try:
            as_bytes = searcher.schema[fieldname].to_bytes(text)
        except ValueError:
            return None
        return searcher.idf(fieldname, as_bytes), (fieldname, as_bytes) in searcher.reader()
    if segments_of_column(parent, fieldname) is None:
        return None
    frequency = sum(held for _reader, _offset, held in _holding(parent, fieldname, text))
    # Whoosh's WeightingModel.idf, from the same counts.
    return log(parent.doc_count_all() / (frequency + 1)) + 1, frequency > 0


#: How many terms' statistics one searcher keeps at most (``term_statistics``).
TERM_STATISTICS_KEPT = 20_000


def _scored_postings(searcher, term: wq.Term):
    statistics = term_statistics(searcher, term.fieldname, term.text)
    if statistics is None or not statistics[1]:
        return
    text = searcher.schema[term.fieldname].to_bytes(term.text)
    weighting = searcher.weighting
    # Global statistics, from the top searcher, as Whoosh's BM25FScorer takes them.
    idf = statistics[0]
    average_length = searcher.avg_field_length(term.fieldname) or 1
    b, k1 = weighting.B, weighting.K1
    for reader, offset, _frequency in _holding(searcher, term.fieldname, term.text):
        docs, weights = _postings(reader, term.fieldname, text)
        lengths = _field_lengths(reader, term.fieldname)[docs]
        # Whoosh's bm25(), operation for operation.
        scores = idf * (
            (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average_length))
        )
        if term.boost != 1.0:
            scores *= term.boost
        yield docs + offset, scores


def _postings(reader, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers in the segment, weights) of a term, deleted documents left out."""
    key = (_segment_key(reader), fieldname, text)
    found = POSTINGS.get(key)
    if found is None:
        found = POSTINGS.put(key, *_read_postings(reader, fieldname, text))
    docs, weights = found
    docs = docs.astype(np.int64)
    weights = np.ones(len(docs)) if weights is None else weights
    if reader.has_deletions():
        kept = ~_deleted(reader)[docs]
        docs, weights = docs[kept], weights[kept]
    return docs, weights


def _deleted(reader) -> np.ndarray:
    """A mask of the segment's deleted documents, kept on its reader (which lives as long
    as the searcher: a deletion makes a new one)."""
    mask = reader.__dict__.get("_site_deleted")
    if mask is None:
        mask = np.zeros(reader.doc_count_all(), dtype=bool)
        deleted = reader.deleted_docs_set
        mask[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = True
        reader.__dict__["_site_deleted"] = mask
    return mask


def _segment_key(reader) -> tuple:
    """A segment's name across readers: its index's folder and its id (random, so never
    another segment's). A compound segment (``.seg``) is read through an overlay of its file
    and the folder's storage, which is where the folder is named."""
    storage = reader.storage()
    folder = getattr(storage, "folder", None) or getattr(
        getattr(storage, "b", None), "folder", None
    )
    return (folder or id(storage), reader.segment().segment_id())


def _read_postings(reader, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Every posting of a term in a segment, deleted or not."""
    if isinstance(reader, SegmentReader):
        # Whoosh's postings() less what it works out again on each call (the column's type
        # from the schema's patterns, three times; the deletions, which are applied after).
        matcher = reader._terms.matcher(fieldname, text, _format_of(reader, fieldname))
    else:
        matcher = reader.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # the segment has deletions: applied after
            matcher = matcher.child
            matcher.reset()
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        return _read_blocks(matcher)
    return _read_one_by_one(matcher)


def _format_of(reader, fieldname: str):
    """A column's postings format, kept on the segment's reader."""
    formats = reader.__dict__.setdefault("_site_formats", {})
    if fieldname not in formats:
        formats[fieldname] = reader.schema[fieldname].format
    return formats[fieldname]


class KeptBySegment:
    """What is read from segments, by key (the segment's, and what was read), up to
    ``capacity`` in all (each entry's size as given), the least recently used going first.

    A segment never changes once written (deletions are kept apart, and applied after), so
    what is kept for it is right for as long as it exists; a segment merged away is simply
    never asked for again and falls out. Shared by the threads of a process."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._entries: OrderedDict = OrderedDict()  # key: (entry, size)
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key, entry, size: int):
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (entry, size)
                self._size += size
            while self._size > self.capacity and len(self._entries) > 1:
                _, (_old, old_size) = self._entries.popitem(last=False)
                self._size -= old_size
        return entry

    @property
    def size(self) -> int:
        return self._size

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._size = 0


class PostingsKept(KeptBySegment):
    """The postings of the terms searched most recently, as arrays, up to ``capacity``
    postings in all (12 bytes each, less when a term's weights are all 1): decoding a block
    (zlib, then pickle) is most of a search's time on a big index, and the words people search
    for are mostly the same few hundred."""

    def put(self, key, docs: np.ndarray, weights: np.ndarray):
        entry = (docs.astype(np.int32), None if bool(np.all(weights == 1.0)) else weights)
        return super().put(key, entry, len(docs))


#: Two million postings: at most about 24 MB per process.
POSTINGS = PostingsKept(capacity=2_000_000)


class TermsKept(KeptBySegment):
    """Each segment's words in a text column, with how many of its documents hold each,
    read in one pass the first time the column is asked about, up to ``capacity`` words in
    all (about 100 bytes each).

    A site search asks every text column of every kind's index whether it holds each word of
    the query (could it match? how rare is the word? which segments hold it?), and Whoosh
    answers each from its on-disk term table: hashing, seeking and decoding, some microseconds
    a time, hundreds of times a search. A dictionary answers in a few dozen nanoseconds. A
    deleted document's words stay and are counted, as Whoosh counts them. A column with more
    words than the capacity is never kept: Whoosh answers for it."""

    def __init__(self, capacity: int):
        super().__init__(capacity)
        self._too_big: set = set()

    def column(self, reader, fieldname: str) -> dict[str, int] | None:
        """{word: how many documents hold it} for a segment's text column, or None if it is
        not a text column of a segment, or has too many words to keep."""
        if not isinstance(reader, SegmentReader) or fieldname not in reader.schema:
            return None
        if not isinstance(reader.schema[fieldname], fields.TEXT):
            return None
        key = (_segment_key(reader), fieldname)
        found = self.get(key)
        if found is not None or key in self._too_big:
            return found
        words = self._read(reader, fieldname)
        if words is None:
            if len(self._too_big) > 1000:
                self._too_big.clear()
            self._too_big.add(key)
            return None
        return self.put(key, words, len(words))

    def _read(self, reader, fieldname: str) -> dict[str, int] | None:
        words = {}
        for text, info in reader.iter_field(fieldname):
            words[text.decode("utf-8")] = info.doc_frequency()  # TEXT stores words as UTF-8
            if len(words) > self.capacity:
                return None
        return words

    def clear(self):
        super().clear()
        self._too_big.clear()


#: 300,000 words: about 30 MB per process at most (the demo's indexes hold 6,000).
TERMS = TermsKept(capacity=300_000)


class ColumnsKept(KeptBySegment):
    """Each segment's values in a stored column (its primary keys), by document number, up to
    ``capacity`` values in all: read once per process, so a commit (a new small segment)
    costs only its own."""

    def values(self, reader, fieldname: str) -> list:
        if not isinstance(reader, SegmentReader):
            return list(reader.column_reader(fieldname, translate=True))
        key = (_segment_key(reader), fieldname)
        found = self.get(key)
        if found is None:
            found = list(reader.column_reader(fieldname, translate=True))
            found = self.put(key, found, len(found))
        return found


#: Half a million values: about 30 MB per process at most.
COLUMNS = ColumnsKept(capacity=500_000)


def read_ahead(searcher, postings_at_most: int) -> bool:
    """Read the words and postings of every text column, and the primary keys, of each of the
    searcher's segments into what is kept (TERMS, POSTINGS, COLUMNS), while POSTINGS holds
    fewer than ``postings_at_most``. A word's first search then reads nothing from the files:
    on the demo, a search of words not searched before spent a tenth of its time decoding
    their postings. False once the limit is reached (what is read stays kept)."""
    for leaf, _offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if not isinstance(reader, SegmentReader):  # an empty index
            continue
        COLUMNS.values(reader, "pk")
        for fieldname in reader.indexed_field_names():
            for word in TERMS.column(reader, fieldname) or ():
                if POSTINGS.size >= postings_at_most:
                    return False
                text = word.encode("utf-8")
                key = (_segment_key(reader), fieldname, text)
                if POSTINGS.get(key) is None:
                    POSTINGS.put(key, *_read_postings(reader, fieldname, text))
    return True


def column_by_document(searcher, fieldname: str) -> list:
    """Every document's value in a stored column, by document number (deleted documents
    too), kept on the searcher: what a page of hits needs is then one index each, not a
    read of each hit's stored fields."""
    kept = searcher.__dict__.setdefault("_site_columns_by_document", {})
    if fieldname not in kept:
        values = []
        for leaf, _offset in searcher.leaf_searchers():  # in order: offsets add up
            values.extend(COLUMNS.values(leaf.reader(), fieldname))
        kept[fieldname] = values
    return kept[fieldname]


def segments_of_column(searcher, fieldname: str) -> list[tuple] | None:
    """For each segment of the searcher's index: (its reader, its first document's number,
    its words in the column or None where Whoosh must answer); None for a column the schema
    lacks. Kept on the searcher: Whoosh works out a column's type from the schema's patterns
    each time it is asked (most of what asking it costs)."""
    kept = searcher.__dict__.setdefault("_site_segments_of_column", {})
    if fieldname not in kept:
        segments = None
        if fieldname in searcher.schema:
            segments = [
                (leaf.reader(), offset, TERMS.column(leaf.reader(), fieldname))
                for leaf, offset in searcher.leaf_searchers()
            ]
        kept[fieldname] = segments
    return kept[fieldname]


def _holding(searcher, fieldname: str, text):
    """(reader, offset, document frequency) of each segment holding the term (deleted
    documents counted, as Whoosh counts them)."""
    segments = segments_of_column(searcher, fieldname)
    if segments is None:
        return
    as_bytes = None
    for reader, offset, words in segments:
        if words is not None and isinstance(text, str):
            frequency = words.get(text, 0)
        else:
            if as_bytes is None:
                try:
                    as_bytes = searcher.schema[fieldname].to_bytes(text)
                except ValueError:
                    return
            frequency = reader.doc_frequency(fieldname, as_bytes)
        if frequency:
            yield reader, offset, frequency


def holds(searcher, fieldname: str, text: str) -> bool:
    """Whether any segment of the searcher's index holds the word ``text`` in a column."""
    return any(True for _held in _holding(searcher, fieldname, text))


def holds_any(searcher, fieldnames, texts) -> bool:
    """Whether any segment of the searcher's index holds any of the words in any of the
    columns (a set's test against each segment's kept words, where they are kept)."""
    texts = set(texts)
    for fieldname in fieldnames:
        for _reader, _offset, words in segments_of_column(searcher, fieldname) or ():
            if words is None:
                if any(holds(searcher, fieldname, text) for text in texts):
                    return True
            elif not texts.isdisjoint(words):
                return True
    return False


def _read_blocks(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Every posting, a block at a time. A block stores its ids as differences from the one
    before, starting from 0 (so each block's running sum is its ids), and its weights as
    None (all 1), one float, or one per posting."""
    docs, weights = [], []
    while not matcher._atend:
        matcher._read_data()
        block_deltas, block_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        docs.append(np.cumsum(np.fromiter(block_deltas, dtype=np.int64, count=count)))
        if block_weights is None:
            weights.append(np.ones(count))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights))
        else:
            weights.append(np.asarray(block_weights, dtype=np.float64))
        matcher._next_block()
    if len(docs) == 1:  # most words: one block
        return docs[0], weights[0]
    return np.concatenate(docs), np.concatenate(weights)


def _read_one_by_one(matcher) -> tuple[np.ndarray, np.ndarray]:
    docs, weights = [], []
    while matcher.is_active():
        docs.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(docs, dtype=np.int64), np.array(weights, dtype=np.float64)


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's length in a field, as Whoosh's scorer reads it, kept on the segment's
    reader (which lives as long as the searcher)."""
    kept = reader.__dict__.setdefault("_site_field_lengths", {})
    lengths = kept.get(fieldname)
    if lengths is None:
        lengths = kept[fieldname] = _read_field_lengths(reader, fieldname)
    return lengths


def _read_field_lengths(reader, fieldname: str) -> np.ndarray:
    count = reader.doc_count_all()
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:  # no lengths stored: Whoosh's scorer takes 1
        return np.ones(count)
    stored = np.zeros(count, dtype=np.uint8)
    present = min(column._count, count)
    raw = column._dbfile.get(column._basepos, present)
    stored[:present] = np.frombuffer(raw, dtype=np.uint8)
    return STORED_LENGTHS[stored]
