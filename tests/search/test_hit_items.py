"""The results list written in Python (search.views.hit_items) is byte for byte what the loop in
search.html wrote, escaping included."""

from django.template import engines
from django.utils.safestring import mark_safe

from search.site import Hit
from search.views import hit_items

#: The loop search.html had, as it was.
LOOP = """<ol>
    {% for hit in hits %}
    <li class="search-result">
      <p class="search-result__kind">{{ hit.kind_label }}</p>
      <h3 class="search-result__title"><a href="{{ hit.url }}">{{ hit.title }}</a></h3>
      {% if hit.snippet %}<p class="search-result__snippet">{{ hit.snippet }}</p>{% endif %}
      {% if hit.meta %}<p class="meta">{{ hit.meta }}</p>{% endif %}
    </li>
    {% endfor %}
  </ol>"""


def hit(title, snippet, meta, url="/guides/a/?x=1&y=2"):
    return Hit("guides", "Guides & <more>", title, url, snippet, meta, 1.0, None)


def test_hit_items_are_the_template_loop_byte_for_byte():
    hits = [
        hit('Tom\'s "PA" <b>', mark_safe("A <mark>PA</mark> &amp; more"), "Guide · Start"),
        hit("No snippet", mark_safe(""), ""),
        hit("Meta only", "", "Forum · <Q&A> 'x'"),
        hit("Plain snippet", "not <safe> & 'quoted'", "x"),
    ]
    for shown in ([], hits[:1], hits):
        expected = engines["django"].from_string(LOOP).render({"hits": shown})
        assert f"<ol>\n    {hit_items(shown)}\n  </ol>" == expected


def test_a_hits_summary_is_its_words_on_one_line_cut_with_an_ellipsis():
    from search.registry import SUMMARY_LENGTH, hit_summary

    assert hit_summary("  I can\n\nuse a   hoist. ") == "I can use a hoist."
    long = "word " * 100
    summary = hit_summary(long)
    assert summary.endswith("…") and len(summary) == SUMMARY_LENGTH + 1
    assert hit_summary("x" * SUMMARY_LENGTH) == "x" * SUMMARY_LENGTH
