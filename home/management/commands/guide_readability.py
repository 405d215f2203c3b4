"""Print each demo guide's readability and the medians: ``manage.py guide_readability``.

By default the guides are read from home/demo_content/guides/*.yaml (no database needed);
``--live`` scores the published guides in the database instead.
"""

import statistics

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from home import readability
from home.demo import read_guides
from home.models import GuidePage


class Command(BaseCommand):
    help = "Flesch–Kincaid grade and Flesch reading ease of each guide, and the medians."

    def live_english_guides(self):
        # English only: the readability formulas are for English text (translations excluded).
        return list(GuidePage.objects.live().filter(locale=Locale.get_default()))

    def add_arguments(self, parser):
        parser.add_argument("--live", action="store_true", help="Score published guides.")

    def handle(self, *args, live=False, **options):
        guides = self.live_english_guides() if live else self.guides_from_files()
        if not guides:
            self.stdout.write("No guides found.")
            return
        rows = []
        for guide in guides:
            text = guide.plain_text()
            grade, ease = readability.scores(text)
            words = readability.word_count(text)
            rows.append((grade, ease, words, guide.slug))
            self.stdout.write(f"{grade:5.1f}  {ease:5.1f}  {words:5d}  {guide.slug}")
        grades = [row[0] for row in rows]
        too_hard = sum(grade > readability.TARGET_GRADE for grade in grades)
        eases = [row[1] for row in rows]
        self.stdout.write(
            f"{len(rows)} guides. Median Flesch–Kincaid grade {statistics.median(grades):.1f}; "
            f"median Flesch reading ease {statistics.median(eases):.1f}. "
            f"Over grade {readability.TARGET_GRADE}: {too_hard}."
        )

    def guides_from_files(self):
        return [
            GuidePage(slug=spec.slug, summary=spec.summary, body=spec.body)
            for spec in read_guides(self.stdout)
        ]
