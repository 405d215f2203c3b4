"""Demo content as data: the one reader of every part's demo files.

Each part keeps what its demo site shows (people, listings, topics, posts...) in YAML files in
``<app>/demo_content/`` (as ``home/demo_content/`` does for the guides), and its ``demo.py``
turns them into rows. What must be computed when the demo loads stays in code: dates relative
to today (a file says ``confirmed_days_ago: 5``; :func:`days_ago` makes the date) and
passwords (``accounts.demo``).

A file that cannot be read raises :class:`DemoDataError` naming the file and the problem, so
``manage.py load_demo`` stops with a sentence instead of a traceback deep in a part.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.utils import timezone

CONTENT_FOLDER = "demo_content"


class DemoDataError(ValueError):
    """A demo file that cannot be loaded; the message says which and why."""


def demo_path(app_label: str, name: str) -> Path:
    """``<app>/demo_content/<name>.yaml`` for the installed app ``app_label``."""
    return Path(apps.get_app_config(app_label).path) / CONTENT_FOLDER / f"{name}.yaml"


def read_demo(app_label: str, name: str, *, expect: type = list) -> Any:
    """The parsed YAML of one demo file: a list (of rows) unless ``expect`` says otherwise."""
    path = demo_path(app_label, name)
    source = f"{app_label}/{CONTENT_FOLDER}/{path.name}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DemoDataError(f"{source}: the file is missing") from error
    except yaml.YAMLError as error:
        raise DemoDataError(f"{source}: not valid YAML ({error})") from error
    if not isinstance(data, expect):
        raise DemoDataError(f"{source}: expected a {expect.__name__} at the top")
    return data


def days_ago(days: int | float, *, today: datetime.date | None = None) -> datetime.date:
    """The date ``days`` before today (negative: in the future), as demo files count."""
    return (today or timezone.localdate()) - datetime.timedelta(days=days)
