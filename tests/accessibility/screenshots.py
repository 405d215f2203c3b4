"""Screenshots of every page type in pages.py, at 320 and 1280 px, full page (``make screenshots``).

    python tests/accessibility/screenshots.py [--out screenshots] [--base-url URL] [--only WORDS]

Without ``--base-url`` it serves the site itself (``manage.py runserver`` on a free port) from
the database the settings name, so ``make screenshots`` first builds a fresh demo site in a
temporary ``DATA_DIR`` (with ``DEBUG=False``, so the 404 page is the site's own). Files are
named ``<width>-<page name>.png`` (``320-a-pas-profile.png``); with ``--no-javascript``, as a
browser with JavaScript turned off shows them, ``nojs-320-a-pas-profile.png``.
It also prints, for each page at phone widths, any sideways scrolling or an h1 below the first
screen (the same check as tests/accessibility/test_axe.py).
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = [(320, 568), (1280, 800)]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", name.lower())).strip("-")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve() -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        # --insecure: static files from the app folders, as DEBUG=False (real error pages) needs.
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 (our own server)
            return server, url
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The site did not start within a minute.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--base-url", help="a site already running with the demo content")
    parser.add_argument("--only", help="only pages whose name contains this text")
    parser.add_argument(
        "--no-javascript", action="store_true", help="with JavaScript turned off in the browser"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.dev")
    # Playwright's sync API keeps an event loop running; the ORM calls here are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.accessibility.browsing import expected_status, phone_problems, walk
    from tests.accessibility.pages import PAGES
    from tests.browser_support import CHROMIUM_ARGS, require_chromium

    pages = [entry for entry in PAGES if not args.only or args.only.lower() in entry[0].lower()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server, base_url = (None, args.base_url.rstrip("/")) if args.base_url else serve()
    trouble = 0
    prefix = "nojs-" if args.no_javascript else ""
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=require_chromium(), args=CHROMIUM_ARGS, headless=True
            )
            for width, height in WIDTHS:
                walked = walk(
                    browser, base_url, pages, (width, height), javascript=not args.no_javascript
                )
                for name, url, page, response in walked:
                    page.screenshot(path=out / f"{prefix}{width}-{slug(name)}.png", full_page=True)
                    if width == WIDTHS[0][0]:
                        for problem in phone_problems(page):
                            trouble += 1
                            print(f"{name} ({url}): {problem}")
                        status = response and response.status
                        if status != expected_status(name):
                            trouble += 1
                            print(f"{name} ({url}): answered {status}")
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    print(f"{len(pages) * len(WIDTHS)} screenshots in {out}/; {trouble} phone layout problems.")


if __name__ == "__main__":
    main()
