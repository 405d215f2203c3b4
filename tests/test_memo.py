"""A memo (pbsite.caching.Memo) never keeps, under a newer generation, a value worked out from
what the rows were before it: another thread may move the memo on while one works a value out."""

import pytest

from pbsite.caching import Memo

pytestmark = pytest.mark.django_db


def test_a_value_worked_out_while_the_memo_moves_on_is_not_kept_for_the_new_generation():
    rows = {"title": "Old title"}
    moved_on = []

    def work_out(key):
        seen = rows["title"]
        if key == "page" and not moved_on:
            # Meanwhile, in another thread: the row changes, the memo moves on to a new
            # generation, and a page view there asks the memo for something else.
            moved_on.append(True)
            rows["title"] = "New title"
            memo.forget()
            memo.get("other")
        return seen

    memo = Memo("test-moving-on", work_out)
    memo.begin()
    assert memo.get("page") == "Old title"  # what it read while it was current
    assert memo.get("page") == "New title"  # the next asking sees the change
