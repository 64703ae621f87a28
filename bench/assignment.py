"""`specq bench assignment`: online re-assignment on a real (temporary SQLite) database.

``workers.assignment.simulate_online`` routes each batch with the draft chooser, stores
synthetic results of a known per-token acceptance and re-decides after each batch. Three
scenarios: a better draft is registered midway, prompt lookup's acceptance rises midway,
and a control where every draft is equal (any switch is a false alarm).
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TARGET, TASK = "t", "qa"


@dataclass(frozen=True)
class AssignmentBenchConfig:
    """What to simulate; every field has a flag of the same name."""

    seeds: int = 10  # repetitions of each scenario
    batches: int = 160
    change_at: int = 40  # batch at which the better draft appears
    explore_rate: float = 0.05
    batch_size: int = 16


@dataclass
class ScenarioResult:
    """One scenario over every seed."""

    name: str
    best: str | None  # the draft that should win; None for the control
    batches_to_switch: list[int] = field(default_factory=list)  # per seed that switched to ``best``
    switches_per_run: list[int] = field(default_factory=list)
    wrong_switches: int = 0

    @property
    def switched_runs(self) -> int | None:
        return len(self.batches_to_switch) if self.best else None

    def median_delay(self) -> float | None:
        return statistics.median(self.batches_to_switch) if self.batches_to_switch else None


@dataclass
class AssignmentBenchResult:
    config: AssignmentBenchConfig
    policy: dict[str, Any]
    scenarios: list[ScenarioResult]
    exploration_bound_99: int
    example_event: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "config": self.policy,
            "batches": self.config.batches,
            "change_at": self.config.change_at,
            "batch_size": self.config.batch_size,
            "scenarios": {
                s.name: {
                    "switched_runs": s.switched_runs,
                    "batches_to_switch": s.batches_to_switch,
                    "switches_per_run": s.switches_per_run,
                    "wrong_switches": s.wrong_switches,
                }
                for s in self.scenarios
            },
            "exploration_bound_99": self.exploration_bound_99,
            **({"example_event": self.example_event} if self.example_event is not None else {}),
        }


def _scenarios(
    change_at: int,
) -> dict[str, tuple[Callable[[int], Any], Callable[[int, str], float], str | None]]:
    from specq.deployment import Deployment, DraftSpec, TargetSpec

    def deployment(with_aligned: bool) -> Deployment:
        drafts = {
            "general": DraftSpec("general", "model", (TARGET,), path="zoo:draft"),
            "prompt-lookup": DraftSpec("prompt-lookup", "prompt-lookup", (TARGET,)),
        }
        if with_aligned:
            drafts["aligned"] = DraftSpec("aligned", "model", (TARGET,), path="zoo:aligned")
        return Deployment(targets={TARGET: TargetSpec(TARGET, "zoo:target", "general")}, drafts=drafts)

    before, after = deployment(False), deployment(True)
    return {
        # A task-aligned draft is registered at `change_at` (specq align --register).
        "new aligned draft registered": (
            lambda b: before if b < change_at else after,
            lambda b, d: {"general": 0.55, "prompt-lookup": 0.30, "aligned": 0.75}[d],
            "aligned",
        ),
        # The prompts of the task change at `change_at`: prompt lookup starts to pay off.
        "prompt-lookup acceptance rises": (
            lambda b: before,
            lambda b, d: {"general": 0.55, "prompt-lookup": 0.30 if b < change_at else 0.85}[d],
            "prompt-lookup",
        ),
        # Control: equal drafts; any switch is a false alarm.
        "no difference (control)": (lambda b: after, lambda b, d: 0.6, None),
    }


def run_assignment_bench(config: AssignmentBenchConfig) -> AssignmentBenchResult:
    """Every scenario for every seed, each on its own temporary SQLite database."""
    from db import queries
    from db.session import init_db, make_engine, session_scope
    from models.tasks.assignment import PolicyConfig
    from workers.assignment import batches_to_switch, expected_exploration_bound, simulate_online

    policy = PolicyConfig(explore_rate=config.explore_rate)
    results: list[ScenarioResult] = []
    example_event: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, (dep_at, acceptance, best)) in enumerate(_scenarios(config.change_at).items()):
            result = ScenarioResult(name, best)
            for seed in range(config.seeds):
                engine = make_engine(f"sqlite:///{tmp}/sim-{n}-{seed}.db")
                init_db(engine)
                with session_scope(engine) as s:
                    history = simulate_online(
                        s,
                        target=TARGET,
                        task=TASK,
                        deployment_at=dep_at,
                        acceptance=acceptance,
                        batches=config.batches,
                        batch_size=config.batch_size,
                        seed=seed,
                        config=policy,
                    )
                    events = queries.assignment_events(s, TARGET)
                    online = [e for e in events if e.reason and e.old_draft is not None]
                    result.switches_per_run.append(len(online))
                    if best is not None:
                        result.wrong_switches += sum(1 for e in online if e.new_draft != best)
                        delay = batches_to_switch(history, config.change_at, best)
                        if delay is not None:
                            result.batches_to_switch.append(delay)
                        if example_event is None and online:
                            e = online[0]
                            example_event = {
                                "old_draft": e.old_draft,
                                "new_draft": e.new_draft,
                                "reason": e.reason,
                                "evidence": e.evidence,
                            }
                    else:
                        result.wrong_switches += len(online)
                engine.dispose()
            results.append(result)
    return AssignmentBenchResult(
        config=config,
        policy=dict(policy.__dict__),
        scenarios=results,
        exploration_bound_99=expected_exploration_bound(config.explore_rate),
        example_event=example_event,
    )
