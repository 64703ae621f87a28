"""The deployment file ``specq.toml``: targets, drafts, their pairings and the router artifact.

``load_deployment()`` reads the file named by the settings (``SPECQ_CONFIG_FILE``, default
``./specq.toml``); without one it uses the documented default below, which serves the local
zoo's two targets on the embedded setup. Writers (``add_draft``, ``set_thresholds``) edit the
file in place, section by section, so the comments users wrote survive.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ZOO_PREFIX = "zoo:"
DRAFT_KINDS = ("model", "sorted", "prompt-lookup")
NO_DRAFT = "none"  # plain decoding; mirrors db.schema.NO_DRAFT (db stays optional here)
_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")

DEFAULT_DEPLOYMENT_TOML = """\
# specq deployment: which targets are served, which drafts can speculate for them,
# and where the prompt router lives. Read by every specq process (SPECQ_CONFIG_FILE
# points elsewhere). `specq align --register` and `specq calibrate` edit this file.
#
# Model paths are a Hugging Face hub id, a local directory saved with save_pretrained,
# or "zoo:<name>": a model of the local zoo (built from the preset below on first use).

[zoo]
# "tiny" builds in seconds (tests, demo); "bench" takes tens of minutes on two CPU cores.
preset = "tiny"

[router]
# The prompt router written by `specq partition FILE --out DIR` (relative to this file).
# While it does not exist every prompt gets the task "default".
path = ".specq/router"

# ---- targets: the models whose outputs users get -------------------------------------

[targets.target-s]
path = "zoo:target-s"
# Draft for a (target, task) that has no assignment yet; "none" = plain decoding.
default_draft = "general"

[targets.target-l]
path = "zoo:target-l"
default_draft = "general"

# ---- drafts: proposers that speculate for the targets they list ---------------------
# kind: model (a small causal LM) | sorted (nested exits, S2D) | prompt-lookup (model-free)
# k: draft tokens per step, an integer or "auto" (chosen from measured acceptance and cost)

[drafts.general]
path = "zoo:draft"
kind = "model"
targets = ["target-s", "target-l"]
k = "auto"

[drafts.prompt-lookup]
kind = "prompt-lookup"
targets = ["target-s", "target-l"]
k = "auto"

[drafts.sorted]
path = "zoo:sorted-draft"
kind = "sorted"
targets = ["target-s", "target-l"]
k = "auto"
# Per-target confidence thresholds of the exits, shallow to deep (written by `specq calibrate`).
# These are what `specq calibrate` measured on the tiny zoo: its shallowest exit alone is fastest.
thresholds = { target-s = [0.0, 0.0, 0.0], target-l = [0.0, 0.0, 0.0] }
"""


class DeploymentError(ValueError):
    """The deployment file is invalid, or names something it does not define."""


class UnknownTargetError(DeploymentError):
    def __init__(self, name: str, known: list[str], where: str) -> None:
        self.name = name
        super().__init__(
            f"unknown target {name!r}; {where} defines: {', '.join(known) or '(none)'}. "
            "Pass one of those with --target, or add a [targets.<name>] section."
        )


@dataclass(frozen=True)
class TargetSpec:
    name: str
    path: str  # hub id, local dir or "zoo:<name>"
    default_draft: str = NO_DRAFT  # draft for tasks without an assignment; "none" = plain decoding
    max_batch_size: int | None = None  # overrides SPECQ_MAX_BATCH_SIZE for this target
    # Router task -> draft for tasks the database holds no assignment for yet (before default_draft).
    task_drafts: dict[str, str] = field(default_factory=dict)

    def configured_draft(self, task: str) -> str:
        """The draft this file gives ``task``: its entry in task_drafts, else default_draft."""
        return self.task_drafts.get(task, self.default_draft)


@dataclass(frozen=True)
class DraftSpec:
    name: str
    kind: str  # one of DRAFT_KINDS
    targets: tuple[str, ...]  # the targets this draft speculates for
    path: str | None = None  # None for prompt-lookup
    k: int | str = "auto"  # draft tokens per step, or "auto"
    thresholds: dict[str, list[float]] = field(default_factory=dict)  # sorted drafts: per target


@dataclass
class Deployment:
    """The parsed deployment file."""

    targets: dict[str, TargetSpec]
    drafts: dict[str, DraftSpec]
    zoo_preset: str = "tiny"
    router_path: Path | None = None
    path: Path | None = None  # the file it came from; None = the built-in default

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "the built-in default deployment"

    def target(self, name: str) -> TargetSpec:
        """The target ``name``, or an error naming it and listing the known targets."""
        try:
            return self.targets[name]
        except KeyError:
            raise UnknownTargetError(name, sorted(self.targets), self.source) from None

    def draft(self, name: str) -> DraftSpec:
        try:
            return self.drafts[name]
        except KeyError:
            raise DeploymentError(
                f"unknown draft {name!r}; {self.source} defines: {', '.join(sorted(self.drafts))}"
            ) from None

    def pairings(self, target: str) -> list[str]:
        """Names of the drafts that serve ``target`` (file order)."""
        self.target(target)
        return [d.name for d in self.drafts.values() if target in d.targets]

    def all_pairings(self) -> list[tuple[str, str]]:
        """Every (target, draft) pair, plus (target, "none") where the file configures plain decoding."""
        pairs = [(t, d) for t in self.targets for d in self.pairings(t)]
        pairs += [
            (t, NO_DRAFT)
            for t, spec in self.targets.items()
            if NO_DRAFT in (spec.default_draft, *spec.task_drafts.values())
        ]
        return pairs

    # ------------------------------------------------------------------ writers

    def add_draft(self, spec: DraftSpec, *, path: Path | None = None) -> None:
        """Add or replace ``[drafts.<name>]`` and save (used by ``specq align --register``)."""
        _check_draft(spec, self.targets, self.source)
        self.drafts[spec.name] = spec
        self._edit_section(f"drafts.{spec.name}", _draft_table(spec), path)

    def set_task_drafts(self, target: str, task_drafts: dict[str, str], *, path: Path | None = None) -> None:
        """Replace ``target``'s task_drafts (router task -> draft) and save."""
        old = self.target(target)
        new = TargetSpec(old.name, old.path, old.default_draft, old.max_batch_size, dict(task_drafts))
        _check_task_drafts(new, self.drafts, self.source)
        self.targets[target] = new
        self._edit_section(f"targets.{target}", _target_table(new), path)

    def set_router(self, router: Path, *, path: Path | None = None) -> None:
        """Point ``[router] path`` at ``router`` (written relative to the file when inside its
        directory) and save (the router `specq partition` wrote)."""
        dest = path or self.path
        router = router.resolve() if router.is_absolute() else router
        value = str(router)
        if dest is not None and router.is_absolute() and router.is_relative_to(dest.parent.resolve()):
            value = str(router.relative_to(dest.parent.resolve()))
        self._edit_section("router", {"path": value}, dest)
        self.router_path = router if router.is_absolute() or dest is None else dest.parent / router

    def set_thresholds(
        self, draft: str, target: str, thresholds: list[float], *, path: Path | None = None
    ) -> None:
        """Store a sorted draft's exit thresholds for ``target`` and save (``specq calibrate``)."""
        spec = self.draft(draft)
        self.target(target)
        if spec.kind != "sorted":
            raise DeploymentError(f"draft {draft!r} is {spec.kind!r}; thresholds apply to sorted drafts")
        new = DraftSpec(
            name=spec.name,
            kind=spec.kind,
            targets=spec.targets,
            path=spec.path,
            k=spec.k,
            thresholds={**spec.thresholds, target: [float(x) for x in thresholds]},
        )
        self.drafts[draft] = new
        self._edit_section(f"drafts.{draft}", _draft_table(new), path)

    def _edit_section(self, header: str, table: dict[str, Any], path: Path | None) -> None:
        dest = path or self.path
        if dest is None:
            raise DeploymentError(
                "the built-in default deployment has no file to write; run `specq init` "
                "(or write specq.toml) first, or pass path="
            )
        text = dest.read_text(encoding="utf-8") if dest.exists() else DEFAULT_DEPLOYMENT_TOML
        new_text = replace_section(text, header, table)
        parse_deployment(tomllib.loads(new_text), dest)  # never write a file we cannot read back
        dest.write_text(new_text, encoding="utf-8")
        self.path = dest
        log.info("updated [%s] in %s", header, dest)


# ---------------------------------------------------------------------- parsing


def _check_name(kind: str, name: str, where: str) -> None:
    if not _NAME_RE.match(name) or name == NO_DRAFT:
        raise DeploymentError(
            f"{where}: {kind} name {name!r} must use letters, digits, '-' or '_' and not be {NO_DRAFT!r}"
        )


def _check_draft(spec: DraftSpec, targets: dict[str, TargetSpec], where: str) -> None:
    _check_name("draft", spec.name, where)
    if spec.kind not in DRAFT_KINDS:
        raise DeploymentError(
            f"{where}: [drafts.{spec.name}] kind {spec.kind!r} is not one of {', '.join(DRAFT_KINDS)}"
        )
    if spec.kind in ("model", "sorted") and not spec.path:
        raise DeploymentError(f"{where}: [drafts.{spec.name}] is a {spec.kind} draft and needs a path")
    if not (spec.k == "auto" or (isinstance(spec.k, int) and not isinstance(spec.k, bool) and spec.k >= 1)):
        raise DeploymentError(f'{where}: [drafts.{spec.name}] k must be a positive integer or "auto"')
    for t in spec.targets:
        if t not in targets:
            raise DeploymentError(
                f"{where}: [drafts.{spec.name}] lists target {t!r}, which has no [targets.{t}] section"
            )
    for t, values in spec.thresholds.items():
        if t not in spec.targets:
            raise DeploymentError(
                f"{where}: [drafts.{spec.name}] has thresholds for {t!r}, not in its targets"
            )
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            raise DeploymentError(f"{where}: [drafts.{spec.name}] thresholds.{t} must be a list of numbers")


def _check_task_drafts(spec: TargetSpec, drafts: dict[str, DraftSpec], where: str) -> None:
    for task, draft in spec.task_drafts.items():
        if not isinstance(draft, str) or not draft:
            raise DeploymentError(f"{where}: [targets.{spec.name}] task_drafts.{task} must be a draft name")
        if draft == NO_DRAFT:
            continue
        if draft not in drafts or spec.name not in drafts[draft].targets:
            raise DeploymentError(
                f"{where}: [targets.{spec.name}] task_drafts gives task {task!r} the draft {draft!r}, which "
                f"does not serve {spec.name!r}; serving it: "
                f"{', '.join(d for d, s in drafts.items() if spec.name in s.targets) or '(none)'}"
            )


def _as_str(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise DeploymentError(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value


def parse_deployment(data: dict[str, Any], path: Path | None) -> Deployment:
    """Validate the parsed TOML ``data`` into a :class:`Deployment`."""
    where = str(path) if path else "the built-in default deployment"
    zoo = data.get("zoo", {})
    preset = _as_str(zoo.get("preset", "tiny"), where, "[zoo] preset")

    targets: dict[str, TargetSpec] = {}
    for name, t in data.get("targets", {}).items():
        _check_name("target", name, where)
        if not isinstance(t, dict):
            raise DeploymentError(f"{where}: [targets.{name}] must be a table")
        mbs = t.get("max_batch_size")
        if mbs is not None and (not isinstance(mbs, int) or mbs < 1):
            raise DeploymentError(f"{where}: [targets.{name}] max_batch_size must be a positive integer")
        task_drafts = t.get("task_drafts", {})
        if not isinstance(task_drafts, dict):
            raise DeploymentError(f"{where}: [targets.{name}] task_drafts must be a table of task = draft")
        targets[name] = TargetSpec(
            name=name,
            path=_as_str(t.get("path"), where, f"[targets.{name}] path"),
            default_draft=_as_str(t.get("default_draft", NO_DRAFT), where, f"[targets.{name}] default_draft"),
            max_batch_size=mbs,
            task_drafts=dict(task_drafts),
        )
    if not targets:
        raise DeploymentError(f"{where}: no [targets.<name>] section; define at least one target")

    drafts: dict[str, DraftSpec] = {}
    for name, d in data.get("drafts", {}).items():
        if not isinstance(d, dict):
            raise DeploymentError(f"{where}: [drafts.{name}] must be a table")
        tlist = d.get("targets", [])
        if not isinstance(tlist, list) or not all(isinstance(x, str) for x in tlist):
            raise DeploymentError(f"{where}: [drafts.{name}] targets must be a list of target names")
        thresholds = d.get("thresholds", {})
        if not isinstance(thresholds, dict):
            raise DeploymentError(
                f"{where}: [drafts.{name}] thresholds must be a table of target = [numbers]"
            )
        spec = DraftSpec(
            name=name,
            kind=d.get("kind", "model"),
            targets=tuple(tlist),
            path=d.get("path"),
            k=d.get("k", "auto"),
            thresholds={
                k: [float(x) for x in v] if isinstance(v, list) else v for k, v in thresholds.items()
            },
        )
        _check_draft(spec, targets, where)
        drafts[name] = spec

    for t in targets.values():
        if t.default_draft != NO_DRAFT:
            if t.default_draft not in drafts:
                raise DeploymentError(
                    f"{where}: [targets.{t.name}] default_draft {t.default_draft!r} has no [drafts.*] section"
                )
            if t.name not in drafts[t.default_draft].targets:
                raise DeploymentError(
                    f"{where}: [targets.{t.name}] default_draft {t.default_draft!r} does not list "
                    f"{t.name!r} in its targets"
                )
        _check_task_drafts(t, drafts, where)

    router_path: Path | None = None
    router = data.get("router", {})
    if "path" in router:
        rp = Path(_as_str(router["path"], where, "[router] path"))
        router_path = rp if rp.is_absolute() or path is None else (path.parent / rp)
    return Deployment(targets=targets, drafts=drafts, zoo_preset=preset, router_path=router_path, path=path)


def load_deployment(path: Path | str | None = None) -> Deployment:
    """Read and validate the deployment file (default: settings.config_file, else the built-in default)."""
    explicit = path is not None
    if path is None:
        from specq.settings import get_settings

        path = get_settings().config_file
    path = Path(path)
    if not path.exists():
        if explicit:
            raise DeploymentError(f"deployment file {path} does not exist")
        log.debug("no %s; using the built-in default deployment", path)
        dep = parse_deployment(tomllib.loads(DEFAULT_DEPLOYMENT_TOML), None)
        from specq.settings import get_settings

        dep.router_path = get_settings().data_dir / "router"
        return dep
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DeploymentError(f"{path}: not valid TOML: {exc}") from exc
    return parse_deployment(data, path.resolve())


def write_default_deployment(path: Path) -> Path:
    """Write the documented default ``specq.toml`` to ``path`` (refuses to overwrite)."""
    if path.exists():
        raise DeploymentError(f"{path} already exists; edit it or remove it first")
    path.write_text(DEFAULT_DEPLOYMENT_TOML, encoding="utf-8")
    return path


# ---------------------------------------------------------------------- writing


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if _NAME_RE.match(key) else _toml_value(key)


def _target_table(spec: TargetSpec) -> dict[str, Any]:
    table: dict[str, Any] = {"path": spec.path, "default_draft": spec.default_draft}
    if spec.max_batch_size is not None:
        table["max_batch_size"] = spec.max_batch_size
    if spec.task_drafts:
        table["task_drafts"] = spec.task_drafts
    return table


def _draft_table(spec: DraftSpec) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if spec.path is not None:
        table["path"] = spec.path
    table["kind"] = spec.kind
    table["targets"] = list(spec.targets)
    table["k"] = spec.k
    if spec.thresholds:
        table["thresholds"] = spec.thresholds
    return table


_KEY_RE = re.compile(r'^\s*("[^"]+"|[A-Za-z0-9_-]+)\s*=')
_HEADER_RE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def replace_section(text: str, header: str, table: dict[str, Any]) -> str:
    """Rewrite the key lines of ``[header]`` in ``text`` (appending the section when absent).

    Keys are written in ``table`` order; a comment block above a key stays above it.
    """
    lines = text.splitlines()
    start = next(
        (i for i, ln in enumerate(lines) if (m := _HEADER_RE.match(ln)) and m.group(1) == header), None
    )
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        body = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
        return "\n".join([*lines, "", f"[{header}]", *body]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if _HEADER_RE.match(lines[i])), len(lines))
    section = lines[start + 1 : end]
    # Trailing comments/blank lines belong to the next section (its heading comment).
    tail = len(section)
    while tail > 0 and (not section[tail - 1].strip() or section[tail - 1].lstrip().startswith("#")):
        tail -= 1
    comments_of: dict[str, list[str]] = {}
    pending: list[str] = []
    for ln in section[:tail]:
        if ln.lstrip().startswith("#"):
            pending.append(ln)
        elif m := _KEY_RE.match(ln):
            comments_of[m.group(1).strip('"')] = pending
            pending = []
    body = []
    for key, value in table.items():
        body += comments_of.get(key, [])
        body.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return "\n".join([*lines[: start + 1], *body, *section[tail:], *lines[end:]]) + "\n"
