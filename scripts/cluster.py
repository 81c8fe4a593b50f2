#!/usr/bin/env python3
"""The catalogue as it runs on several servers, on loopback: does it hold together?

    .venv/bin/python scripts/cluster.py [--no-load] [--load-seconds 60]

Starts, in a temporary directory: a throwaway PostgreSQL (scripts/with_postgres.py), a
redis-server, two gunicorn servers with production settings sharing both, and nginx in front of
them with deploy/nginx/catalogue-proxy.conf. Then checks, printing what it saw:

  (a) the suggestion limit is exact across both servers, and counts each visitor's address;
  (b) a session opened through one server is honoured by the other;
  (c) a public page cached by one server is served by the other, and an edit shows on both at
      once;
  (d) nginx keeps answering while one server is stopped;

and finally loads the list page through nginx with wrk (50 connections). Exits 1 if a check
fails. Everything it started is stopped, by its own PID, and the directory removed on exit.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from http.cookies import SimpleCookie
from itertools import cycle, islice
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import with_postgres  # noqa: E402

SUGGESTIONS_PER_HOUR = 5
LIST_PAGE = "/en/practices/"
PAGES_WHILE_DOWN = 50
LOAD_CONNECTIONS = 50
ANOTHER_ADDRESS = "127.0.0.2"
ADMIN_USER = "cluster-admin"
PROXY_SNIPPET = ROOT / "deploy" / "nginx" / "catalogue-proxy.conf"

NGINX_CONF = """\
daemon off;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/nginx-access.log;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream catalogue {{
        zone catalogue 64k;
        server 127.0.0.1:{a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=10s;
    }}
    server {{
        listen 127.0.0.1:{port};
        # Which server answered: for these checks only, never in production.
        add_header X-Upstream $upstream_addr always;
        include {snippet};
    }}
}}
"""

# wrk's own summary has no 95th percentile.
WRK_REPORT = """\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "load requests=%d duration_us=%d p95_us=%d status=%d connect=%d read=%d write=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(95),
    e.status, e.connect, e.read, e.write, e.timeout))
end
"""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def cookies(self):
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}

    @property
    def upstream(self):
        # After a retry nginx lists every server it tried; the last one answered.
        return self.headers.get("X-Upstream", "").split(",")[-1].strip()


def fetch(port, path, *, form=None, cookies=None, headers=None, source="127.0.0.1"):
    """One request, cookies by hand: the production cookies are Secure, and this is plain HTTP."""
    headers = {"Host": "127.0.0.1", **(headers or {})}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request("POST" if form is not None else "GET", path, body, headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def fetch_following(port, path):
    """A page, following the redirect a changed title makes from its old address."""
    for _hop in range(3):
        answer = fetch(port, path)
        if answer.status not in (301, 302):
            return answer
        path = answer.headers["Location"]
    return answer


def csrf_token(answer):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body)[1]


class Process:
    """A server this script started; stopped by its own PID."""

    def __init__(self, name, command, log, env=None):
        self.name, self.log = name, log
        with open(log, "ab") as out:
            self.popen = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def stop(self):
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()

    def wait_for_port(self, port, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                tail = Path(self.log).read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}:\n{tail}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not listen on {port} within {timeout} s")


class Gunicorn(Process):
    def __init__(self, name, port, env, workdir):
        self.port = port
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "catalogue.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ]
        super().__init__(f"gunicorn {name}", command, workdir / f"gunicorn-{name}.log", env)

    def wait_until_serving(self):
        self.wait_for_port(self.port)
        # The port opens before a worker has loaded Django; the first page proves it.
        deadline = time.monotonic() + 60
        while fetch(self.port, "/en/").status != 200:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} does not serve the home page")
            time.sleep(0.2)


class Report:
    def __init__(self):
        self.failed = []

    def check(self, name, ok, detail):
        print(f"  {'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        if not ok:
            self.failed.append(name)


def require(*programs):
    # Each program is also the name of its Debian package.
    for program in programs:
        if not shutil.which(program):
            sys.exit(f"{program} not found: apt-get install -y {program}")


def start(stack, workdir):
    """Everything up and serving; returns (nginx port, {name: gunicorn})."""
    database_url = stack.enter_context(with_postgres.throwaway_cluster()).url
    redis_port = with_postgres.free_port()
    # A cache: nothing is ever written to disk.
    options = {
        "bind": "127.0.0.1",
        "port": str(redis_port),
        "save": "",
        "appendonly": "no",
        "dir": str(workdir),
    }
    redis = Process(
        "redis-server",
        ["redis-server", *(arg for key, value in options.items() for arg in (f"--{key}", value))],
        workdir / "redis.log",
    )
    stack.callback(redis.stop)
    redis.wait_for_port(redis_port)

    os.environ.update(
        DJANGO_SETTINGS_MODULE="catalogue.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_SUGGESTIONS_PER_HOUR=str(SUGGESTIONS_PER_HOUR),
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        DJANGO_REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
    )
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connections

    stack.callback(connections.close_all)
    # Before the servers start: WhiteNoise lists the collected files once, when it starts.
    # STATIC_ROOT is fixed in the settings: the git-ignored staticfiles/.
    call_command("collectstatic", interactive=False, verbosity=0)
    servers = {}
    for name in ("A", "B"):
        servers[name] = Gunicorn(name, with_postgres.free_port(), os.environ.copy(), workdir)
        # Through the dict: check (d) replaces server B with a new process.
        stack.callback(lambda name=name: servers[name].stop())
    # While the servers boot, which needs no database.
    call_command("migrate", verbosity=0)
    call_command("load_initial_data", verbosity=0)
    for server in servers.values():
        server.wait_until_serving()

    nginx_dir = workdir / "nginx"
    nginx_dir.mkdir()
    # nginx started by root runs its workers as nobody, who must reach its temporary files.
    for directory in (workdir, nginx_dir):
        directory.chmod(0o711)
    port = with_postgres.free_port()
    conf = nginx_dir / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            dir=nginx_dir,
            a=servers["A"].port,
            b=servers["B"].port,
            port=port,
            snippet=PROXY_SNIPPET,
        )
    )
    nginx = Process(
        "nginx",
        ["nginx", "-c", str(conf), "-p", str(nginx_dir), "-e", str(nginx_dir / "nginx-error.log")],
        nginx_dir / "nginx.out",
    )
    stack.callback(nginx.stop)
    nginx.wait_for_port(port)
    return port, servers


def check_suggestion_limit(report, nginx, servers):
    from countries.models import Country

    print(f"(a) suggestion limit, {SUGGESTIONS_PER_HOUR} an hour per address", flush=True)
    names = {f"127.0.0.1:{server.port}": name for name, server in servers.items()}
    form_page = fetch(nginx, "/en/suggest/")
    cookies = form_page.cookies()
    form = {
        "csrfmiddlewaretoken": csrf_token(form_page),
        "title": "Interpreters at border reception points",
        "summary": "Interpreters help officials and arriving families understand each other.",
        "description": "Trained volunteers from the communities interpret at reception points.",
        "countries": [Country.objects.order_by("slug").values_list("slug", flat=True)[0]],
        "level": "national",
        "name": "Cluster check",
        "email": "cluster-check@example.org",
        "website": "",
    }
    answers = [
        fetch(nginx, "/en/suggest/", form=form, cookies=cookies)
        for _ in range(SUGGESTIONS_PER_HOUR + 1)
    ]
    statuses = [answer.status for answer in answers]
    answered_by = [names.get(answer.upstream, answer.upstream) for answer in answers]
    report.check(
        "one address, POSTs alternating through nginx",
        statuses == [302] * SUGGESTIONS_PER_HOUR + [429] and set(answered_by) == set(servers),
        f"answers {' '.join(map(str, statuses))} from servers {' '.join(answered_by)}",
    )
    # As nginx would send it: the same visitor's address, now at each server in turn.
    again = {
        name: fetch(
            server.port,
            "/en/suggest/",
            form=form,
            cookies=cookies,
            headers={"X-Forwarded-For": "127.0.0.1"},
        ).status
        for name, server in servers.items()
    }
    report.check(
        "the same address once more at each server",
        set(again.values()) == {429},
        ", ".join(f"server {name} {status}" for name, status in again.items()),
    )
    other = fetch(nginx, "/en/suggest/", form=form, cookies=cookies, source=ANOTHER_ADDRESS)
    report.check(
        f"another visitor ({ANOTHER_ADDRESS}) through nginx",
        other.status == 302,
        f"answer {other.status} from server {names.get(other.upstream, other.upstream)}",
    )


def check_shared_session(report, nginx, servers):
    from django.contrib.auth import get_user_model

    print("(b) a session opened through nginx, used at each server", flush=True)
    password = secrets.token_urlsafe(16)
    get_user_model().objects.create_superuser(ADMIN_USER, "cluster@example.org", password)
    login_page = fetch(nginx, "/admin/login/?next=/admin/")
    signed_in = fetch(
        nginx,
        "/admin/login/?next=/admin/",
        form={
            "csrfmiddlewaretoken": csrf_token(login_page),
            "username": ADMIN_USER,
            "password": password,
            "next": "/admin/",
        },
        cookies=login_page.cookies(),
    )
    session = signed_in.cookies().get("sessionid")
    report.check(
        "signed in through nginx",
        signed_in.status == 302 and bool(session),
        f"answer {signed_in.status}, session cookie {'set' if session else 'missing'}",
    )
    for name, server in servers.items():
        index = fetch(server.port, "/admin/", cookies={"sessionid": session or ""})
        report.check(
            f"admin index at server {name} with that session",
            index.status == 200 and 'id="logout-form"' in index.body,
            f"answer {index.status}, {'signed in' if 'logout-form' in index.body else 'not'}",
        )


def check_shared_page_cache(report, servers):
    from django.utils import translation

    from editorial.cache import generation
    from practices.models import Practice

    print("(c) the page cache, shared through Redis", flush=True)
    a, b = servers["A"], servers["B"]
    practice = Practice.objects.published().order_by("pk").first()
    with translation.override("en"):
        path = practice.get_absolute_url()
    first = fetch(a.port, path)
    # Behind the cache's back: QuerySet.update() sends no signal, so the content counter stays
    # and only a server that renders the page afresh could show this title.
    Practice.objects.filter(pk=practice.pk).update(title_en="Unseen while cached")
    second = fetch(b.port, path)
    cached = second.status == 200 and practice.title_en in second.body
    report.check(
        f"{path} rendered by A, then asked of B",
        cached and "Unseen" not in second.body,
        f"B answers {second.status} with {'the cached page' if cached else 'a page of its own'} "
        f"(same ETag: {first.headers.get('ETag') == second.headers.get('ETag')})",
    )
    before = generation()
    practice.title_en = "Migration desks at every consulate"
    # As the admin saves: post_save moves the counter once the write commits (at once here,
    # in autocommit), in the cache every server reads.
    practice.save()
    seen = {name: fetch_following(server.port, path) for name, server in servers.items()}
    report.check(
        "after an edit through the ORM, both servers show the new title",
        generation() != before
        and all(page.status == 200 and practice.title_en in page.body for page in seen.values()),
        ", ".join(
            f"server {name} {page.status} {'new' if practice.title_en in page.body else 'OLD'}"
            for name, page in seen.items()
        ),
    )


def check_one_server_down(report, nginx, servers):
    from django.utils import translation

    from practices.models import Practice

    print(f"(d) server B stopped, {PAGES_WHILE_DOWN} pages through nginx", flush=True)
    names = {f"127.0.0.1:{server.port}": name for name, server in servers.items()}
    with translation.override("es"):
        spanish = [p.get_absolute_url() for p in Practice.objects.published()[:3]]
    with translation.override("en"):
        english = [p.get_absolute_url() for p in Practice.objects.published()[:3]]
    # Cached pages and uncached searches, which need the database.
    paths = ["/en/", "/es/", LIST_PAGE, *english, *spanish]
    paths += [f"{LIST_PAGE}?q=migrant+{number}" for number in range(len(paths))]
    servers["B"].stop()
    statuses, answered_by, errors = Counter(), Counter(), 0
    for path in islice(cycle(paths), PAGES_WHILE_DOWN):
        try:
            answer = fetch(nginx, path)
        except OSError as error:
            statuses[type(error).__name__] += 1
            errors += 1
            continue
        statuses[answer.status] += 1
        errors += not 200 <= answer.status < 400
        answered_by[names.get(answer.upstream, answer.upstream)] += 1
    report.check(
        "pages answered while B is down",
        errors == 0,
        f"{errors} errors in {PAGES_WHILE_DOWN}; answers {dict(statuses)}; "
        f"answered by {dict(answered_by)}",
    )


def load(report, nginx, seconds, workdir):
    print(
        f"load: wrk, {LOAD_CONNECTIONS} connections, {seconds} s, {LIST_PAGE} through nginx",
        flush=True,
    )
    script = workdir / "report.lua"
    script.write_text(WRK_REPORT)
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{LOAD_CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            "Accept-Encoding: gzip",
            "-s",
            str(script),
            f"http://127.0.0.1:{nginx}{LIST_PAGE}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout, flush=True)
    figures = dict(
        pair.split("=")
        for pair in re.search(r"^load (.*)$", result.stdout, re.MULTILINE)[1].split()
    )
    figures = {key: int(value) for key, value in figures.items()}
    socket_errors = sum(figures[key] for key in ("connect", "read", "write", "timeout"))
    errors = figures["status"] + socket_errors
    report.check(
        "load",
        errors == 0,
        f"{figures['requests'] / figures['duration_us'] * 1e6:.0f} requests/s, "
        f"p95 {figures['p95_us'] / 1000:.1f} ms, {errors} errors "
        f"(non-2xx/3xx {figures['status']}, socket {socket_errors}) "
        f"in {figures['requests']} requests",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-load", action="store_true", help="Run checks (a)-(d) only.")
    parser.add_argument("--load-seconds", type=int, default=60)
    args = parser.parse_args()
    require("nginx", "redis-server", *([] if args.no_load else ["wrk"]))
    # A terminated run still stops what it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    report = Report()
    with ExitStack() as stack:
        workdir = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="catalogue-cluster-"))
        )
        nginx, servers = start(stack, workdir)
        print(
            f"Serving through nginx on 127.0.0.1:{nginx}: gunicorn A on {servers['A'].port}, "
            f"B on {servers['B'].port}, shared PostgreSQL and Redis "
            f"(ready in {time.monotonic() - started:.0f} s)",
            flush=True,
        )
        check_suggestion_limit(report, nginx, servers)
        check_shared_session(report, nginx, servers)
        check_shared_page_cache(report, servers)
        check_one_server_down(report, nginx, servers)
        if not args.no_load:
            servers["B"] = Gunicorn("B", servers["B"].port, os.environ.copy(), workdir)
            servers["B"].wait_until_serving()
            print("Server B started again.", flush=True)
            load(report, nginx, args.load_seconds, workdir)
    print(f"Finished in {time.monotonic() - started:.0f} s.", flush=True)
    if report.failed:
        print(f"FAILED: {', '.join(report.failed)}", flush=True)
        return 1
    print("All checks passed.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
