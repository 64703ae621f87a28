"""Task corpora built from what every Python installation has, deterministic by seed.

Each task yields prompt/response pairs in three disjoint-by-construction pools:

- ``train``: what the zoo's targets and general draft learn from;
- ``align``: prompts handed to ``specq align`` (the task's data the target answers);
- ``heldout``: prompts never seen in training or alignment, for evaluation and the demo.

Tasks:

- ``code``: functions of the standard library (prompt = signature + docstring, response =
  body). Pools are split by module, so a held-out function's module was never trained on.
- ``prose``: ``pydoc_data`` topics (prompt = title + a paragraph, response = the next
  paragraph). Held-out topics are split off; ``align`` shares the training topics
  (there are only ~80 topics).
- ``math``: generated arithmetic word problems with step-by-step worked solutions.
- ``sql``: generated schemas and questions, answered with one SQL query.

The generated tasks draw the three pools from separate random streams and drop any
prompt already used by an earlier pool.
"""

from __future__ import annotations

import ast
import hashlib
import logging
import random
import sysconfig
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

TASKS: tuple[str, ...] = ("code", "prose", "math", "sql")

# Standard-library packages scanned besides the top-level modules (tests, GUI and vendored code left out).
_STDLIB_PACKAGES = (
    "asyncio",
    "collections",
    "concurrent",
    "email",
    "html",
    "http",
    "importlib",
    "json",
    "logging",
    "multiprocessing",
    "sqlite3",
    "tomllib",
    "unittest",
    "urllib",
    "wsgiref",
    "xml",
    "zoneinfo",
)
_MAX_CODE_BODY_LINES = 30  # longer bodies are mostly boilerplate and blow the context of tiny models
_MAX_PROSE_RESPONSE_CHARS = 600


@dataclass(frozen=True)
class Pair:
    """One prompt and the reference response that follows it."""

    task: str
    prompt: str
    response: str

    @property
    def text(self) -> str:
        return self.prompt + self.response


@dataclass
class TaskCorpus:
    """The pools of one task."""

    task: str
    train: list[Pair] = field(default_factory=list)
    align: list[Pair] = field(default_factory=list)
    heldout: list[Pair] = field(default_factory=list)


@dataclass(frozen=True)
class CorpusSizes:
    """How many pairs each pool of each task gets (fewer when a source runs out)."""

    train: int  # pairs per task for training the zoo's models
    align: int  # prompts per task for alignment
    heldout: int  # held-out prompts per task


def build_corpora(seed: int, sizes: CorpusSizes, tasks: tuple[str, ...] = TASKS) -> dict[str, TaskCorpus]:
    """Every task's pools; the same seed gives the same pairs in the same order."""
    builders: dict[str, Callable[[int, CorpusSizes], TaskCorpus]] = {
        "code": code_corpus,
        "prose": prose_corpus,
        "math": math_corpus,
        "sql": sql_corpus,
    }
    unknown = [t for t in tasks if t not in builders]
    if unknown:
        raise ValueError(f"unknown task(s) {unknown}; the zoo knows {sorted(builders)}")
    corpora = {t: builders[t](seed, sizes) for t in tasks}
    for c in corpora.values():
        logger.info(
            "corpus %s: %d train, %d align, %d held-out", c.task, len(c.train), len(c.align), len(c.heldout)
        )
    return corpora


def _bucket(seed: int, key: str) -> int:
    """A stable 0..9 bucket for `key` (Python's hash() is salted per process)."""
    return int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest(), 16) % 10


def _pool_of(bucket: int) -> str:
    return "heldout" if bucket == 0 else "align" if bucket == 1 else "train"


# --------------------------------------------------------------------------------------------- code


def stdlib_sources() -> list[Path]:
    """Standard-library modules scanned for functions, in a fixed order."""
    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(root.glob("*.py"))
    for pkg in _STDLIB_PACKAGES:
        files += sorted(p for p in (root / pkg).rglob("*.py") if "test" not in p.relative_to(root).parts[1:])
    return files


def function_pairs(source: str) -> Iterator[tuple[str, str]]:
    """(signature + docstring, body) of each documented function in `source`, dedented."""
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or ast.get_docstring(node) is None:
            continue
        doc, rest = node.body[0], node.body[1:]
        if not rest or node.end_lineno is None or doc.end_lineno is None:
            continue
        if not 2 <= node.end_lineno - doc.end_lineno <= _MAX_CODE_BODY_LINES:
            continue
        start = node.lineno - 1  # the def line; decorators are left out
        text = textwrap.dedent("\n".join(lines[start : node.end_lineno]))
        if not text.startswith(("def ", "async def ")):
            continue  # a multi-line string at column 0 defeats dedent; such bodies read badly anyway
        fn_lines = text.split("\n")
        split = doc.end_lineno - start
        prompt, body = "\n".join(fn_lines[:split]) + "\n", "\n".join(fn_lines[split:]) + "\n"
        if body.strip():
            yield prompt, body


def code_corpus(seed: int, sizes: CorpusSizes) -> TaskCorpus:
    """Functions of the standard library; pools split by module."""
    corpus = TaskCorpus("code")
    root = Path(sysconfig.get_paths()["stdlib"])
    files = stdlib_sources()
    random.Random(seed).shuffle(files)
    want = {"train": sizes.train, "align": sizes.align, "heldout": sizes.heldout}
    for path in files:
        if all(len(getattr(corpus, k)) >= n for k, n in want.items()):
            break
        rel = path.relative_to(root).as_posix()
        name = _pool_of(_bucket(seed, rel))
        pool: list[Pair] = getattr(corpus, name)
        room = want[name] - len(pool)
        if room <= 0:
            continue
        try:
            pairs = list(function_pairs(path.read_text(encoding="utf-8")))
        except (SyntaxError, UnicodeDecodeError, ValueError) as err:
            # A few stdlib files are deliberately unparsable or non-UTF-8 test inputs.
            logger.debug("skipping %s: %s", rel, err)
            continue
        random.Random(f"{seed}:{rel}").shuffle(pairs)
        pool.extend(Pair("code", p, r) for p, r in pairs[:room])
    return corpus


# --------------------------------------------------------------------------------------------- prose


def prose_corpus(seed: int, sizes: CorpusSizes) -> TaskCorpus:
    """pydoc topics: title + a paragraph -> the next paragraph. Held-out topics are split off."""
    from pydoc_data.topics import topics

    corpus = TaskCorpus("prose")
    train_pairs: list[Pair] = []
    for name in sorted(topics):
        paragraphs = [p.strip("\n") for p in topics[name].split("\n\n") if p.strip()]
        if len(paragraphs) < 3:
            continue
        title = paragraphs[0]
        pairs = []
        for prev, nxt in zip(paragraphs[1:], paragraphs[2:], strict=False):
            response = nxt if len(nxt) <= _MAX_PROSE_RESPONSE_CHARS else _cut_at_line(nxt)
            pairs.append(Pair("prose", f"{title}\n\n{prev}\n\n", response + "\n"))
        if _bucket(seed, name) == 0:
            corpus.heldout.extend(pairs)
        else:
            train_pairs.extend(pairs)
    rng = random.Random(seed)
    rng.shuffle(train_pairs)
    rng.shuffle(corpus.heldout)
    corpus.train = train_pairs[: sizes.train]
    corpus.align = rng.sample(train_pairs, min(sizes.align, len(train_pairs)))
    corpus.heldout = corpus.heldout[: sizes.heldout]
    return corpus


def _cut_at_line(text: str) -> str:
    """`text` cut to the last whole line within the response budget (at least one line)."""
    head = text[:_MAX_PROSE_RESPONSE_CHARS]
    return head[: head.rfind("\n")] if "\n" in head else head


# --------------------------------------------------------------------------------------------- math

_NAMES = (
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Emma",
    "Farid",
    "Grace",
    "Hugo",
    "Iris",
    "Jonas",
    "Kira",
    "Liam",
    "Maya",
    "Noor",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Victor",
    "Wen",
    "Yusuf",
)
_ITEMS = (
    "apple",
    "marble",
    "book",
    "pencil",
    "sticker",
    "cookie",
    "stamp",
    "card",
    "shell",
    "coin",
    "ribbon",
    "button",
    "candle",
    "orange",
    "notebook",
    "balloon",
)
_CONTAINERS = ("box", "bag", "crate", "jar", "basket", "packet")


def _math_problem(rng: random.Random) -> tuple[str, str]:
    """One word problem and its worked solution ending in 'Answer: N'."""
    name, other = rng.sample(_NAMES, 2)
    item = rng.choice(_ITEMS)
    kind = rng.randrange(6)
    if kind == 0:
        a, b = rng.randint(5, 90), rng.randint(2, 60)
        c = rng.randint(1, a + b - 1)
        q = f"{name} has {a} {item}s. {name} buys {b} more and then gives {c} to {other}. How many {item}s does {name} have now?"  # noqa: E501
        steps = [
            f"{name} starts with {a} {item}s.",
            f"After buying {b} more: {a} + {b} = {a + b}.",
            f"After giving {c} to {other}: {a + b} - {c} = {a + b - c}.",
        ]
        ans = a + b - c
    elif kind == 1:
        box = rng.choice(_CONTAINERS)
        a, n = rng.randint(2, 25), rng.randint(2, 15)
        q = f"Each {box} holds {a} {item}s. {name} fills {n} {box}s. How many {item}s is that in total?"
        steps = [f"There are {n} {box}s with {a} {item}s each.", f"Total: {n} x {a} = {n * a}."]
        ans = n * a
    elif kind == 2:
        n, per = rng.randint(2, 12), rng.randint(2, 20)
        extra = rng.randint(0, n - 1)
        total = n * per + extra
        q = f"{name} shares {total} {item}s equally among {n} friends and keeps the rest. How many {item}s does {name} keep?"  # noqa: E501
        steps = [
            f"Each friend gets {total} / {n} = {per} {item}s (rounded down).",
            f"Given away: {n} x {per} = {n * per}.",
            f"Kept: {total} - {n * per} = {extra}.",
        ]
        ans = extra
    elif kind == 3:
        k, price = rng.randint(2, 12), rng.randint(2, 30)
        paid = (k * price // 10 + rng.randint(1, 5)) * 10
        q = f"{name} buys {k} {item}s at {price} dollars each and pays with {paid} dollars. How much change does {name} get?"  # noqa: E501
        steps = [
            f"Cost: {k} x {price} = {k * price} dollars.",
            f"Change: {paid} - {k * price} = {paid - k * price} dollars.",
        ]  # noqa: E501
        ans = paid - k * price
    elif kind == 4:
        speed, h1, h2 = rng.randint(20, 90), rng.randint(1, 6), rng.randint(1, 6)
        q = f"A train travels at {speed} km per hour for {h1} hours, stops, and then travels {h2} more hours at the same speed. How far does it travel?"  # noqa: E501
        steps = [
            f"Total time: {h1} + {h2} = {h1 + h2} hours.",
            f"Distance: {speed} x {h1 + h2} = {speed * (h1 + h2)} km.",
        ]  # noqa: E501
        ans = speed * (h1 + h2)
    else:
        a, b, c = rng.randint(10, 99), rng.randint(10, 99), rng.randint(10, 99)
        q = f"{name} collects {a} {item}s on Monday, {b} on Tuesday and {c} on Wednesday. How many {item}s does {name} collect in all?"  # noqa: E501
        steps = [
            f"Monday and Tuesday: {a} + {b} = {a + b}.",
            f"Adding Wednesday: {a + b} + {c} = {a + b + c}.",
        ]
        ans = a + b + c
    solution = "".join(f"Step {i}: {s}\n" for i, s in enumerate(steps, 1)) + f"Answer: {ans}\n"
    return f"Question: {q}\nSolution:\n", solution


def math_corpus(seed: int, sizes: CorpusSizes) -> TaskCorpus:
    """Generated arithmetic word problems with step-by-step solutions."""
    return _generated_corpus("math", seed, sizes, _math_problem)


# --------------------------------------------------------------------------------------------- sql

# table -> (columns with types, text columns, numeric columns); ids and foreign keys are implicit.
_DOMAINS: dict[str, tuple[tuple[str, str], ...]] = {
    "employees": (("name", "TEXT"), ("department", "TEXT"), ("salary", "INTEGER"), ("age", "INTEGER")),
    "products": (("title", "TEXT"), ("category", "TEXT"), ("price", "INTEGER"), ("stock", "INTEGER")),
    "students": (("name", "TEXT"), ("major", "TEXT"), ("grade", "INTEGER"), ("year", "INTEGER")),
    "orders": (("customer", "TEXT"), ("status", "TEXT"), ("total", "INTEGER"), ("quantity", "INTEGER")),
    "books": (("title", "TEXT"), ("genre", "TEXT"), ("pages", "INTEGER"), ("rating", "INTEGER")),
    "cities": (("name", "TEXT"), ("country", "TEXT"), ("population", "INTEGER"), ("area", "INTEGER")),
    "flights": (("airline", "TEXT"), ("origin", "TEXT"), ("duration", "INTEGER"), ("seats", "INTEGER")),
    "patients": (("name", "TEXT"), ("ward", "TEXT"), ("age", "INTEGER"), ("days", "INTEGER")),
}
_VALUES = {
    "department": ("sales", "research", "support", "finance", "legal", "marketing", "design", "logistics"),
    "category": ("garden", "kitchen", "toys", "tools", "sports", "office", "music", "books"),
    "major": ("physics", "history", "biology", "music", "law", "chemistry", "art", "economics"),
    "status": ("shipped", "pending", "returned", "paid", "cancelled", "packed", "lost", "open"),
    "genre": ("poetry", "mystery", "science", "travel", "history", "fantasy", "drama", "cooking"),
    "country": ("Chile", "Kenya", "Norway", "Japan", "Peru", "Spain", "India", "Canada"),
    "origin": ("Lima", "Oslo", "Cairo", "Perth", "Quito", "Rome", "Seoul", "Dakar"),
    "ward": ("north", "south", "east", "west", "central", "upper", "lower", "annex"),
    "airline": ("Aero", "Blue Sky", "Condor", "Delta Wing", "Eagle", "Falcon", "Gull", "Heron"),
    "name": ("Alice", "Bruno", "Carmen", "Dmitri", "Elena", "Femi", "Goran", "Hana"),
    "title": ("Dune", "Emma", "Ulysses", "Walden", "Beloved", "Ivanhoe", "Kim", "Middlemarch"),
    "customer": ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"),
}


def _sql_problem(rng: random.Random) -> tuple[str, str]:
    """A schema and a question, answered with one SQL query."""
    table, child = rng.sample(sorted(_DOMAINS), 2)
    cols = _DOMAINS[table]
    texts = [c for c, t in cols if t == "TEXT"]
    nums = [c for c, t in cols if t == "INTEGER"]
    schema = f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, " + ", ".join(f"{c} {t}" for c, t in cols) + ");"
    tcol, ncol = rng.choice(texts), rng.choice(nums)
    val, n = rng.choice(_VALUES[tcol]), rng.randint(1, 200) * 5
    kind = rng.randrange(6)
    if kind == 0:
        show = rng.choice([c for c in texts if c != tcol] or texts)
        q = f"List the {show} of {table} whose {ncol} is greater than {n}."
        sql = f"SELECT {show} FROM {table} WHERE {ncol} > {n};"
    elif kind == 1:
        q = f"How many {table} have {tcol} '{val}'?"
        sql = f"SELECT COUNT(*) FROM {table} WHERE {tcol} = '{val}';"
    elif kind == 2:
        q = f"What is the average {ncol} of {table} for each {tcol}?"
        sql = f"SELECT {tcol}, AVG({ncol}) FROM {table} GROUP BY {tcol};"
    elif kind == 3:
        k = rng.randint(2, 10)
        q = f"Show the {tcol} of the {k} {table} with the highest {ncol}."
        sql = f"SELECT {tcol} FROM {table} ORDER BY {ncol} DESC LIMIT {k};"
    elif kind == 4:
        other = rng.choice([c for c in nums if c != ncol] or nums)
        q = f"Find the largest {ncol} and the smallest {other} among {table} with {tcol} '{val}'."
        sql = f"SELECT MAX({ncol}), MIN({other}) FROM {table} WHERE {tcol} = '{val}';"
    else:
        ccols = _DOMAINS[child]
        ctext = rng.choice([c for c, t in ccols if t == "TEXT"])
        fk = f"{table.rstrip('s')}_id"
        schema += (
            f"\nCREATE TABLE {child} (id INTEGER PRIMARY KEY, {fk} INTEGER, "
            + ", ".join(f"{c} {t}" for c, t in ccols)
            + ");"
        )
        q = f"For each of the {table} with {tcol} '{val}', list its {tcol} and the {ctext} of its {child}."
        sql = (
            f"SELECT {table}.{tcol}, {child}.{ctext} FROM {table} JOIN {child} "
            f"ON {child}.{fk} = {table}.id WHERE {table}.{tcol} = '{val}';"
        )
    return f"Schema:\n{schema}\nQuestion: {q}\nSQL:", f" {sql}\n"


def sql_corpus(seed: int, sizes: CorpusSizes) -> TaskCorpus:
    """Generated schemas and questions -> SQL."""
    return _generated_corpus("sql", seed, sizes, _sql_problem)


def _generated_corpus(
    task: str, seed: int, sizes: CorpusSizes, make: Callable[[random.Random], tuple[str, str]]
) -> TaskCorpus:
    """Pools from separate random streams; a prompt already drawn for an earlier pool is skipped."""
    corpus = TaskCorpus(task)
    seen: set[str] = set()
    for pool, n in (("heldout", sizes.heldout), ("align", sizes.align), ("train", sizes.train)):
        rng = random.Random(f"{seed}:{task}:{pool}")
        out: list[Pair] = getattr(corpus, pool)
        tries = 0
        while len(out) < n and tries < 20 * n:
            tries += 1
            prompt, response = make(rng)
            if prompt not in seen:
                seen.add(prompt)
                out.append(Pair(task, prompt, response))
    return corpus
