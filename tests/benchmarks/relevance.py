"""Search relevance: judged queries, the two metrics, and a per-backend summary.

Plain functions with no Django in sight (apart from :func:`run_queries`, which imports the site
search when called), so the metric tests need no database and the benchmark can run each
backend in its own process::

    ranked = ["/a/", "/b/", "/c/"]
    mrr_at_k(ranked, {"/b/": 2})            # 0.5: the first relevant hit is second
    ndcg_at_k(ranked, {"/b/": 2, "/c/": 1})  # how close the order is to the ideal one

Graded relevance: 2 = the ideal answer, 1 = useful, anything not judged = 0.

- **MRR@k**: 1 / the rank of the first hit with a grade above 0 within the top k, else 0.
- **nDCG@k**: DCG = sum over the top k of (2^grade - 1) / log2(rank + 1), divided by the DCG
  of the judged results in their best order (so 1.0 means the ideal ranking).

Each judged result earns its grade once, at its first appearance in the ranking.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("search_queries.yaml")


# --- Metrics ---------------------------------------------------------------------------------


def _gains(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> list[int]:
    """The grade of each of the top ``k`` results; a result seen before earns nothing again."""
    seen = set()
    gains = []
    for result in list(ranked)[:k]:
        if result in seen:
            gains.append(0)
            continue
        seen.add(result)
        gains.append(max(int(relevant.get(result, 0)), 0))
    return gains


def first_relevant_rank(
    ranked: Sequence[str], relevant: Mapping[str, int], k: int | None = None
) -> int | None:
    """The 1-based rank of the first result with a grade above 0 (within ``k``), or None."""
    for rank, result in enumerate(list(ranked)[:k] if k else ranked, start=1):
        if relevant.get(result, 0) > 0:
            return rank
    return None


def mrr_at_k(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """Reciprocal rank of the first relevant result within the top ``k`` (0 if none)."""
    rank = first_relevant_rank(ranked, relevant, k)
    return 1.0 / rank if rank else 0.0


def dcg(gains: Iterable[int]) -> float:
    return sum((2**gain - 1) / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the top ``k`` (0 when nothing is judged)."""
    ideal = dcg(sorted((g for g in relevant.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(_gains(ranked, relevant, k)) / ideal


# --- Matching hits to judgements -------------------------------------------------------------


def judged_key(url: str, relevant: Mapping[str, int]) -> str:
    """The judged URL a hit's URL stands for, or the URL itself when none matches.

    A judged URL with a ``#fragment`` must match exactly (glossary terms); one without matches
    any hit on that page (a directory service's fragment is a uuid made afresh on every load).
    """
    if url in relevant:
        return url
    page = url.split("#", 1)[0]
    if page in relevant:
        return page
    return url


def judged_ranking(urls: Sequence[str], relevant: Mapping[str, int]) -> list[str]:
    return [judged_key(url, relevant) for url in urls]


# --- Queries and results ---------------------------------------------------------------------


@dataclass
class Judgement:
    query: str
    relevant: dict[str, int]
    kind: str = ""
    #: The query's class for the per-class summary: places, kinds, kind-word, titles, everyday,
    #: or "earlier" for the queries judged before issue 15.
    group: str = "earlier"


@dataclass
class QueryResult:
    judgement: Judgement
    urls: list[str]  # the hits' URLs, best first
    kinds: list[str] = field(default_factory=list)
    total: int = 0
    error: str = ""

    @property
    def ranking(self) -> list[str]:
        return judged_ranking(self.urls, self.judgement.relevant)

    def mrr(self, k: int = 10) -> float:
        return mrr_at_k(self.ranking, self.judgement.relevant, k)

    def ndcg(self, k: int = 10) -> float:
        return ndcg_at_k(self.ranking, self.judgement.relevant, k)

    def first_rank(self) -> int | None:
        return first_relevant_rank(self.ranking, self.judgement.relevant)


def load_judgements(path: Path | str = QUERIES_FILE) -> list[Judgement]:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    judgements = []
    for entry in data["queries"]:
        relevant = {str(url): int(grade) for url, grade in (entry.get("relevant") or {}).items()}
        if not relevant or not any(grade > 0 for grade in relevant.values()):
            raise ValueError(f"Query {entry['query']!r} has no result graded above 0.")
        judgements.append(
            Judgement(
                str(entry["query"]),
                relevant,
                str(entry.get("kind", "")),
                str(entry.get("class", "earlier")),
            )
        )
    return judgements


def run_queries(judgements: Sequence[Judgement], depth: int = 10) -> list[QueryResult]:
    """Every judged query through the site search as an anonymous visitor (needs Django set up)."""
    from django.contrib.auth.models import AnonymousUser

    from search.site import search_site

    results = []
    for judgement in judgements:
        try:
            found = search_site(judgement.query, AnonymousUser(), per_page=depth)
            results.append(
                QueryResult(
                    judgement,
                    urls=[hit.url for hit in found.hits],
                    kinds=[hit.kind for hit in found.hits],
                    total=found.total,
                )
            )
        except Exception as error:  # a failing query scores 0 and is reported, not fatal
            results.append(
                QueryResult(judgement, urls=[], error=f"{type(error).__name__}: {error}")
            )
    return results


def missing_urls(judgements: Sequence[Judgement], known_urls: Iterable[str]) -> list[str]:
    """Judged URLs that no visible object has: a typo in the YAML or changed demo data."""
    known = set(known_urls) | {url.split("#", 1)[0] for url in known_urls}
    return sorted({url for j in judgements for url in j.relevant if url not in known})


# --- Summary ---------------------------------------------------------------------------------


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summarise(results: Sequence[QueryResult], k: int = 10) -> dict:
    by_kind: dict[str, list[QueryResult]] = {}
    by_class: dict[str, list[QueryResult]] = {}
    for result in results:
        by_kind.setdefault(result.judgement.kind or "-", []).append(result)
        by_class.setdefault(result.judgement.group, []).append(result)
    return {
        "queries": len(results),
        "mrr": mean([r.mrr(k) for r in results]),
        "ndcg": mean([r.ndcg(k) for r in results]),
        "found": sum(1 for r in results if r.first_rank() is not None),
        "empty": sum(1 for r in results if not r.urls and not r.error),
        "errors": sum(1 for r in results if r.error),
        "kinds": {
            kind: {
                "queries": len(group),
                "mrr": mean([r.mrr(k) for r in group]),
                "ndcg": mean([r.ndcg(k) for r in group]),
            }
            for kind, group in by_kind.items()
        },
        "classes": {
            name: {
                "queries": len(group),
                "mrr": mean([r.mrr(k) for r in group]),
                "ndcg": mean([r.ndcg(k) for r in group]),
            }
            for name, group in by_class.items()
        },
    }


def worst(results: Sequence[QueryResult], count: int = 5, k: int = 10) -> list[QueryResult]:
    """The queries that most need tuning: lowest nDCG, then lowest MRR."""
    return sorted(results, key=lambda r: (r.ndcg(k), r.mrr(k), r.judgement.query))[:count]
