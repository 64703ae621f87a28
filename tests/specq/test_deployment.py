"""The deployment file: the documented default, validation messages, in-place writers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from specq.deployment import (
    DEFAULT_DEPLOYMENT_TOML,
    DeploymentError,
    DraftSpec,
    UnknownTargetError,
    load_deployment,
    parse_deployment,
    write_default_deployment,
)

REPO = Path(__file__).resolve().parents[2]


def test_repo_file_is_the_documented_default() -> None:
    assert (REPO / "specq.toml").read_text() == DEFAULT_DEPLOYMENT_TOML
    dep = load_deployment(REPO / "specq.toml")
    assert set(dep.targets) == {"target-s", "target-l"}
    assert dep.pairings("target-s") == ["general", "prompt-lookup", "sorted"]
    assert dep.targets["target-s"].default_draft == "general"
    assert dep.drafts["sorted"].thresholds == {"target-s": [0.0, 0.0, 0.0], "target-l": [0.0, 0.0, 0.0]}
    assert dep.drafts["prompt-lookup"].path is None and dep.drafts["general"].k == "auto"
    assert dep.router_path == REPO / ".specq" / "router"
    assert dep.zoo_preset == "tiny"


def test_missing_file_falls_back_to_the_default(specq_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(specq_env / "absent.toml"))
    get_settings.cache_clear()
    dep = load_deployment()
    assert dep.path is None and set(dep.targets) == {"target-s", "target-l"}
    assert dep.router_path == specq_env / "router"
    with pytest.raises(DeploymentError, match="does not exist"):
        load_deployment(specq_env / "absent.toml")  # an explicit path must exist


def test_unknown_target_names_the_known_ones() -> None:
    dep = parse_deployment(tomllib.loads(DEFAULT_DEPLOYMENT_TOML), None)
    with pytest.raises(UnknownTargetError, match=r"unknown target 'big'.*defines: target-l, target-s"):
        dep.target("big")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no \\[targets.<name>\\] section"),
        ('[targets.t]\npath = "m"\ndefault_draft = "d"\n', "default_draft 'd' has no"),
        ('[targets.t]\npath = "m"\n[drafts.d]\nkind = "magic"\ntargets = ["t"]\n', "kind 'magic'"),
        ('[targets.t]\npath = "m"\n[drafts.d]\nkind = "model"\ntargets = ["t"]\n', "needs a path"),
        ('[targets.t]\npath = "m"\n[drafts.d]\nkind = "prompt-lookup"\ntargets = ["u"]\n', "target 'u'"),
        (
            '[targets.t]\npath = "m"\n[drafts.d]\nkind = "prompt-lookup"\ntargets = ["t"]\nk = 0\n',
            "k must be",
        ),
        ('[targets.t]\npath = ""\n', "path must be a non-empty string"),
        ('[targets."a b"]\npath = "m"\n', "must use letters"),
    ],
)
def test_invalid_files_say_what_and_where(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "specq.toml"
    path.write_text(toml)
    with pytest.raises(DeploymentError, match=message) as info:
        load_deployment(path)
    assert str(path) in str(info.value)


def test_writers_edit_in_place_and_keep_comments(tmp_path: Path) -> None:
    path = write_default_deployment(tmp_path / "specq.toml")
    with pytest.raises(DeploymentError, match="already exists"):
        write_default_deployment(path)
    dep = load_deployment(path)
    dep.set_thresholds("sorted", "target-l", [0.9, 0.8, 0.1])
    dep.add_draft(DraftSpec("code-draft", "model", ("target-s",), path="/models/code", k=4))
    text = path.read_text()
    assert "# Per-target confidence thresholds of the exits" in text  # comment above the key survives
    assert text.count("[drafts.sorted]") == 1
    again = load_deployment(path)
    assert again.drafts["sorted"].thresholds["target-l"] == [0.9, 0.8, 0.1]
    assert again.drafts["sorted"].thresholds["target-s"] == [0.0, 0.0, 0.0]
    assert again.pairings("target-s") == ["general", "prompt-lookup", "sorted", "code-draft"]
    assert again.drafts["code-draft"].k == 4
    with pytest.raises(DeploymentError, match="thresholds apply to sorted drafts"):
        again.set_thresholds("general", "target-s", [0.5])
    with pytest.raises(DeploymentError, match="target 'nope'"):
        again.add_draft(DraftSpec("x", "prompt-lookup", ("nope",)))
    assert load_deployment(path).drafts.keys() == again.drafts.keys() - {"x"}


def test_plain_decoding_pairings() -> None:
    dep = parse_deployment({"targets": {"t": {"path": "m"}}}, None)
    assert dep.targets["t"].default_draft == "none"
    assert dep.pairings("t") == [] and dep.all_pairings() == [("t", "none")]


def test_task_drafts_come_before_the_default_draft(tmp_path: Path) -> None:
    path = write_default_deployment(tmp_path / "specq.toml")
    dep = load_deployment(path)
    dep.set_task_drafts("target-s", {"translate-german": "prompt-lookup", "sum up": "none"})
    again = load_deployment(path)
    spec = again.targets["target-s"]
    assert spec.configured_draft("translate-german") == "prompt-lookup"
    assert spec.configured_draft("sum up") == "none"  # a task name TOML must quote
    assert spec.configured_draft("other") == "general"  # no entry: the default draft
    assert again.targets["target-l"].task_drafts == {}
    assert ("target-s", "none") in again.all_pairings() and ("target-l", "none") not in again.all_pairings()
    assert spec.path == "zoo:target-s"  # the rest of the section is kept
    with pytest.raises(DeploymentError, match=r"draft 'nope', which does not serve 'target-s'.*general"):
        again.set_task_drafts("target-s", {"x": "nope"})
    assert load_deployment(path).targets["target-s"].task_drafts == spec.task_drafts  # refused: not written


def test_set_router_writes_a_path_relative_to_the_file(tmp_path: Path) -> None:
    path = write_default_deployment(tmp_path / "specq.toml")
    load_deployment(path).set_router(tmp_path / "routers" / "r1")
    assert 'path = "routers/r1"' in path.read_text()
    assert load_deployment(path).router_path == tmp_path.resolve() / "routers" / "r1"
    load_deployment(path).set_router(Path("/elsewhere/r2"))
    assert load_deployment(path).router_path == Path("/elsewhere/r2")


@pytest.mark.parametrize(
    ("task_drafts", "message"),
    [
        ("task_drafts = 3", "must be a table"),
        ('task_drafts = { a = "d" }', "draft 'd', which does not serve"),
    ],
)
def test_invalid_task_drafts(tmp_path: Path, task_drafts: str, message: str) -> None:
    path = tmp_path / "specq.toml"
    path.write_text(
        f'[targets.t]\npath = "m"\n{task_drafts}\n[drafts.d]\nkind = "prompt-lookup"\ntargets = []\n'
    )
    with pytest.raises(DeploymentError, match=message):
        load_deployment(path)
