import os

# The conformance suites need their own settings (modelsearch's test app, Wagtail's test
# project), so they run as separate pytest invocations (see the Makefile) and are left out of
# the main run.
if not os.environ.get("DJANGO_SETTINGS_MODULE", "").startswith("tests.search.conformance"):
    collect_ignore = ["conformance"]
