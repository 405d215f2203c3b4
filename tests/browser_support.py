"""Shared helpers for browser tests: Debian's Chromium through Playwright, and signing in.

Playwright's own browser download does not work on our machines, so tests drive the system
Chromium. Without it, browser tests skip with a clear message on a laptop, and fail in CI
(``CI=true``), where ``.ci/run`` installs it.
"""

import os
import shutil

import pytest
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require_chromium() -> str:
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return CHROMIUM
    message = f"No Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " CI must run them.")
    pytest.skip(message)


def session_cookie(user, base_url: str) -> dict:
    """A signed-in session for ``user``, made before Playwright starts its event loop."""
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def axe_violations(page) -> list[str]:
    """Run axe-core with the WCAG 2.0/2.1/2.2 A and AA rules; one readable line per problem."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    problems = []
    for violation in results.response["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        problems.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
        )
    return problems
