"""Page speed benchmark: the hub served as docs/deploy.md deploys it, against a trivial Django view
and a static file from nginx, measured in the same run.

    .venv/bin/python bench/pages.py     (make bench runs it after bench/search.py)

What it does:
1. Builds two databases once and keeps them (rebuilt when the generators change, or with
   BENCH_REBUILD=1): the demo hub (`load_demo`) and the demo plus a generated corpus
   (`generate_corpus`: 10,000 articles, 20,000 questions with 0 to 100 answers and their ratings,
   2,000 profiles with feed items). PostgreSQL by default (the deployment's database),
   SQLite files with BENCH_DATABASE=sqlite.
2. Counts the SQL queries of every page, anonymous and signed in, at demo and at corpus size.
3. Serves the corpus hub with gunicorn (production settings, BENCH_WORKERS sync workers, the
   deployment's Redis cache), the baseline view `/bench/baseline/` (a fixed 10 KB page, same
   workers) and a 30 KB static file from nginx; then, with wrk, measures each page anonymous and
   signed in, and the rating API as a write load, interleaved over BENCH_ROUNDS rounds, each round
   with its own baseline runs.
4. Prints requests per second, p50 and p99, the ratio to the baseline (median, min, max over the
   rounds), the queries, each worker's memory after warm-up and at the end, and whether the
   ratings stored under the write load are exact. Writes the same as JSON and Markdown to
   var/bench/. No figure here is asserted anywhere: speed is read, not tested.

Environment: BENCH_DATABASE (postgresql|sqlite), BENCH_POSTGRES_URL (a server to create the
databases on), BENCH_DB_PREFIX (bench_perf), BENCH_CACHE_URL (redis://127.0.0.1:6379/8),
BENCH_SECONDS (5 per run), BENCH_ROUNDS (3), BENCH_CONNECTIONS (8), BENCH_WORKERS (2),
BENCH_CORPUS ("articles=10000,questions=20000,profiles=2000,members=3000,debates=100"),
BENCH_ONLY (a comma-separated subset of targets), BENCH_REBUILD=1.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OUT = ROOT / "var" / "bench"
PAGES = ["home", "wiki", "article", "debate", "questions", "question", "profiles", "profile", "member", "search"]
CORPUS_FILES = [
    "hub/corpus.py",
    "hub/corpus_support.py",
    "wiki/corpus.py",
    "profiles/corpus.py",
    "qa/corpus.py",
    "search/corpus.py",
]


def env(name: str, default: str) -> str:
    return os.environ.get(name) or default


SECONDS = int(env("BENCH_SECONDS", "5"))
ROUNDS = int(env("BENCH_ROUNDS", "3"))
CONNECTIONS = int(env("BENCH_CONNECTIONS", "8"))
WORKERS = int(env("BENCH_WORKERS", "2"))
DATABASE = env("BENCH_DATABASE", "postgresql")
POSTGRES = env("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PREFIX = env("BENCH_DB_PREFIX", "bench_perf")
CACHE_URL = env("BENCH_CACHE_URL", "redis://127.0.0.1:6379/8")
CORPUS = env("BENCH_CORPUS", "articles=10000,questions=20000,profiles=2000,members=3000,debates=100")
RATERS = 200


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- tools ----------------------------------------------------------------------------------------


def ensure_tools() -> None:
    """wrk and nginx from Debian when missing (as root); otherwise say what to install."""
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        log(f"Installing {' and '.join(missing)} from Debian")
        subprocess.run(["apt-get", "update", "-q"], check=False)
        packages = ["wrk" if tool == "wrk" else "nginx-light" for tool in missing]
        subprocess.run(
            ["apt-get", "install", "-y", "-q", *packages],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    still = [tool for tool in ("wrk", "nginx") if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()]
    if still:
        raise SystemExit(f"The page benchmark needs {' and '.join(still)}: apt-get install wrk nginx-light")


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- databases ------------------------------------------------------------------------------------


def fingerprint() -> str:
    """Changes when the generators, the demo loaders or the corpus sizes change: then rebuild."""
    digest = hashlib.sha256(CORPUS.encode())
    files = CORPUS_FILES + sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("*/demo*.py"))
    for name in files:
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def django_env(database_url: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "CACHE_URL": CACHE_URL,
        "STATIC_ROOT": str(OUT / "static"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(database_url: str, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=django_env(database_url), check=True)


class Databases:
    """The demo and the corpus database, on PostgreSQL or as SQLite files."""

    def __init__(self):
        self.mark = fingerprint()
        if DATABASE == "sqlite":
            self.demo = f"sqlite:///{OUT / (PREFIX + '_demo.sqlite3')}"
            self.corpus = f"sqlite:///{OUT / (PREFIX + '_corpus.sqlite3')}"
        else:
            base = POSTGRES.rsplit("/", 1)[0]
            self.demo, self.corpus = f"{base}/{PREFIX}_demo", f"{base}/{PREFIX}_corpus"

    def ready(self) -> bool:
        return not os.environ.get("BENCH_REBUILD") and self._stored_mark() == self.mark

    def build(self) -> None:
        log("Building the demo database (migrate, load_demo)")
        self._create(self.demo)
        manage(self.demo, "migrate", "--noinput", "-v0")
        manage(self.demo, "load_demo", "--force")
        log("Copying it and generating the corpus (generate_corpus)")
        self._copy(self.demo, self.corpus)
        options = [f"--{pair}" for pair in CORPUS.split(",") if pair]
        manage(self.corpus, "generate_corpus", *options)
        self._analyze(self.corpus)
        self._store_mark()

    def migrate(self) -> None:
        for url in (self.demo, self.corpus):
            manage(url, "migrate", "--noinput", "-v0")

    # PostgreSQL keeps the fingerprint as a comment on the database; SQLite in a file beside it.
    def _stored_mark(self) -> str:
        if DATABASE == "sqlite":
            path = Path(self.corpus.removeprefix("sqlite:///") + ".mark")
            return path.read_text() if path.exists() else ""
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            row = admin.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [f"{PREFIX}_corpus"],
            ).fetchone()
        return (row[0] or "") if row else ""

    def _store_mark(self) -> None:
        if DATABASE == "sqlite":
            Path(self.corpus.removeprefix("sqlite:///") + ".mark").write_text(self.mark)
            return
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"COMMENT ON DATABASE {PREFIX}_corpus IS '{self.mark}'")

    def _create(self, url: str) -> None:
        if DATABASE == "sqlite":
            path = Path(url.removeprefix("sqlite:///"))
            path.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm", ".mark"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            return
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")

    def _copy(self, source: str, target: str) -> None:
        if DATABASE == "sqlite":
            self._create(target)
            import sqlite3

            with (
                sqlite3.connect(source.removeprefix("sqlite:///")) as src,
                sqlite3.connect(target.removeprefix("sqlite:///")) as dst,
            ):
                src.backup(dst)
            return
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            name, template = target.rsplit("/", 1)[1], source.rsplit("/", 1)[1]
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")

    def _analyze(self, url: str) -> None:
        """What autovacuum does after a bulk load, so the planner sees the real table sizes."""
        if DATABASE == "sqlite":
            import sqlite3

            with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
                connection.execute("ANALYZE")
            return
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")


def probe(database_url: str, *args: str) -> dict:
    result = subprocess.run(
        [PYTHON, "bench/hub_probe.py", *args],
        cwd=ROOT,
        env=django_env(database_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


# --- servers --------------------------------------------------------------------------------------


class Servers:
    """gunicorn serving the corpus hub and the baseline, nginx serving a static 30 KB file."""

    def __init__(self, database_url: str):
        self.dir = Path(tempfile.mkdtemp(prefix="cohub-bench-"))
        self.dir.chmod(0o755)  # nginx's workers run as an unprivileged user and read the static file here
        self.hub_port, self.nginx_port = free_port(), free_port()
        self.database_url = database_url
        self.gunicorn: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None

    def start(self) -> None:
        self._start_nginx()
        command = [
            str(Path(PYTHON).with_name("gunicorn")),
            "hub.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.hub_port}",
            "--workers",
            str(WORKERS),
            "--access-logfile",
            str(self.dir / "access.log"),
            "--forwarded-allow-ips",
            "*",
            "--control-socket",
            str(self.dir / "gunicorn.ctl"),
        ]
        # The write load rates far more often than a member may in a day, and one member searches
        # far more often than a visitor may in a minute: both limits are lifted for the benchmark
        # (their checks still run on every request).
        environment = django_env(self.database_url, QA_LIMIT_RATINGS="1000000", HUB_SEARCH_PAGE_RATE="1000000/m")
        with open(self.dir / "gunicorn.log", "w") as errors:
            self.gunicorn = subprocess.Popen(command, cwd=ROOT, env=environment, stderr=errors)
        self._wait(self.hub_port)

    def _start_nginx(self) -> None:
        www = self.dir / "www"
        www.mkdir()
        paragraph = "<p>Community organisers listen door to door, build trust, map power and act together.</p>\n"
        (www / "static-30k.html").write_text("<!DOCTYPE html><html><body>\n" + paragraph * 350 + "</body></html>\n")
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.dir / name).mkdir()
        conf = self.dir / "nginx.conf"
        conf.write_text(
            f"worker_processes auto;\ndaemon off;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/nginx-error.log;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"  access_log {self.dir}/nginx-access.log;\n  default_type text/html;\n  sendfile on;\n"
            f"  client_body_temp_path {self.dir}/client_body; proxy_temp_path {self.dir}/proxy;\n"
            f"  fastcgi_temp_path {self.dir}/fastcgi; uwsgi_temp_path {self.dir}/uwsgi;\n"
            f"  scgi_temp_path {self.dir}/scgi;\n"
            f"  server {{ listen 127.0.0.1:{self.nginx_port}; root {www}; }}\n"
            "}\n"
        )
        self.nginx = subprocess.Popen(
            [nginx_binary(), "-c", str(conf), "-p", str(self.dir), "-e", str(self.dir / "nginx-error.log")]
        )
        self._wait(self.nginx_port)

    def _wait(self, port: int) -> None:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"Nothing answered on port {port}: see {self.dir}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def memory(self) -> dict[int, dict[str, int]]:
        """Each worker's resident and peak resident memory in KiB, from /proc."""
        figures = {}
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text().splitlines()
            values = {
                line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))
            }
            figures[pid] = {"rss": values.get("VmRSS", 0), "peak": values.get("VmHWM", 0)}
        return figures

    def stop(self) -> None:
        for process in (self.gunicorn, self.nginx):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


# --- load -----------------------------------------------------------------------------------------


def drain(base: str) -> None:
    """Wait until the workers have finished what the last run left queued (a slow page can hold a
    worker for seconds after wrk stops), so the next run starts on idle workers."""

    def one(_) -> None:
        request = urllib.request.Request(base + "/bench/baseline/", headers={"X-Forwarded-Proto": "https"})  # noqa: S310 - our own local server
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=300).read()  # noqa: S310 - our own local server

    with concurrent.futures.ThreadPoolExecutor(WORKERS * 2) as pool:
        list(pool.map(one, range(WORKERS * 2)))


def wrk(url: str, seconds: int, cookie: str = "", requests_file: str = "") -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
        url,
    ]
    extra = {"WRK_COOKIE": cookie, "WRK_REQUESTS": requests_file, "WRK_HOST_HEADER": "127.0.0.1"}
    output = subprocess.run(command, env={**os.environ, **extra}, capture_output=True, text=True, check=True).stdout
    line = [row for row in output.splitlines() if row.startswith("{")][-1]
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["ok"] = figures["requests"] - figures["status_errors"]
    if "/static-30k.html" not in url:
        drain(url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    return figures


def write_requests(path: Path, writers: dict) -> list[int]:
    """Rating requests, rater after rater, each rating a different answer; values alternate so scores move."""
    rng = random.Random(7)
    lines = []
    for turn in range(len(writers["answers"])):
        for number, rater in enumerate(writers["raters"]):
            answer = writers["answers"][(number + turn) % len(writers["answers"])]
            body = json.dumps(
                {"post_type": "answer", "post_id": answer, "value": rng.choice([1, 1, 0]), "feedback": ""}
            )
            cookie = f"{rater['cookie']}; csrftoken={rater['csrf']}"
            lines.append("\t".join(["POST", "/api/v1/ratings/", cookie, rater["csrf"], body]))
    path.write_text("\n".join(lines) + "\n")
    return [rater["id"] for rater in writers["raters"]]


def targets_for(urls: dict[str, str], only: set[str]) -> list[tuple[str, str, str]]:
    """(label, kind, path) for every measured target: each page anonymous and signed in, then the write load."""
    chosen = []
    for name in PAGES:
        for kind in ("anonymous", "signed in"):
            label = f"{name} ({kind})"
            if not only or name in only or label in only:
                chosen.append((label, kind, urls[name]))
    if not only or "rating" in only:
        chosen.append(("rating API (write)", "write", "/api/v1/ratings/"))
    return chosen


def run_rounds(servers: Servers, urls: dict, cookie: str, requests_file: str, only: set[str]) -> tuple[dict, dict]:
    base = f"http://127.0.0.1:{servers.hub_port}"
    static = f"http://127.0.0.1:{servers.nginx_port}/static-30k.html"
    targets = targets_for(urls, only)
    results: dict[str, list[dict]] = {label: [] for label, _, _ in targets}
    results["baseline"], results["nginx static"] = [], []
    memory: dict = {}
    log("Warming up: every target once, then 2 s each")
    for _label, kind, path in targets:
        wrk(base + path, 2, cookie if kind == "signed in" else "", requests_file if kind == "write" else "")
    for number in range(1, ROUNDS + 1):
        log(f"Round {number} of {ROUNDS}")
        baseline = [wrk(base + "/bench/baseline/", SECONDS)]
        results["nginx static"].append(wrk(static, SECONDS))
        order = list(targets)
        random.Random(number).shuffle(order)
        for index, (label, kind, path) in enumerate(order):
            run = wrk(
                base + path, SECONDS, cookie if kind == "signed in" else "", requests_file if kind == "write" else ""
            )
            run["round"] = number
            results[label].append(run)
            if index == len(order) // 2:
                baseline.append(wrk(base + "/bench/baseline/", SECONDS))
        baseline.append(wrk(base + "/bench/baseline/", SECONDS))
        merged = dict(baseline[0])
        merged["rps"] = statistics.mean(run["rps"] for run in baseline)
        merged["round"] = number
        results["baseline"].append(merged)
        if number == 1:
            memory["after_round_1"] = servers.memory()
    memory["end"] = servers.memory()
    return results, memory


# --- report ---------------------------------------------------------------------------------------


def summarise(results: dict, queries: dict) -> list[dict]:
    baseline = {run["round"]: run["rps"] for run in results["baseline"]}
    rows = []
    for label, runs in results.items():
        if not runs or label == "baseline":
            continue
        ratios = [run["rps"] / max(baseline[run.get("round", index + 1)], 1e-9) for index, run in enumerate(runs)]
        name, _, kind = label.partition(" (")
        kind = kind.rstrip(")")
        demo_q = queries["demo"].get(_query_key(kind), {}).get(name, {}).get("queries", "")
        corpus_q = queries["corpus"].get(_query_key(kind), {}).get(name, {}).get("queries", "")
        rows.append(
            {
                "target": label,
                "rps": statistics.median(run["rps"] for run in runs),
                "p50_ms": statistics.median(run["p50_us"] for run in runs) / 1000,
                "p99_ms": statistics.median(run["p99_us"] for run in runs) / 1000,
                "ratio": statistics.median(ratios),
                "ratio_min": min(ratios),
                "ratio_max": max(ratios),
                "non_2xx": sum(run["status_errors"] for run in runs),
                "queries": f"{demo_q} / {corpus_q}" if demo_q != "" else "",
            }
        )
    return rows


def _query_key(kind: str) -> str:
    return {"anonymous": "anonymous", "signed in": "signed_in"}.get(kind, "")


def markdown(rows: list[dict], results: dict, memory: dict, ratings: dict, queries: dict, meta: dict) -> str:
    baseline = [run["rps"] for run in results["baseline"]]
    lines = [
        f"Run {meta['date']} on {meta['machine']}; load average before the run {meta['load_before']}, "
        f"after {meta['load_after']}. Command: `{meta['command']}`.",
        f"{WORKERS} gunicorn sync workers, production settings, {DATABASE}, Redis cache; wrk with {CONNECTIONS} "
        f"connections, {SECONDS} s per run, {ROUNDS} rounds. Baseline (trivial view, 10 KB): "
        f"{statistics.median(baseline):,.0f} requests/s (rounds: {', '.join(f'{value:,.0f}' for value in baseline)}).",
        f"Corpus: {queries['corpus']['sizes']}.",
        "",
        "| target | requests/s | p50 ms | p99 ms | ratio to baseline: median (min-max) | non-2xx "
        "| SQL queries demo / corpus |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row['target']} | {row['rps']:,.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
            f"{row['ratio']:.3f} ({row['ratio_min']:.3f}-{row['ratio_max']:.3f}) | {row['non_2xx']} "
            f"| {row['queries']} |"
        )
    lines += ["", "Worker memory (MiB): resident after round 1 / peak after round 1 / peak at the end (growth):"]
    first, end = memory.get("after_round_1", {}), memory.get("end", {})
    for pid, figures in end.items():
        before = first.get(pid, {"rss": 0, "peak": 0})
        growth = (figures["peak"] / before["peak"] - 1) * 100 if before["peak"] else 0
        mib = [before["rss"] / 1024, before["peak"] / 1024, figures["peak"] / 1024]
        lines.append(f"- worker {pid}: {mib[0]:.0f} / {mib[1]:.0f} / {mib[2]:.0f} ({growth:+.1f}%)")
    if ratings:
        exact = not ratings["wrong_scores"] and not ratings["wrong_reputation"]
        lines += [
            "",
            f"Ratings after the write load: {ratings['ratings']:,} ratings by the benchmark's raters on "
            f"{ratings['posts']:,} answers of {ratings['recipients']:,} members; "
            + ("every score and reputation exact." if exact else "NOT EXACT: " + json.dumps(ratings)),
        ]
    return "\n".join(lines) + "\n"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    only = {item.strip() for item in os.environ.get("BENCH_ONLY", "").split(",") if item.strip()}
    meta = {
        "date": dt.datetime.now().strftime("%d %B %Y %H:%M"),
        "machine": f"{os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}",
        "load_before": load_average(),
        "command": "make bench (bench/pages.py)",
    }
    databases = Databases()
    if databases.ready():
        log("Reusing the benchmark databases (BENCH_REBUILD=1 rebuilds them)")
        databases.migrate()
    else:
        databases.build()
    log("Collecting static files")
    manage(databases.corpus, "collectstatic", "--noinput", "-v0")
    log("Counting SQL queries per page at demo and at corpus size")
    queries = {"demo": probe(databases.demo, "queries"), "corpus": probe(databases.corpus, "queries")}
    writers = probe(databases.corpus, "writers", str(RATERS))
    requests_file = OUT / "rating-requests.tsv"
    rater_ids = write_requests(requests_file, writers)
    servers = Servers(databases.corpus)
    try:
        servers.start()
        results, memory = run_rounds(
            servers, queries["corpus"]["urls"], writers["signed_in_cookie"], str(requests_file), only
        )
    finally:
        servers.stop()
    ratings = (
        probe(databases.corpus, "check-ratings", ",".join(map(str, rater_ids))) if not only or "rating" in only else {}
    )
    meta["load_after"] = load_average()
    rows = summarise(results, queries)
    report = markdown(rows, results, memory, ratings, queries, meta)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    (OUT / f"pages-{stamp}.md").write_text(report)
    (OUT / f"pages-{stamp}.json").write_text(
        json.dumps(
            {"meta": meta, "rows": rows, "results": results, "memory": memory, "ratings": ratings, "queries": queries},
            indent=1,
        )
    )
    print()
    print(report)
    log(f"Written to {OUT}/pages-{stamp}.md and .json")


if __name__ == "__main__":
    main()
