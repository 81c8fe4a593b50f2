"""Two gunicorn servers behind nginx, sharing PostgreSQL and Redis, hold together.

Runs scripts/cluster.py's checks (a)-(d) without its 60 s load: about 50 s, so it stays in the
normal suite; `-m "not cluster"` leaves it out.
"""

import glob
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TIMEOUT_S = 300

missing = [program for program in ("nginx", "redis-server") if not shutil.which(program)]
if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
    missing.append("postgresql")

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        bool(missing),
        reason=f"the cluster needs {', '.join(missing)}: apt-get install -y {' '.join(missing)}",
    ),
]


def test_two_servers_share_limits_sessions_and_pages_and_survive_losing_one():
    process = subprocess.Popen(
        [sys.executable, "scripts/cluster.py", "--no-load"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # SIGTERM, not SIGKILL: the script then stops every server it started.
        process.terminate()
        output, _ = process.communicate(timeout=60)
        pytest.fail(f"scripts/cluster.py ran over {TIMEOUT_S} s:\n{output}")
    assert process.returncode == 0, output
    assert "FAIL" not in output, output
