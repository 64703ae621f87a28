"""The package layers of docs/architecture.md, enforced over the source's import statements.

specq/ at the bottom; db/, models/ and migrations/ next; producer/ and workers/ above them;
bench/, serve/ and cli/ on top. Every import (module level or inside a function) points down
or stays in its package, and no two modules import each other in a circle (imports under
``if TYPE_CHECKING:`` are for the type checker only and are not counted).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAYER = {"specq": 0, "db": 1, "models": 1, "migrations": 1, "producer": 2, "workers": 3,
         "bench": 4, "serve": 4, "cli": 5}  # fmt: skip
# Alembic's environment reads the schema, and init_db runs the migrations shipped beside it:
# the two packages of one layer that know each other.
SAME_LAYER_PEERS = {("db", "migrations"), ("migrations", "db")}


def _modules() -> dict[str, Path]:
    found = {}
    for package in LAYER:
        for path in (REPO / package).rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, name: str) -> set[str]:
    """Project modules ``path`` imports (absolute and relative), at any depth of the file."""
    is_pkg = path.name == "__init__.py"
    out = set()
    tree = ast.parse(path.read_text())
    # Imports only a type checker follows (``if TYPE_CHECKING:``) are not run: no cycle at run time.
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for n in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_pkg else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in out if m.split(".")[0] in LAYER}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    graph = {}
    for name, path in mods.items():
        targets = set()
        for m in _imports(path, name):
            while m and m not in mods:  # "from pkg import function" -> pkg
                m = m.rpartition(".")[0]
            if m and m != name and not name.startswith(m + "."):  # a package's own __init__ is not a cycle
                targets.add(m)
        graph[name] = targets
    return graph


def test_every_import_points_down() -> None:
    ups = [
        f"{src} imports {dst}"
        for src, dsts in _graph().items()
        for dst in dsts
        if LAYER[dst.split(".")[0]] > LAYER[src.split(".")[0]]
        or (
            LAYER[dst.split(".")[0]] == LAYER[src.split(".")[0]]
            and dst.split(".")[0] != src.split(".")[0]
            and (src.split(".")[0], dst.split(".")[0]) not in SAME_LAYER_PEERS
        )
    ]
    assert not ups, "imports running up (or across) the layers:\n" + "\n".join(sorted(ups))


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_light_cli_paths_import_no_torch() -> None:
    """`specq --help`, `submit` and `status` must start fast: importing them loads no torch."""
    code = (
        "import sys\n"
        "import cli.main, cli.jobs, cli.plan, producer.submit, producer.status, producer.enqueue\n"
        "import producer.plan\n"
        "import workers.app\n"
        "from models.zoo.resolve import resolve_model_path\n"
        "heavy = [m for m in ('torch', 'transformers', 'sklearn', 'sentence_transformers')\n"
        "         if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"heavy modules imported on the CLI's light path: {r.stdout}"
