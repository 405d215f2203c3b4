#!/usr/bin/env python3
"""Render Budget Circle's nginx site from deploy/nginx/*.template (Python's standard library only).

    deploy/render_nginx.py [--env FILE] > /etc/nginx/sites-available/budgetcircle
    deploy/render_nginx.py [--env FILE] --standalone DIR   # DIR/nginx.conf + DIR/site.conf

Read from the environment (or --env, the units' env file): SERVER_NAME (default: ALLOWED_HOSTS),
WEB_WORKERS (2), WEB_PORT_BASE (8000: worker N listens on WEB_PORT_BASE+N), NGINX_LISTEN (80),
DATA_DIR and MEDIA_ROOT as the settings read them. --standalone writes a whole configuration with
its pid file, logs and temporary files inside DIR, so nginx runs with no system files:
``nginx -p DIR -c DIR/nginx.conf``.
"""

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "nginx"


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines as systemd's EnvironmentFile reads them (comments and blanks skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


def fill(template: str, values: dict[str, str]) -> str:
    text = template
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{(\w+)\}\}", text)
    if left:
        raise SystemExit(f"render_nginx: no value for {', '.join(sorted(set(left)))}")
    return text


def site_values(env: dict[str, str], logs: Path | None) -> dict[str, str]:
    workers = int(env.get("WEB_WORKERS", "2"))
    base = int(env.get("WEB_PORT_BASE", "8000"))
    data_dir = Path(env.get("DATA_DIR", str(ROOT / "data")))
    media = Path(env.get("MEDIA_ROOT", str(data_dir / "media")))
    names = env.get("SERVER_NAME") or " ".join(
        host.strip() for host in env.get("ALLOWED_HOSTS", "localhost").split(",") if host.strip()
    )
    log_dir = logs or Path("/var/log/nginx")
    return {
        "UPSTREAM_SERVERS": "\n".join(
            f"    server 127.0.0.1:{base + n} max_fails=0;" for n in range(1, workers + 1)
        ),
        "LISTEN": env.get("NGINX_LISTEN", "80"),
        "SERVER_NAME": names,
        "STATIC_ROOT": str(ROOT / "static_collected"),
        "MEDIA_ROOT": str(media),
        "ACCESS_LOG": str(log_dir / "budgetcircle.access.log"),
        "ERROR_LOG": str(log_dir / "budgetcircle.error.log"),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env", type=Path, help="an env file (KEY=value lines) to read first")
    parser.add_argument("--standalone", type=Path, metavar="DIR", help="write a whole config")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.env:
        env.update(read_env_file(args.env))
    site_template = (TEMPLATES / "site.conf.template").read_text()
    if args.standalone is None:
        sys.stdout.write(fill(site_template, site_values(env, None)))
        return 0
    prefix = args.standalone.resolve()
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "site.conf").write_text(fill(site_template, site_values(env, prefix)))
    main_template = (TEMPLATES / "standalone.conf.template").read_text()
    mime_types = env.get("NGINX_MIME_TYPES", "/etc/nginx/mime.types")
    (prefix / "nginx.conf").write_text(
        fill(
            main_template,
            {"PREFIX": str(prefix), "MIME_TYPES": mime_types, "USER": getpass.getuser()},
        )
    )
    print(prefix / "nginx.conf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
