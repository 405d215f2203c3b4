"""The pictures Easy Read lines use: one small, consistent set, drawn for Budget Circle as SVG
(home/static/home/pictograms/<name>.svg: 64 × 64, the same 3 px black line and one pale tint).

Each has a name editors choose from and a short alt text that says what the picture shows.
A new picture is a new SVG drawn in the same style plus a line here.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

PICTOGRAMS: dict[str, tuple[str, str]] = {
    # name: (the label editors choose, the alt text readers hear)
    "money": (_("Money"), _("A banknote with a pound sign")),
    "card": (_("Bank card"), _("A bank card")),
    "person": (_("Person (you)"), _("A person")),
    "helper": (_("Helper or PA"), _("A person with their helper")),
    "group": (_("People together"), _("A group of people")),
    "home": (_("Home"), _("A house")),
    "doctor": (_("Doctor or nurse"), _("A doctor with a stethoscope")),
    "hospital": (_("Hospital or NHS"), _("A hospital building with a cross")),
    "council": (_("Council"), _("A council building with columns")),
    "phone": (_("Phone"), _("A mobile phone")),
    "talk": (_("Talk"), _("Two speech bubbles")),
    "question": (_("Question"), _("A question mark")),
    "yes": (_("Yes"), _("A tick: yes")),
    "no": (_("No"), _("A cross: no")),
    "form": (_("Form or letter"), _("A sheet of paper with writing")),
    "plan": (_("Plan or list"), _("A clipboard with a list of ticks")),
    "calendar": (_("Date"), _("A calendar")),
    "clock": (_("Time"), _("A clock")),
    "shop": (_("Shop or service"), _("A shop with an awning")),
}

CHOICES = [(name, label) for name, (label, _alt) in PICTOGRAMS.items()]


def alt_text(name: str) -> str:
    return str(PICTOGRAMS[name][1]) if name in PICTOGRAMS else ""


def url(name: str) -> str:
    return static(f"home/pictograms/{name}.svg")
