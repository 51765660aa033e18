"""Start and stop the live hub that the browser tests and scripts/screenshots.py drive.

The hub runs as a real gunicorn process on 127.0.0.1 against a fresh SQLite database that
`migrate` and `load_demo` prepare in its own folder (settings: tests/browser/settings.py).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.support import ROOT, HubServer

SERVER_SETTINGS = "tests.browser.settings"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS, "HUB_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    return env


def prepare_database(env: dict, log_path: Path) -> None:
    """migrate + load_demo into the session's own SQLite file, once."""
    with log_path.open("a") as log:
        for command in (["migrate", "--noinput"], ["load_demo"]):
            code = subprocess.call(
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            if code != 0:
                raise RuntimeError(f"manage.py {command[0]} failed; see {log_path}:\n{tail(log_path)}")


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until_up(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the hub server stopped with {process.returncode}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"the hub server did not answer {url} within {timeout} s:\n{tail(log_path)}")


def start_server(var_dir: Path, log_path: Path) -> tuple[subprocess.Popen, HubServer]:
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "hub.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "60",
    ]  # fmt: skip
    # One worker: the rate-limit cache is per process, and tests count what it does.
    log = log_path.open("a")
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(var_dir), stdout=log, stderr=subprocess.STDOUT)
    server = HubServer(base_url=f"http://127.0.0.1:{port}", var_dir=var_dir, log_path=log_path)
    try:
        wait_until_up(server.url("/accessibility/"), process, log_path)
    except RuntimeError:
        process.kill()
        raise
    return process, server


def run_manage(server: HubServer, *arguments: str) -> str:
    """Run a management command against the live hub's database, as its worker would; returns the output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=server_env(server.var_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def launch_hub(var_dir: Path) -> tuple[subprocess.Popen, HubServer]:
    """A fresh demo hub in `var_dir`: database, demo content, then the server."""
    (var_dir / "mail").mkdir(parents=True, exist_ok=True)
    log_path = var_dir / "server.log"
    prepare_database(server_env(var_dir), log_path)
    return start_server(var_dir, log_path)
