"""The test command warns, without failing, when the runtime's expat is older than the fixed versions,
and reads pip-audit's report: vulnerabilities fail the run, an unreachable database is said plainly."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("run_tests_script", ROOT / "scripts" / "run_tests.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_old_expat_gets_a_plain_warning_naming_both_versions():
    warning = _script().expat_warning((2, 5, 0))
    assert "expat 2.5.0, older than 2.7.0" in warning
    assert "docs/adr/0056" in warning


def test_a_current_expat_gets_no_warning():
    script = _script()
    assert script.expat_warning((2, 7, 0)) is None
    assert script.expat_warning((2, 7, 3)) is None
    assert script.expat_warning((2, 6, 4)) is not None


def test_the_warning_is_in_the_summary_and_does_not_fail_the_run(tmp_path):
    """main() with every pass replaced by nothing: only the summary and the exit code are left."""
    code = (
        "import sys; sys.argv = ['run_tests.py']\n"
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('rt', {str(ROOT / 'scripts' / 'run_tests.py')!r})\n"
        "rt = importlib.util.module_from_spec(spec); spec.loader.exec_module(rt)\n"
        "def checks(summary):\n"
        "    summary.warnings.append(rt.expat_warning((2, 5, 0)))\n"
        "rt.checks = checks\n"
        "rt.pytest_pass = rt.postgres_pass = rt.elasticsearch_pass = rt.browser_pass = lambda *a, **k: None\n"
        "rt.audit_pass = lambda *a, **k: None\n"
        "sys.exit(rt.main())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.split("=== Summary")[1]
    assert "WARNING: this Python parses feeds with expat 2.5.0, older than 2.7.0" in summary


def _package(name, version="1.0", vulns=(), skipped=False):
    item = {"name": name, "version": version, "vulns": list(vulns)}
    if skipped:
        item = {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name}"}
    return item


def test_a_known_vulnerability_fails_the_run_naming_package_advisory_and_fix():
    vuln = {"id": "PYSEC-2026-1", "fix_versions": ["5.2.20"], "aliases": ["CVE-2026-1"]}
    data = {"dependencies": [_package("django", "5.2.19", [vuln]), _package("nh3")]}
    assert _script().audit_outcome(data, 1) == (
        "failed",
        "known vulnerabilities in pinned packages: django 5.2.19: PYSEC-2026-1 (fixed in 5.2.20)",
    )


def test_a_database_that_answered_for_no_package_is_unreachable_not_clean():
    data = {"dependencies": [_package("django", skipped=True), _package("nh3", skipped=True)]}
    kind, message = _script().audit_outcome(data, 0)
    assert kind == "unreachable"
    assert "could not be reached, so none of the 2 pinned packages was checked" in message
    assert _script().audit_outcome(None, 1)[0] == "unreachable"


def test_clean_and_partly_checked_reports():
    script = _script()
    assert script.audit_outcome({"dependencies": [_package("nh3")]}, 0) == (
        "ok",
        "no known vulnerabilities in 1 pinned packages.",
    )
    partial = {"dependencies": [_package("nh3"), _package("private-thing", skipped=True)]}
    assert script.audit_outcome(partial, 0) == (
        "partial",
        "pip-audit could not look up 1 pinned packages: private-thing.",
    )


def test_unreachable_is_in_the_last_lines_and_does_not_fail_the_run_even_under_ci(tmp_path):
    code = (
        "import sys; sys.argv = ['run_tests.py']\n"
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('rt', {str(ROOT / 'scripts' / 'run_tests.py')!r})\n"
        "rt = importlib.util.module_from_spec(spec); spec.loader.exec_module(rt)\n"
        "rt.checks = rt.pytest_pass = rt.postgres_pass = lambda *a, **k: None\n"
        "rt.elasticsearch_pass = rt.browser_pass = lambda *a, **k: None\n"
        "rt.run = lambda command, env=None: 1\n"
        "sys.exit(rt.main())\n"
    )
    env = {**os.environ, "CI": "true"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    last_lines = result.stdout.strip().splitlines()[-3:]
    assert any(line.startswith("NOT RUN: pip-audit did not run") for line in last_lines), last_lines
