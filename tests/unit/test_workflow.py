"""The GitHub workflow, the pull-request template and the pre-commit hooks, read as data."""

from __future__ import annotations

import re

import pytest
import yaml

from alerta.config import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
RELEASE = re.compile(r"^v\d+(\.\d+){0,2}$")
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step_running(workflow: dict, job: str, text: str) -> dict:
    (step,) = [s for s in steps(workflow, job) if text in s.get("run", "")]
    return step


def step_using(workflow: dict, job: str, action: str) -> dict:
    (step,) = [s for s in steps(workflow, job) if s.get("uses", "").startswith(action + "@")]
    return step


def test_triggers(workflow):
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]


def test_build_job_runs_tests_then_site_then_summary(workflow):
    runs = [s.get("run", "") for s in steps(workflow, "build")]
    test = runs.index("make test")
    site = runs.index("make site")
    summary = next(i for i, r in enumerate(runs) if "i18n_status.py --format markdown" in r)
    assert test < site < summary
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs[summary]
    # The summary is written even when a step before it failed.
    assert step_running(workflow, "build", "i18n_status.py --format markdown")["if"] == "${{ !cancelled() }}"


def test_make_site_is_the_all_or_nothing_build():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "-m scripts.build_site" in recipe  # checks, builds, link checks, then publishes (alerta/build.py)


def test_preview_artifact_holds_site_and_bundles(workflow):
    upload = step_using(workflow, "build", "actions/upload-artifact")
    assert upload["with"]["path"].split() == ["site/", "dist/"]
    assert upload["with"]["if-no-files-found"] == "error"
    assert "if" not in upload  # every pull request gets a preview


def test_pages_deploy_only_on_main(workflow):
    pages = step_using(workflow, "build", "actions/upload-pages-artifact")
    assert pages["if"] == ON_MAIN
    assert pages["with"]["path"] == "site/"  # the bundles are inside, under site/downloads/
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == ON_MAIN
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/configure-pages", "actions/deploy-pages"]


def test_permissions_are_minimal(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_are_pinned_to_full_commit_shas(workflow):
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines()
    used = [line.split("uses:", 1)[1].strip() for line in lines if line.strip().startswith(("uses:", "- uses:"))]
    assert len(used) == sum(1 for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s) == 6
    for entry in used:
        # A tag can be moved; a full commit SHA cannot. The comment names the release a reader can look up.
        reference, _, comment = entry.partition("#")
        assert PINNED.match(reference.strip()), entry
        assert RELEASE.match(comment.strip()), f"{entry}: say which release the SHA is, e.g. # v4.2.2"


def test_pull_request_template_is_bilingual():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 5
    assert all(" / " in item for item in items)  # each item in Spanish / English
    for word in ("docs/contacts.yml", "docs/assets/images/", "source_hash", "translation: draft", "{ #id }"):
        assert word in text


def test_pre_commit_runs_the_lint_and_the_translation_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert hooks["content-lint"]["entry"].startswith("python scripts/lint_content.py")
    assert hooks["i18n-status"]["entry"] == "python scripts/i18n_status.py --check"
    assert all(hook["pass_filenames"] is False for hook in hooks.values())


def test_weekly_contacts_due_workflow_fails_and_keeps_one_issue():
    path = ROOT / ".github" / "workflows" / "contacts-due.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    (cron,) = data["on"]["schedule"]
    assert cron["cron"].split()[2:] == ["*", "*", "1"], "weekly"
    job = data["jobs"]["due"]
    assert job["permissions"] == {"contents": "read", "issues": "write"} and data["permissions"] == {"contents": "read"}
    runs = {s.get("id") or s["name"]: s for s in job["steps"]}
    assert "make contacts-due" in runs["due"]["run"]
    issue = next(s for s in job["steps"] if "gh issue" in s.get("run", ""))
    assert issue["if"] == "steps.due.outputs.status == '1'"
    assert "gh issue edit" in issue["run"] and "gh issue create" in issue["run"] and "in:title" in issue["run"]
    assert job["steps"][-1]["if"] == "steps.due.outputs.status != '0'" and job["steps"][-1]["run"] == "exit 1"
    for step in job["steps"]:
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
