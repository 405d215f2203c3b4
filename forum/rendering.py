"""Markdown to safe HTML for posts: Markdown first, then nh3 keeps only a small set of tags.

Raw HTML typed into a post is shown as text (the Markdown HTML parsers are switched off), image
syntax is not turned into images, and nh3 removes anything else: event handlers, ``javascript:``
and ``data:`` URLs, and tags outside the list. Every link gets ``rel="nofollow ugc"``.
"""

from __future__ import annotations

import re

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


_SAFE_HREF = re.compile(r"^(https?://|mailto:|tel:|/(?!/)|#)", re.IGNORECASE)
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def _safe_href(tag: str, attribute: str, value: str) -> str | None:
    """Keep a link only if it is plainly web, email, phone or on this site.

    Browsers drop tabs and newlines inside URLs ("java\tscript:" runs as "javascript:"),
    and read a backslash as a slash (``/\\evil.example`` opens ``//evil.example``, another
    site), so the check looks at the URL as the browser will, and keeps that cleaned form.
    """
    if attribute != "href":
        return value
    cleaned = _IGNORED_BY_BROWSERS.sub("", value).replace("\\", "/")
    return cleaned if _SAFE_HREF.match(cleaned) else None


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
        attribute_filter=_safe_href,
        strip_comments=True,
    )


def contains_link(text: str) -> bool:
    """Does this post link anywhere? Untrusted members' links wait for a moderator."""
    return "<a " in render_markdown(text) or "www." in (text or "").lower()
