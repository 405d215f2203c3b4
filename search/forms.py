from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from pbsite.request_parsing import printable

from .registry import site_search
from .site import QueryTooLong, clean_query


class QueryField(forms.CharField):
    """Search words: control characters (null bytes included) are cleaned, not an error."""

    def to_python(self, value):
        return printable(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label=_("What are you looking for?"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "data-autocomplete": reverse_lazy("search:suggest"),
            }
        ),
    )
    kind = forms.CharField(required=False)
    #: "Show everything instead": ignore the kind and place read from the words.
    everything = forms.BooleanField(required=False)

    def clean_q(self):
        try:
            return clean_query(self.cleaned_data["q"])
        except QueryTooLong as error:
            raise forms.ValidationError(str(error)) from None

    def clean_kind(self):
        # An unknown kind (an old link, a typing slip) searches everything rather than failing.
        kind = self.cleaned_data["kind"]
        return kind if site_search.get(kind) else ""
