"""The reader's list of conversations (forum.conversation_row_component): the lines Django's
template wrote, in one Jinja2 render."""

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from forum.conversation_row_component import render_conversation_rows
from forum.models import Topic

#: The list's lines as Django's template wrote them before the component.
DJANGO_LINES = (
    (Path(__file__).resolve().parent / "../page_speed/conversation_rows_before.html")
    .read_text()
    .removesuffix("\n")
)


def conversation(pk, title, others, unread, age):
    topic = Topic(pk=pk, title=title, is_private=True, last_activity=timezone.now() - age)
    topic.others = [SimpleNamespace(public_name=name) for name in others]
    topic.unread = unread
    return topic


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_lines_are_those_djangos_template_wrote(language):
    conversations = [
        conversation(
            3,
            "PA <b>wanted</b> & more",
            ["Sam O'Neill", "Ann <i>B</i>"],
            True,
            timedelta(minutes=5),
        ),
        conversation(7, "Tom's question", [], False, timedelta(days=2, hours=3)),
        conversation(9, "Hello", ["Zoe"], False, timedelta(days=40)),
    ]
    with translation.override(language):
        reference = Template(DJANGO_LINES).render(Context({"page": conversations}))
        lines = render_conversation_rows(conversations)
    assert lines == reference
    assert "With Sam O&#x27;Neill, Ann &lt;i&gt;B&lt;/i&gt; " in lines or language != "en"
