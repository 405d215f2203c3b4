"""Serving stacks side by side, in one run, on the demo data (``make bench-serving``).

    .venv/bin/python tests/benchmarks/serving_bench.py [--setup] [--seconds 5]

Starts each stack in turn on the same database and Redis (the environment's DATABASE_URL and
REDIS_URL; production settings, plain HTTP), sends closed-loop GETs at concurrency 1, 8 and 32 to
the log-in page, ``/forum/`` and a search, and prints requests/s and p95 for each, and the
resident memory (RSS) of each server process after the run:

- Daphne, one process (``make run`` before this issue);
- uvicorn, one process, and ``uvicorn --workers 2``;
- gunicorn with two uvicorn workers (``uvicorn-worker``);
- the production set-up: nginx in front of two ``deploy/web.sh`` workers (uvicorn).

``--setup`` first migrates, loads the demo data, builds the search index, collects static files
and runs the task queue dry; without it the database must hold the demo data already (as
``make loadtest`` leaves it). The client runs on the same machine, so the figures are for
comparing the stacks with each other, not absolute capacity.
"""

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PAGES = [
    ("log-in page", "/accounts/login/"),
    ("/forum/", "/forum/"),
    ("search", "/search/?q=direct+payment"),
]
CONCURRENCY = [1, 8, 32]


def stacks(port: int, prefix: Path) -> list[tuple[str, list[list[str]]]]:
    """Each stack: a name and the commands that start it (the first listens on ``port``)."""
    app = "pbsite.asgi:application"
    uvicorn = [str(BIN / "uvicorn"), app, "--host", "127.0.0.1", "--lifespan", "off"]
    uvicorn += ["--no-access-log", "--log-level", "warning"]
    return [
        ("Daphne, 1 process", [[str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), app]]),
        ("uvicorn, 1 process", [[*uvicorn, "--port", str(port)]]),
        ("uvicorn --workers 2", [[*uvicorn, "--port", str(port), "--workers", "2"]]),
        (
            "gunicorn + 2 uvicorn workers",
            [
                [
                    str(BIN / "gunicorn"),
                    app,
                    "-k",
                    "uvicorn_worker.UvicornWorker",
                    "-w",
                    "2",
                    "-b",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "warning",
                ]
            ],
        ),
        (
            "nginx + 2 x deploy/web.sh",
            [
                [str(ROOT / "deploy" / "web.sh"), "1"],
                [str(ROOT / "deploy" / "web.sh"), "2"],
                ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            ],
        ),
    ]


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            found += [kid, *children(kid)]
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def process_name(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [Path(w.decode()).name for w in raw[:3] if w]
    return " ".join(words)[:30]


async def wait_until_up(url: str) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        for _ in range(120):
            try:
                if (await client.get(url + "/healthz")).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit(f"{url} did not start")


async def measure(
    url: str, path: str, concurrency: int, seconds: float
) -> tuple[float, float, int]:
    timings, errors = [], 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one_client(deadline):
            nonlocal errors
            while time.monotonic() < deadline:
                start = time.monotonic()
                try:
                    response = await client.get(path)
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                timings.append(time.monotonic() - start)

        warm = time.monotonic() + 1
        await asyncio.gather(*(one_client(warm) for _ in range(concurrency)))
        timings.clear()
        start = time.monotonic()
        await asyncio.gather(*(one_client(start + seconds) for _ in range(concurrency)))
        elapsed = time.monotonic() - start
    p95 = statistics.quantiles(timings, n=20)[18] if len(timings) > 1 else timings[0]
    return len(timings) / elapsed, p95, errors


def setup(env: dict) -> None:
    manage = [str(BIN / "python"), "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_demo"],
        ["update_index"],
        ["collectstatic", "--noinput"],
        ["run_worker", "--batch"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="per page and concurrency")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8060)))
    parser.add_argument("--setup", action="store_true", help="migrate and load the demo first")
    parser.add_argument("--only", help="run only the stacks whose name contains this")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: several workers need both.")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pbsite.settings.production",
        "SECURE_SSL_REDIRECT": "False",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "TRUSTED_PROXY_COUNT": "1",
        "EMBEDDED_WORKER": "false",
        "WEB_PORT_BASE": str(args.port),
        "NGINX_LISTEN": f"127.0.0.1:{args.port}",
        "WEB_WORKERS": "2",
    }
    env.setdefault("SECRET_KEY", "serving-bench-" + "x" * 40)
    if args.setup:
        setup(env)
    url = f"http://127.0.0.1:{args.port}"
    rows, memory = [], []
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "nginx"
        # nginx listens on the port; the two workers behind it take the next two.
        nginx_env = {**env, "WEB_PORT_BASE": str(args.port)}
        subprocess.run(
            [str(ROOT / "deploy" / "render_nginx.py"), "--standalone", str(prefix)],
            env=nginx_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for name, commands in stacks(args.port, prefix):
            if args.only and args.only not in name:
                continue
            processes = [
                subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True) for cmd in commands
            ]
            try:
                for n in range(1, len(commands)):  # deploy/web.sh workers first
                    asyncio.run(wait_until_up(f"http://127.0.0.1:{args.port + n}"))
                asyncio.run(wait_until_up(url))
                cells = {}
                for page, path in PAGES:
                    for concurrency in CONCURRENCY:
                        cells[page, concurrency] = asyncio.run(
                            measure(url, path, concurrency, args.seconds)
                        )
                rows.append((name, cells))
                for process in processes:
                    pids = [process.pid, *children(process.pid)]
                    for pid in pids:
                        if rss_mb(pid):
                            memory.append((name, process_name(pid), rss_mb(pid)))
            finally:
                for process in processes:
                    os.killpg(process.pid, signal.SIGTERM)
                for process in processes:
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
            print(f"done: {name}", file=sys.stderr)

    print(f"\nrequests/s and p95 (ms) per page and concurrency, {args.seconds:.0f} s each\n")
    header = f"{'stack':<30}" + "".join(
        f"{page[:11] + ' c=' + str(c):>19}" for page, _ in PAGES for c in CONCURRENCY
    )
    print(header)
    for name, cells in rows:
        line = f"{name:<30}"
        for page, _ in PAGES:
            for concurrency in CONCURRENCY:
                rps, p95, errors = cells[page, concurrency]
                mark = f" E{errors}" if errors else ""
                line += f"{f'{rps:.1f}/s {p95 * 1000:.0f}ms{mark}':>19}"
        print(line)
    print("\nRSS after the run (MB)")
    for name, process, mb in memory:
        print(f"  {name:<30}{process:<32}{mb:>6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
