"""`make run` serves the demo hub with a task worker and the scheduler beside the web server
(scripts/serve.py), and stops them all when one of them stops."""

import importlib.util
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _serve_module():
    spec = importlib.util.spec_from_file_location("serve_script", ROOT / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Process:
    """Stands in for a started process: records what was started and how it was stopped."""

    started: list["Process"] = []

    def __init__(self, command, cwd):
        self.command, self.signals, self.returncode = command, [], None
        Process.started.append(self)

    def poll(self):
        # The web server "stops" at once, as a crashed server would; the others keep running.
        if "runserver" in self.command and self.returncode is None:
            self.returncode = 3
        return self.returncode

    def send_signal(self, number):
        self.signals.append(number)
        self.returncode = 0

    def wait(self, timeout=None):
        return self.returncode


def test_make_run_starts_a_worker_and_the_scheduler_beside_the_web_server(monkeypatch):
    serve = _serve_module()
    Process.started = []
    monkeypatch.setattr(serve.subprocess, "Popen", Process)
    monkeypatch.setattr(serve.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(serve.signal, "signal", lambda number, handler: None)  # keep pytest's own handlers
    assert serve.main() == 3
    commands = [process.command[1:] for process in Process.started]
    assert [command[:2] for command in commands] == [
        ["manage.py", "runserver"],
        ["manage.py", "run_worker"],
        ["manage.py", "run_scheduler"],
    ]
    assert all(process.command[0] == sys.executable for process in Process.started)
    worker, scheduler = Process.started[1:]
    assert worker.signals == [signal.SIGINT] and scheduler.signals == [signal.SIGINT]


def test_the_makefile_runs_serve_after_the_demo():
    makefile = (ROOT / "Makefile").read_text()
    assert "run: demo serve" in makefile
    assert "scripts/serve.py" in makefile
