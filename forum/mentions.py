"""@mentions of display names. Names may have spaces ("@Grace B"), so the longest match wins."""

from __future__ import annotations

import operator
import re
from functools import reduce

from django.contrib.auth import get_user_model
from django.db.models import Q

_MENTION = re.compile(r"(?<![\w@])@([^\s@][^\n@]{0,40})")
MAX_WORDS = 3


def candidate_names(text: str) -> set[str]:
    """Names an ``@`` could start: "@Grace B thanks" gives "Grace", "Grace B", "Grace B thanks"."""
    names = set()
    for match in _MENTION.finditer(text or ""):
        words = match.group(1).split()
        for count in range(1, min(len(words), MAX_WORDS) + 1):
            names.add(" ".join(words[:count]).rstrip(".,!?:;").lower())
    return names - {""}


def mentioned_users(text: str):
    """The active people mentioned, matching display names without caring about case."""
    names = candidate_names(text)
    if not names:
        return []
    User = get_user_model()
    any_name = reduce(operator.or_, (Q(display_name__iexact=name) for name in sorted(names)[:30]))
    people = User.objects.filter(is_active=True, deleted_at__isnull=True).exclude(display_name="")
    return list(people.filter(any_name))
