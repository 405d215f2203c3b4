"""Markdown to safe HTML for posts: Markdown first, then nh3 keeps only a small set of tags.

Raw HTML typed into a post is shown as text (the Markdown HTML parsers are switched off), image
syntax is not turned into images, and nh3 removes anything else: event handlers, ``javascript:``
and ``data:`` URLs, and tags outside the list. Every link gets ``rel="nofollow ugc"``.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


class _NoRawHtmlOrImages(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name in ("image_link", "image_reference", "short_image_ref"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)


def render_markdown(text: str) -> str:
    html = markdown.markdown(
        text or "", extensions=[_NoRawHtmlOrImages(), "sane_lists", "nl2br"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow ugc",
        strip_comments=True,
    )


def contains_link(text: str) -> bool:
    """Does this post link anywhere? Untrusted members' links wait for a moderator."""
    return "<a " in render_markdown(text) or "www." in (text or "").lower()
