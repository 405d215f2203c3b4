"""A separate process that writes to a Whoosh index, for the concurrency test.

    python -m tests.search.writer_process <index path> <first id> <count>

Pages are built in memory (no database needed): the point is the index files and their lock.
"""

import sys


def main(path, first_id, count):
    import django

    django.setup()
    from wagtail.models import Page

    from search.backends.whoosh import WhooshSearchBackend

    backend = WhooshSearchBackend({"PATH": path, "WRITE_TIMEOUT": 20})
    for number in range(first_id, first_id + count):
        page = Page(
            id=number,
            title=f"Concurrent page {number} written by writer{first_id}",
            path=f"0001{number:04d}",
            depth=2,
        )
        backend.add(page)  # one commit per save, as a real site does
    print(f"wrote {count}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
