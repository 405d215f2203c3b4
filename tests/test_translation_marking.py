"""Every word a visitor can see in our templates is marked for translation.

A simple scanner, not a full parser: it reads each template with Django's own lexer, drops what
is inside {% translate %} / {% blocktranslate %} (and comments, and every other tag and
variable), then reads what is left as HTML. Any letter left in the visible text, or in an
attribute a person reads or hears (alt, title, aria-label, placeholder, data-label, an input
button's value), is
unmarked text. Variables are not checked here: their words come from Python (gettext_lazy) or
from editors.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent


def our_apps() -> list[Path]:
    """Every app of ours in INSTALLED_APPS (a folder at the top of the repository), so a new
    part is checked without being listed here."""
    from django.apps import apps

    return [
        Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == ROOT
    ]


# Templates left out of this check. Keep this list short (empty is best) and say why each one
# is here.
EXCEPTIONS: set[str] = set()

# Visible words that are not language: the site's name, units, symbols.
ALLOWED_WORDS = {"Budget Circle", "BSL", "PDF", "QR", "CSV", "ORUK", "£", "px"}

# Arguments given to an included component ({% include "components/button.html" with
# text="Save" %}) are words too, unless they name a kind, a link or a field.
TAG_ARGUMENT = re.compile(r"""\b([\w-]+)=(["'])(.*?)\2""")
WORD_ARGUMENTS = {"text", "title", "label", "hint", "action_text", "help_text"}

# data-label: the CSS shows it beside a table cell on a narrow screen (site.css, .pool-table).
READ_ATTRIBUTES = WORD_ARGUMENTS | {"alt", "aria-label", "placeholder", "aria-description"}
READ_ATTRIBUTES |= {"data-label"}
LETTER = re.compile(r"[A-Za-z]")
ENTITY = re.compile(r"&[#\w]+;")
CLOSE = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
PLACEHOLDER = " "


def template_files():
    for app in our_apps():
        for path in sorted((app / "templates").rglob("*")):
            if path.suffix in {".html", ".txt"} and path.is_file():
                yield path


def without_marked(source: str) -> str:
    """The template with every tag, variable, comment and translated block made a space."""
    out = []
    closing = None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            out.append(token.contents)
            continue
        # "<{{ heading }}": a tag whose name is a variable is still a tag, not text.
        if token.token_type == TokenType.BLOCK and token.contents.split()[0] == "include":
            for key, _quote, value in TAG_ARGUMENT.findall(token.contents):
                if key in WORD_ARGUMENTS and has_words(value):
                    out.append(f"<i {key}={_quote}{value}{_quote}>")
        out.append("x" if out and out[-1].endswith("<") else PLACEHOLDER)
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in CLOSE:
                closing = CLOSE[name]
    return "".join(out)


def has_words(text: str) -> bool:
    text = ENTITY.sub(" ", text)
    for word in ALLOWED_WORDS:
        text = text.replace(word, " ")
    return bool(LETTER.search(text))


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.hidden_depth += 1
        attributes = dict(attrs)
        for name, value in attrs:
            readable = name in READ_ATTRIBUTES or (
                tag == "input"
                and name == "value"
                and attributes.get("type") in {"submit", "button", "reset"}
            )
            if readable and value and has_words(value):
                self.found.append(f'{name}="{value.strip()}"')

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth and has_words(data):
            self.found.append(" ".join(data.split()))


def unmarked_text(path: Path) -> list[str]:
    parser = VisibleText()
    parser.feed(without_marked(path.read_text()))
    parser.close()
    return parser.found


def test_the_scanner_sees_unmarked_words_and_ignores_marked_ones(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "Hello" %}</h1><p>Unmarked words</p>'
        '<img alt="A picture" src="x.png"><a href="{% url "home" %}" class="link">'
        "{% blocktranslate %}Marked {{ name }}{% endblocktranslate %}</a>{# a comment #}"
        '{% include "components/button.html" with text="Save" kind="secondary" %}'
        '{% include "components/button.html" with text=_("Marked") %}'
        "<script>let words = 1;</script>{{ page.title }} &middot; Budget Circle"
    )
    assert unmarked_text(page) == ["Unmarked words", 'alt="A picture"', 'text="Save"']


def test_every_template_marks_its_words_for_translation():
    problems = {}
    for path in template_files():
        relative = str(path.relative_to(ROOT))
        if relative in EXCEPTIONS:
            continue
        found = unmarked_text(path)
        if found:
            problems[relative] = found
    assert not problems, "Unmarked words (wrap them in {% translate %}):\n" + "\n".join(
        f"{name}: {words}" for name, words in problems.items()
    )
