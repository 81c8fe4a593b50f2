#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster on loopback, then remove it.

    python scripts/with_postgres.py pytest -q

The cluster is created from the installed server binaries (Debian's postgresql package) in a
temporary directory, listens on 127.0.0.1 on a free port, and is stopped and deleted when the
command ends, whatever its outcome. DATABASE_URL points the command at it, and
CATALOGUE_PG_DATADIR at the cluster's data directory, so that a test can restart the server
(restart()).
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from typing import NamedTuple

SUPERUSER = "catalogue"
DATADIR_VARIABLE = "CATALOGUE_PG_DATADIR"


class Cluster(NamedTuple):
    url: str  # for DATABASE_URL
    datadir: str


def server_bindir():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for path in [os.environ.get("PG_BINDIR", ""), *candidates]:
        if path and os.path.exists(os.path.join(path, "initdb")):
            return path
    sys.exit("PostgreSQL server binaries not found: apt-get install postgresql (or set PG_BINDIR).")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(args):
    # initdb refuses to run as root, so the cluster belongs to the postgres system user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def log_file(datadir):
    return os.path.join(os.path.dirname(datadir), "server.log")


def restart(datadir):
    """Restart the server as an operator would: sessions cut at once; back once it accepts."""
    command = [f"{server_bindir()}/pg_ctl", "-D", datadir, "-l", log_file(datadir), "-m", "fast"]
    subprocess.run(
        as_server_user([*command, "-w", "restart"]), check=True, stdout=subprocess.DEVNULL
    )


@contextmanager
def throwaway_cluster():
    """A fresh cluster with an empty database, removed on exit; yields a Cluster."""
    bindir = server_bindir()
    workdir = tempfile.mkdtemp(prefix="catalogue-pg-")
    datadir = os.path.join(workdir, "data")
    logfile = log_file(datadir)
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    port = free_port()
    run = lambda args: subprocess.run(as_server_user(args), check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    try:
        run(
            [
                f"{bindir}/initdb",
                "-D",
                datadir,
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        run([f"{bindir}/pg_ctl", "-D", datadir, "-l", logfile, "-o", options, "-w", "start"])
        run(
            [f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER, "catalogue"]
        )
        yield Cluster(f"postgres://{SUPERUSER}@127.0.0.1:{port}/catalogue", datadir)
    finally:
        subprocess.run(
            as_server_user([f"{bindir}/pg_ctl", "-D", datadir, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def main(command):
    with throwaway_cluster() as cluster:
        address = cluster.url.split("@")[1].split("/")[0]
        print(f"PostgreSQL running on {address} for: {' '.join(command)}", flush=True)
        env = {**os.environ, "DATABASE_URL": cluster.url, DATADIR_VARIABLE: cluster.datadir}
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
