"""``get_FOO_display()`` that looks the value's label up instead of translating every label.

Django's own builds a dictionary of the field's choices on every call, and hashing a lazily
translated label translates it: one organisation's "Charity" on a result card translated all of
the organisation kinds, and a page of 20 services asked for 34 labels (``make bench-pages``: 7%
of "find support"). Here the choices are read once per field into a dictionary keyed by value;
only the label shown is translated, when it is shown, in the language of the request.
"""

from __future__ import annotations

import functools

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.cache
def _labels(field) -> dict:
    return {make_hashable(value): label for value, label in field.flatchoices}


class LabelsLookedUp:
    """A model mixin: ``class Organisation(LabelsLookedUp, models.Model)``. The same results as
    Django's ``get_FOO_display()`` (the value itself when it is not one of the choices)."""

    def _get_FIELD_display(self, field):
        return label_of(field, getattr(self, field.attname))


def label_of(field, value):
    """What ``get_FOO_display()`` shows for this value of the field, with no instance in sight
    (a row read with ``values()``): its label, translated now, or the value itself."""
    return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
