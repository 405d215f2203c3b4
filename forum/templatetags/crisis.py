"""The crisis notice beside every message box (forum/_crisis_notice.html)."""

from django import template

from pbsite.fragments import render_once

register = template.Library()


@register.simple_tag
def crisis_notice(shown: bool = False) -> str:
    """The same words on every page where someone writes, shown or hidden for the script
    (forum.js) to show: rendered once per process for each language."""
    return render_once("forum/_crisis_notice.html", {"shown": shown}, shows=bool(shown))
