from datetime import UTC, datetime

import pytest

from shared.errors import Unprocessable
from shared.pagination import decode_cursor, encode_cursor, page


def test_a_cursor_carries_the_sort_key_opaquely():
    key = (datetime(2026, 5, 1, 9, tzinfo=UTC), "b-1")
    cursor = encode_cursor(*key)
    assert "b-1" not in cursor and decode_cursor(cursor, datetime, str) == key


@pytest.mark.parametrize("cursor", ["nonsense!", encode_cursor("only-one"), "e30"])
def test_a_cursor_that_is_not_ours_is_a_clear_error(cursor):
    with pytest.raises(Unprocessable) as refused:
        decode_cursor(cursor, datetime, str)
    assert refused.value.slug == "invalid-cursor"


def test_a_page_has_a_next_cursor_only_when_more_rows_follow():
    rows = ["a", "b", "c"]
    assert page(rows, 2, lambda r: (r,)) == (["a", "b"], encode_cursor("b"))
    assert page(rows, 3, lambda r: (r,)) == (rows, None)
