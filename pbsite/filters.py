"""django-filter filters every finder shares for "where" and "how far"."""

import django_filters

from .forms import DISTRICT_HINT, DISTRICT_LABEL, WITHIN_LABEL, DistrictField, WithinField


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
