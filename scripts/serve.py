"""`make run`'s last step: the web server, a task worker and the scheduler, stopped together by Ctrl+C.

The worker sends the hub's emails (printed to this console on the embedded default) and fetches
feeds when an owner presses "Refresh my feeds now"; the scheduler enqueues the periodic jobs.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")


def start(*arguments: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", *arguments], cwd=ROOT)


def main() -> int:
    processes = {
        "web server": start("runserver", f"{HOST}:{PORT}"),
        "worker": start("run_worker", "--threads", "2"),
        "scheduler": start("run_scheduler"),
    }
    print(f"The hub is at http://{HOST}:{PORT}/ (admin at /admin/), with a worker and the scheduler beside it.")
    print("Stop all three with Ctrl+C.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(f"The {name} stopped (exit code {process.returncode}); stopping the others.", flush=True)
                    return process.returncode or 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
