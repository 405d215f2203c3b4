from django.core.management.base import BaseCommand, CommandError

from directory.importer import import_path


class Command(BaseCommand):
    help = (
        "Import services from Open Referral UK JSON: a file holding one service, a page of "
        "services (with “contents”) or a list, or a folder of such files. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE_OR_DIRECTORY")
        parser.add_argument(
            "--pending",
            action="store_true",
            help="New organisations wait for a moderator instead of being approved at once.",
        )

    def handle(self, path, pending=False, **options):
        from pathlib import Path

        if not Path(path).exists():
            raise CommandError(f"There is no file or folder called {path}.")
        report = import_path(path, pending=pending)
        self.stdout.write(
            f"Imported {report.imported} service{'s' if report.imported != 1 else ''} "
            f"({report.created} new, {report.updated} updated). "
            f"Rejected {len(report.rejected)}."
        )
        for rejection in report.rejected:
            self.stderr.write(f"Rejected {rejection}")
