"""The per-process model cache of a decode worker."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from specq.deployment import parse_deployment
from workers.runtime import Runtime


def test_drafts_are_loaded_once_and_shared_by_targets(specq_env: Path, tiny_zoo: Any) -> None:
    from specq.deployment import load_deployment

    dep = load_deployment()  # the default deployment: two targets, shared drafts
    dep.set_thresholds("sorted", "target-l", [0.5, 0.4, 0.0], path=specq_env / "specq.toml")
    runtime = Runtime(dep, device="cpu")
    runtime.preload(
        [(t, d) for t in ("target-s", "target-l") for d in ("general", "sorted", "none")], warmup=False
    )
    # One copy of the general draft's weights, serving both targets through two decoders.
    assert len(runtime._draft_models) == 1
    general_s = runtime.decoder("target-s", "general").proposer
    general_l = runtime.decoder("target-l", "general").proposer
    assert general_s is not general_l and general_s.lm.model is general_l.lm.model  # type: ignore[union-attr]
    # The sorted draft: one model, a proposer (own cache, own thresholds) per target.
    sorted_s = runtime.decoder("target-s", "sorted").proposer
    sorted_l = runtime.decoder("target-l", "sorted").proposer
    assert sorted_s.model is sorted_l.model  # type: ignore[union-attr]
    assert list(sorted_s.thresholds) == dep.drafts["sorted"].thresholds["target-s"]  # type: ignore[union-attr]
    assert list(sorted_l.thresholds) == [0.5, 0.4, 0.0]  # type: ignore[union-attr]
    assert runtime.decoder("target-s", "none").proposer is None
    assert runtime.decoder("target-s", "general") is runtime.decoder("target-s", "general")


def test_a_draft_with_another_tokenizer_is_refused_naming_both(
    specq_env: Path, random_models: dict[str, Path], alien_draft: Path
) -> None:
    import tomllib

    from models.loading import TokenizerMismatchError

    dep = parse_deployment(
        tomllib.loads(
            textwrap.dedent(
                f"""
                [targets.t]
                path = "{random_models["target"]}"
                [drafts.alien]
                path = "{alien_draft}"
                targets = ["t"]
                """
            )
        ),
        None,
    )
    with pytest.raises(TokenizerMismatchError, match="alien") as err:
        Runtime(dep, device="cpu").preload([("t", "alien")])
    assert str(random_models["target"]) in str(err.value)


def test_unknown_pairing_is_refused(specq_env: Path, random_models: dict[str, Path]) -> None:
    import tomllib

    dep = parse_deployment(
        tomllib.loads(
            textwrap.dedent(
                f"""
                [targets.t]
                path = "{random_models["target"]}"
                [targets.u]
                path = "{random_models["target"]}"
                [drafts.small]
                path = "{random_models["draft"]}"
                targets = ["u"]
                """
            )
        ),
        None,
    )
    with pytest.raises(ValueError, match="does not serve target 't'"):
        Runtime(dep, device="cpu").decoder("t", "small")
