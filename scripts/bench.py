#!/usr/bin/env python3
"""Load benchmark of the public pages on PostgreSQL under gunicorn (`make bench`).

    python scripts/bench.py [--size 10000] [--requests 200] [--duration 10] [--timeout 10]

Starts a throwaway PostgreSQL cluster (scripts/with_postgres.py), migrates it, loads the real
content and adds synthetic practices copied from it (scripts/bench_content.py) until --size
are published, plus 3 % drafts. Then serves the site with production settings under gunicorn
(2 workers) and measures the main pages in Spanish: p50 and p95 latency of one client
sending one request after another (a keep-alive client, though gunicorn's sync workers close
every connection), requests per second at 8 connections (wrk, or a Python thread pool when
wrk is missing) and that rate as a share of a trivial view's, SQL queries per page (counted
in-process), response size raw and gzipped, and non-200 answers. It does this with the page
cache off and on (DJANGO_PAGE_CACHE_SECONDS=0, then 300), prints each gunicorn worker's
memory after the load, and the issue's targets marked met or MISSED.

It is a measurement, not a test: it exits 0 whatever the figures. docs/benchmarks.md explains
the columns. --use-database-url measures against the (empty) database in DATABASE_URL instead
of a throwaway cluster; the bench fills it.
"""

import argparse
import gzip
import http.client
import io
import logging
import math
import os
import platform
import re
import secrets
import shutil
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import with_postgres  # noqa: E402

TRIVIAL = "trivial (robots.txt)"
WARM_UP_REQUESTS = 3
# Slow pages stop early so a run ends in minutes; the table says how many requests counted.
SEQUENTIAL_BUDGET_S = 20
CONNECTIONS = 8
CACHE_SETTINGS = {"off": "0", "on": "300"}
# The targets, set for --size 10000 with the page cache off.
TARGET_SIZE = 10_000
MAX_QUERIES = 8
# Addresses a "first visit" row asks in turn: more than its sequential requests.
FIRST_VISITS = 400
CACHED_SHARE_OF_TRIVIAL = 0.40


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    p95_target_ms: float | None = None
    # List and search pages must keep up with the trivial view once the page cache is on.
    cached_throughput_target: bool = False
    # Addresses asked in turn instead of `path` again and again: each its first visit, so
    # nothing of it is kept yet (the rendered parts of editorial.fragments, the list's ids).
    paths: tuple[str, ...] = ()

    def path_at(self, n):
        return self.paths[n % len(self.paths)] if self.paths else self.path


@dataclass
class Load:
    tool: str
    requests_per_s: float
    non_2xx: int = 0
    timeouts: int = 0
    errors: int = 0


@dataclass
class Measurement:
    latencies_ms: list[float] = field(default_factory=list)  # math.inf for a timeout
    statuses: Counter = field(default_factory=Counter)
    body_bytes: int | None = None
    wire_bytes: int | None = None
    load: Load | None = None

    def percentile(self, share):
        if not self.latencies_ms:
            return math.inf
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def main():
    args = parse_args()
    if not args.use_database_url:
        # with_postgres runs the command against a fresh cluster and exports DATABASE_URL.
        command = [sys.executable, __file__, *sys.argv[1:], "--use-database-url"]
        return with_postgres.main(command)
    started = time.monotonic()
    env = production_env()
    cache_dir = tempfile.TemporaryDirectory(prefix="catalogue-bench-cache-")
    os.environ.update(
        env, DJANGO_PAGE_CACHE_SECONDS=CACHE_SETTINGS["off"], DJANGO_CACHE_DIR=cache_dir.name
    )
    setup_django()
    print_machine()
    build_catalogue(args.size)
    pages = pages_to_measure()
    queries = count_queries(pages, args.timeout)
    results = {}
    for cache, seconds in CACHE_SETTINGS.items():
        with Gunicorn({**env, "DJANGO_PAGE_CACHE_SECONDS": seconds}) as server:
            print(f"\nPage cache {cache} (DJANGO_PAGE_CACHE_SECONDS={seconds}), measuring…")
            results[cache] = {page.name: measure_page(server, page, args) for page in pages}
            print_table(pages, results[cache], queries)
            print_memory(server)
            print_server_log(server)
    print_targets(pages, results, queries, args.size)
    cache_dir.cleanup()
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"\nBench finished in {minutes} min {seconds} s.")
    return 0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=TARGET_SIZE, help="published practices")
    parser.add_argument("--requests", type=int, default=200, help="sequential requests a page")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load a page")
    parser.add_argument("--timeout", type=int, default=10, help="seconds before giving up")
    parser.add_argument(
        "--use-database-url", action="store_true", help="fill DATABASE_URL instead of a cluster"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") and args.use_database_url:
        parser.error("--use-database-url needs DATABASE_URL pointing at PostgreSQL")
    return args


def production_env():
    """What gunicorn gets: production settings, plain HTTP on loopback."""
    alphabet = string.ascii_letters + string.digits + string.punctuation
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
    import django

    django.setup()


def print_machine():
    from django import get_version
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", read("/proc/meminfo")).group(1))
    cpu = re.search(r"model name\s*:\s*(.+)", read("/proc/cpuinfo"))
    print(
        f"Machine: {len(os.sched_getaffinity(0))} CPUs (nproc), "
        f"{memory_kb / 1024**2:.1f} GiB RAM, {cpu.group(1) if cpu else 'CPU model unknown'}\n"
        f"Software: PostgreSQL {postgres}, Python {platform.python_version()}, "
        f"Django {get_version()}, {wrk_version() or 'no wrk'}\n"
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; load average before the bench "
        f"{read('/proc/loadavg').split()[0]} (other work on the machine skews the figures)",
        flush=True,
    )
    if not shutil.which("wrk"):
        print(
            "wrk not found: install it with `apt-get install -y wrk` for the req/s column; "
            "falling back to a Python thread pool, which understates the server."
        )


def read(path):
    return Path(path).read_text(errors="replace")


def wrk_version():
    if not shutil.which("wrk"):
        return None
    # wrk has no --version: its usage text starts with the version and exits 1.
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    output = result.stdout or result.stderr
    return " ".join(output.split()[:2])


def build_catalogue(size):
    import bench_content
    from django.core.management import call_command

    from practices.models import Practice

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_initial_data", verbosity=0, stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)
    loaded = time.monotonic()
    drafts = round(size * 0.03)
    added = bench_content.add_practices(size, drafts)
    filled = time.monotonic()
    bench_content.analyze()
    published = Practice.objects.filter(status="published").count()
    print(
        f"\nCatalogue: {published:,} published practices and "
        f"{Practice.objects.exclude(status='published').count():,} others "
        f"(real content and collectstatic {loaded - started:.1f} s, {added:,} synthetic "
        f"practices {filled - loaded:.1f} s, "
        f"VACUUM ANALYZE "
        f"{time.monotonic() - filled:.1f} s)",
        flush=True,
    )


def pages_to_measure():
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils.translation import override

    from practices.models import Practice

    published = Q(practices__status="published")
    most_practices = Count("practices", filter=published)
    country = (
        Practice._meta.get_field("countries")
        .related_model.objects.annotate(n=most_practices)
        .order_by("-n", "pk")
        .first()
    )
    theme = (
        Practice._meta.get_field("themes")
        .related_model.objects.annotate(n=most_practices)
        .order_by("-n", "pk")
        .first()
    )
    practice = Practice.objects.filter(status="published").order_by("pk").first()
    practices = Practice.objects.filter(status="published").order_by("-pk")[:FIRST_VISITS]
    list_pages = Practice.objects.filter(status="published").count() // 20
    with override("es"):
        listing = reverse("practices:list")

        def listed(**query):
            return f"{listing}?{urlencode(query)}"

        return [
            Page(TRIVIAL, "/robots.txt"),
            Page("home", reverse("home"), 30),
            Page("list", listing, 30, True),
            Page("list, page 50", listed(page=50), 30, True),
            Page("list, country+level", listed(country=country.slug, level="national"), 30, True),
            Page(
                "list, 3 facets",
                listed(country=country.slug, theme=theme.slug, level="national"),
                30,
                True,
            ),
            Page("search, 1 word", listed(q="regularizacion"), 30, True),
            Page("search, 2 words", listed(q="retorno integracion"), 30, True),
            Page("search, misspelt", listed(q="regularizasion"), 30, True),
            Page("practice detail", practice.get_absolute_url(), 20),
            Page("country", country.get_absolute_url(), 20),
            first_visits("list, each page once", [listed(page=n) for n in range(2, list_pages)]),
            first_visits("practice, each once", [p.get_absolute_url() for p in practices]),
            Page("recommendations", reverse("recommendations:list")),
            Page("CSV, one country", listed(country=country.slug, format="csv")),
        ]


def first_visits(name, paths):
    return Page(name, paths[0], paths=tuple(paths[:FIRST_VISITS]))


def count_queries(pages, timeout):
    """SQL queries each page runs, from the second request (the first fills caches; a page
    asking addresses in turn is counted on the first visit of its second address)."""
    from django.db import OperationalError, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    counts = {}
    print("\nCounting SQL queries in-process…", flush=True)
    # A request given up on logs its cancelled query; the HTTP figures report it already.
    logging.disable(logging.CRITICAL)
    try:
        for page in pages:
            counts[page.name] = None  # unless both requests finish in time
            try:
                with time_limit(timeout) as expired:
                    render(client, page.path_at(0))
                if expired.is_set():
                    continue
                with time_limit(timeout) as expired, CaptureQueriesContext(connection) as queries:
                    render(client, page.path_at(1))
                if not expired.is_set():
                    counts[page.name] = len(queries)
            except OperationalError:  # a cancelled query the project does not turn into a page
                pass
    finally:
        logging.disable(logging.NOTSET)
    return counts


@contextmanager
def time_limit(seconds):
    """Cancel the database's queries after `seconds`, as the HTTP client gives up then.

    Yields an event set once the time is up. A statement timeout would not do: a slow page
    runs a dozen slow queries.
    """
    from django.db import connections

    finished, expired = threading.Event(), threading.Event()

    def watchdog():
        if finished.wait(seconds):
            return
        expired.set()
        try:
            # Between two queries there is nothing to cancel, so keep cancelling until the end.
            while not finished.wait(0.1):
                cancel_other_queries()
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=watchdog)
    thread.start()
    try:
        yield expired
    finally:
        finished.set()
        thread.join()


def cancel_other_queries():
    """Cancel every query running in the database but this connection's; how many there were."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND state = 'active'"
        )
        return cursor.rowcount


def render(client, path):
    response = client.get(path)
    # A streamed response (a large download) runs its queries while it is read.
    return b"".join(response.streaming_content) if response.streaming else response.content


class Gunicorn:
    """The site under gunicorn with 2 workers on a free loopback port, stopped on exit."""

    def __init__(self, env):
        self.workdir = tempfile.TemporaryDirectory(prefix="catalogue-bench-")
        self.log = Path(self.workdir.name) / "gunicorn.log"
        # An empty cache: no page cached by an earlier run or the development server.
        cache = Path(self.workdir.name) / "cache"
        self.env = {**os.environ, **env, "DJANGO_CACHE_DIR": str(cache)}
        self.port = with_postgres.free_port()

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [
            str(gunicorn),
            "catalogue.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self.wait_until_ready()
        settle(self)  # until the second worker has booted too
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.workdir.cleanup()

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            connection = self.connection(timeout=2)
            try:
                if get(connection, "/robots.txt")[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
            finally:
                connection.close()
        sys.exit(f"gunicorn did not answer within a minute:\n{self.log.read_text()[-3000:]}")

    def connection(self, timeout):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The parent pid is the second field after the parenthesised command name.
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def cpu_ticks(self):
        ticks = 0
        for pid in self.workers():
            try:
                fields = read(f"/proc/{pid}/stat").rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime and stime
        return ticks


def get(connection, path):
    """GET path, accepting gzip as browsers do; (status, raw size, size on the wire)."""
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    body = response.read()
    raw = gzip.decompress(body) if response.getheader("Content-Encoding") == "gzip" else body
    return response.status, len(raw), len(body)


def measure_page(server, page, args):
    measurement = Measurement()
    time_requests(server, page, measurement, args)
    measurement.load = load(server, page, args)
    settle(server)
    return measurement


def time_requests(server, page, measurement, args):
    """One client, one request after another: latency as a single reader sees it."""
    connection = server.connection(timeout=args.timeout)
    asked = 0
    try:
        for _ in range(WARM_UP_REQUESTS):
            asked += 1
            if timed_request(server, connection, page.path_at(asked), measurement) == math.inf:
                return  # too slow even to warm up: that timeout is the page's figure
        measurement.latencies_ms.clear()
        measurement.statuses.clear()
        deadline = time.monotonic() + SEQUENTIAL_BUDGET_S
        for _ in range(args.requests):
            asked += 1
            timed_request(server, connection, page.path_at(asked), measurement)
            if time.monotonic() > deadline:
                break
    finally:
        connection.close()


def timed_request(server, connection, path, measurement):
    begin = time.perf_counter()
    try:
        status, raw, wire = get(connection, path)
    except TimeoutError:
        outcome, elapsed = "timeout", math.inf
    except (OSError, http.client.HTTPException):
        outcome, elapsed = "connection error", math.inf
    else:
        outcome, elapsed = status, (time.perf_counter() - begin) * 1000
        if status == 200:  # not the size of an error page
            measurement.body_bytes, measurement.wire_bytes = raw, wire
    measurement.latencies_ms.append(elapsed)
    measurement.statuses[outcome] += 1
    if elapsed == math.inf:
        connection.close()  # the next request reconnects
        settle(server)
    return elapsed


def load(server, page, args):
    if shutil.which("wrk"):
        return wrk_load(server, page, args)
    return python_load(server, page, args)


WRK_SCRIPT = """
threads = 0
function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end
paths = {PATHS}
n = 0
request = function()
  n = n + 1
  return wrk.format(nil, paths[(first * math.floor(#paths / 2) + n) % #paths + 1])
end
"""


def wrk_load(server, page, args):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        # Each of wrk's threads asks the addresses in turn, starting half-way from the other.
        paths = ", ".join(f'"{path}"' for path in page.paths or [page.path])
        script.write(WRK_SCRIPT.replace("PATHS", paths))
        script.flush()
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{args.duration}s",
                f"--timeout={args.timeout}s",
                "-H",
                "Accept-Encoding: gzip",
                "-s",
                script.name,
                server.url(page.path),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def number(pattern):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else 0

    socket_errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    connect, read_, write, timeouts = map(int, socket_errors.groups()) if socket_errors else [0] * 4
    return Load(
        "wrk",
        number(r"Requests/sec:\s+([\d.]+)"),
        non_2xx=int(number(r"Non-2xx or 3xx responses: (\d+)")),
        timeouts=timeouts,
        errors=connect + read_ + write,
    )


def python_load(server, page, args):
    """Fallback for machines without wrk; the client shares the CPUs and understates."""
    deadline = time.monotonic() + args.duration
    outcomes = Counter()
    lock = threading.Lock()
    asked = iter(range(sys.maxsize))

    def client():
        connection = server.connection(timeout=args.timeout)
        while time.monotonic() < deadline:
            with lock:
                path = page.path_at(next(asked))
            try:
                status = get(connection, path)[0]
                outcome = "ok" if status < 400 else "non-2xx"
            except TimeoutError:
                outcome = "timeout"
            except (OSError, http.client.HTTPException):
                outcome = "error"
            if outcome in {"timeout", "error"}:
                connection.close()
            elif time.monotonic() > deadline:
                break  # like wrk, count only what was answered within the run
            with lock:
                outcomes[outcome] += 1
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(
        "python",
        (outcomes["ok"] + outcomes["non-2xx"]) / args.duration,
        non_2xx=outcomes["non-2xx"],
        timeouts=outcomes["timeout"],
        errors=outcomes["error"],
    )


def settle(server):
    """Wait until the server is idle, cancelling what abandoned requests still run.

    A request the client gave up on keeps a worker and a database backend busy (a slow search
    for half a minute, until gunicorn kills the worker), and wrk leaves requests queued; left
    alone they would slow down the next page measured.
    """
    previous = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        cancelled = cancel_other_queries()
        ticks = server.cpu_ticks()
        if not cancelled and ticks == previous:
            return
        previous = ticks
        time.sleep(0.5)


COLUMNS = (
    ("page", "<22"),
    ("p50 ms", ">9"),
    ("p95 ms", ">9"),
    ("n", ">5"),
    ("req/s @8", ">10"),
    ("of trivial", ">11"),
    ("SQL", ">8"),
    ("bytes", ">12"),
    ("gzip", ">11"),
    ("", ""),
)


def print_table(pages, results, queries):
    trivial = results[TRIVIAL].load.requests_per_s
    header = "".join(f"{title:{align}}" for title, align in COLUMNS[:-1]) + "  non-200"
    print(header)
    print("-" * len(header))
    for page in pages:
        result = results[page.name]
        share = result.load.requests_per_s / trivial if trivial else 0
        cells = [
            page.name,
            milliseconds(result.percentile(0.50)),
            milliseconds(result.percentile(0.95)),
            len(result.latencies_ms),
            f"{result.load.requests_per_s:,.1f}",
            f"{share:.0%}",
            "timeout" if queries[page.name] is None else queries[page.name],
            "–" if result.body_bytes is None else f"{result.body_bytes:,}",
            "–" if result.wire_bytes is None else f"{result.wire_bytes:,}",
            failures(result),
        ]
        aligned = zip(cells, (align for _title, align in COLUMNS), strict=True)
        print("".join(f"{cell:{align}}" for cell, align in aligned))
    print("SQL: counted in-process with the page cache off.")
    if results[TRIVIAL].load.tool != "wrk":
        print("req/s by a Python thread pool (wrk missing: apt-get install -y wrk); it competes")
        print("with the server for the CPUs, so these rates understate the server.")


def milliseconds(value):
    return "timeout" if value == math.inf else f"{value:.1f}"


def failures(result):
    """Everything that was not a 200, sequential client and load together."""
    parts = [f"{count}× {outcome}" for outcome, count in result.statuses.items() if outcome != 200]
    load = result.load
    for count, what in (
        (load.non_2xx, "non-2xx"),
        (load.timeouts, "timeouts"),
        (load.errors, "socket errors"),
    ):
        if count:
            parts.append(f"{load.tool}: {count} {what}")
    return "  " + ", ".join(parts) if parts else ""


def print_memory(server):
    for pid in server.workers():
        status = read(f"/proc/{pid}/status")
        rss, peak = (
            int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024 for key in ("VmRSS", "VmHWM")
        )
        print(f"gunicorn worker {pid}: resident memory {rss:.0f} MB (peak {peak:.0f} MB)")


SERVER_LOG_EVENTS = {
    "WORKER TIMEOUT": "workers killed by gunicorn",
    "Internal Server Error": "500 errors",
    "Database unavailable": "503 answers (query cancelled)",
}


def print_server_log(server):
    log = server.log.read_text(errors="replace")
    counts = [
        f"{log.count(text)} {what}" for text, what in SERVER_LOG_EVENTS.items() if text in log
    ]
    if counts:
        print(
            f"gunicorn log: {', '.join(counts)}; the bench cancels the queries of requests it "
            "gave up on"
        )


def print_targets(pages, results, queries, size):
    off, on = results["off"], results["on"]
    trivial_on = on[TRIVIAL].load.requests_per_s
    checks = []
    for page in pages:
        if page.p95_target_ms:
            p95 = off[page.name].percentile(0.95)
            checks.append(
                (
                    p95 <= page.p95_target_ms,
                    f"p95 ≤ {page.p95_target_ms:.0f} ms",
                    page.name,
                    f"{milliseconds(p95)}{'' if p95 == math.inf else ' ms'}",
                )
            )
    for page in pages:
        count = queries[page.name]
        checks.append(
            (
                count is not None and count <= MAX_QUERIES,
                f"≤ {MAX_QUERIES} SQL queries",
                page.name,
                "timeout" if count is None else str(count),
            )
        )
    for page in pages:
        if page.cached_throughput_target:
            share = on[page.name].load.requests_per_s / trivial_on if trivial_on else 0
            checks.append(
                (
                    share >= CACHED_SHARE_OF_TRIVIAL,
                    f"cache on: req/s ≥ {CACHED_SHARE_OF_TRIVIAL:.0%} of trivial",
                    page.name,
                    f"{share:.0%}",
                )
            )
    print(f"\nTargets (issue 8: {TARGET_SIZE:,} published practices, page cache off", end="")
    if size != TARGET_SIZE:
        print(f"; this run had {size:,}, so the verdicts are indicative only", end="")
    print(")")
    for met, target, name, value in checks:
        print(f"  {'met' if met else 'MISSED':<8}{target:<34}{name:<22}{value}")
    missed = sum(not met for met, *_rest in checks)
    print(f"{missed} of {len(checks)} targets MISSED." if missed else "All targets met.")


if __name__ == "__main__":
    sys.exit(main())
