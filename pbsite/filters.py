"""django-filter filters every finder shares: "where", "how far" and amounts of money."""

import django_filters

from .forms import (
    DISTRICT_HINT,
    DISTRICT_LABEL,
    WITHIN_LABEL,
    DistrictField,
    MoneyField,
    WithinField,
)
from .request_parsing import TextQueryField


class DistrictFilter(django_filters.CharFilter):
    """A postcode, district or town; the cleaned value is a ``pbsite.areas.Place``."""

    field_class = DistrictField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", DISTRICT_LABEL)
        kwargs.setdefault("help_text", DISTRICT_HINT)
        super().__init__(*args, **kwargs)


class WithinFilter(django_filters.Filter):
    """ "Within N miles" of the place; 0 (the empty choice) means the place itself."""

    field_class = WithinField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", WITHIN_LABEL)
        super().__init__(*args, **kwargs)


class TextQueryFilter(django_filters.CharFilter):
    """A finder's search words (``pbsite.request_parsing.TextQueryField``)."""

    field_class = TextQueryField


class PoundsFilter(django_filters.Filter):
    """An amount typed in pounds; the cleaned value is whole pence (``pbsite.forms.MoneyField``:
    pass ``amount_label`` and ``most`` for the messages and the limit)."""

    field_class = MoneyField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
