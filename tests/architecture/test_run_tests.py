"""The test command warns, without failing, when the runtime's expat is older than the fixed versions."""

import importlib.util
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
        "sys.exit(rt.main())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.split("=== Summary")[1]
    assert "WARNING: this Python parses feeds with expat 2.5.0, older than 2.7.0" in summary
