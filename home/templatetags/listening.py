"""The "Listen to this guide" controls, the same words on every guide and Easy Read page."""

from django import template

from pbsite.fragments import render_once

register = template.Library()


@register.simple_tag
def listen_controls(what: str) -> str:
    """home/includes/listen.html for a "guide" or an "easy-read" page, rendered once for each
    (and each language: pbsite.fragments)."""
    return render_once("home/includes/listen.html", {"what": what}, shows=what)
