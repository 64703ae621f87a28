"""The method on a real model: the real zoo's target (SmolLM2-135M-Instruct) per Spec-Bench category.

Greedy, batch 1, Spec-Bench first turns rendered through the model's chat template exactly as
the decode worker renders them. For every prompt, in an order that rotates from prompt to
prompt and repeat to repeat (so a busy machine slows every method alike), each method decodes:

- ``plain``: SpecDecoder without a draft (specq's plain decoding);
- ``hf-generate``: ``model.generate(do_sample=False)``, the reference output;
- ``hf-assisted``: HF assisted generation with the truncated draft (``assistant_model``);
- ``hf-prompt-lookup``: HF prompt lookup (``prompt_lookup_num_tokens``);
- ``specq-<draft>``: SpecDecoder with each model draft of the zoo, k="auto";
- ``specq-prompt-lookup``: SpecDecoder with the prompt-lookup proposer, k="auto".

Every output is compared token for token with ``hf-generate`` (generation stops at the
model's end of turn, ``<|im_end|>``); ``--batch-check`` also decodes 8 prompts as one batch
with each specq method and compares. Reported per category: acceptance (accepted / drafted
draft tokens), accepted tokens per verification step, tokens/s (median over repeats of each
prompt's time, summed), and the speed-up over ``plain``.

    python -m bench.real --per-category 2 --max-new-tokens 64 --repeats 2 --batch-check
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import logging
import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from bench.engine import _trim_eos
from models.drafts.lookup import PromptLookupProposer
from models.engine.acceptance import Acceptance
from models.engine.proposer import Proposer
from models.engine.speculative import Output, SamplingParams, SpecDecoder
from models.loading import load_draft, load_model_and_tokenizer
from models.zoo.real import RealZooPaths, build_real_zoo
from specq.chat import render_chat

logger = logging.getLogger(__name__)

MT_BENCH = ("writing", "roleplay", "reasoning", "math", "coding", "extraction", "stem", "humanities")
SPEC_BENCH_TASKS = ("translation", "summarization", "qa", "math_reasoning", "rag")


@dataclass
class Prompt:
    group: str  # the Spec-Bench task (MT-bench categories form one group, "mt_bench")
    custom_id: str
    ids: list[int]
    category: str  # the Spec-Bench category itself


@dataclass
class Run:
    """One method on one prompt, one repeat."""

    tokens: list[int]
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time: what other users of a shared machine do not inflate
    drafted: int | None = None  # None: the method does not report it (HF)
    accepted: int | None = None
    steps: int | None = None


@dataclass
class MethodTotals:
    tokens: int = 0
    seconds: float = 0.0  # wall clock: sum over prompts of the median over repeats
    cpu_seconds: float = 0.0  # CPU time, the same way
    drafted: int = 0
    accepted: int = 0
    steps: int = 0
    has_stats: bool = False
    mismatches: list[str] = field(default_factory=list)  # custom ids whose output differs from hf-generate
    plain_tokens: int = 0  # plain decoding of the same prompts, the "x plain" baseline
    plain_seconds: float = 0.0
    plain_cpu_seconds: float = 0.0


@dataclass
class RealBenchReport:
    methods: list[str]
    groups: list[str]
    totals: dict[tuple[str, str], MethodTotals]  # (group, method) -> totals; group "all" = every prompt
    batch_check: dict[str, str]  # method -> "identical (8 prompts)" or what differed
    setup: dict[str, object]

    def markdown(self) -> str:
        lines = [
            "| category | method | acceptance | accepted/step | tokens | tok/s wall | x plain wall "
            "| tok/CPU-s | x plain CPU | identical to generate |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for group in [*self.groups, "all"]:
            for method in self.methods:
                t = self.totals.get((group, method))
                if t is None:  # a draft of one category: not run on this group
                    continue
                plain_rate = t.plain_tokens / t.plain_seconds if t.plain_seconds else 0.0
                plain_cpu = t.plain_tokens / t.plain_cpu_seconds if t.plain_cpu_seconds else 0.0
                rate = t.tokens / t.seconds if t.seconds else 0.0
                cpu_rate = t.tokens / t.cpu_seconds if t.cpu_seconds else 0.0
                acc = f"{t.accepted / t.drafted:.3f}" if t.has_stats and t.drafted else "-"
                per_step = f"{t.accepted / t.steps:.2f}" if t.has_stats and t.drafted else "-"
                same = "yes" if not t.mismatches else f"NO: {', '.join(t.mismatches)}"
                lines.append(
                    f"| {group} | {method} | {acc} | {per_step} | {t.tokens} | {rate:.2f} | "
                    f"{rate / plain_rate:.2f} | {cpu_rate:.2f} | {cpu_rate / plain_cpu:.2f} | {same} |"
                )
        if self.batch_check:
            lines += ["", "| batch of 8, method | output vs generate |", "|---|---|"]
            lines += [f"| {m} | {r} |" for m, r in self.batch_check.items()]
        return "\n".join(lines) + "\n"


def read_prompts(
    paths: RealZooPaths,
    tokenizer: PreTrainedTokenizerBase,
    per_category: int,
    mt_per_category: int,
    categories: Sequence[str] | None = None,
) -> list[Prompt]:
    """Held-out prompts: `per_category` of each Spec-Bench task, `mt_per_category` of each MT-bench one."""
    prompts = []
    for category, path in paths.prompts.items():
        if categories is not None and category not in categories:
            continue
        n = mt_per_category if category in MT_BENCH else per_category
        lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()][:n]
        for line in lines:
            text = render_chat(line["messages"], tokenizer)
            ids = tokenizer(text, add_special_tokens=False)["input_ids"]
            group = "mt_bench" if category in MT_BENCH else category
            prompts.append(Prompt(group, line["custom_id"], [int(i) for i in ids], category))
    return prompts


def _hf(model: PreTrainedModel, prompt: list[int], max_new: int, **kwargs: object) -> Run:
    ids = torch.tensor([prompt])
    t0, c0 = time.perf_counter(), time.process_time()
    out = model.generate(  # type: ignore[operator]  # transformers types generate loosely
        ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=max_new, **kwargs
    )
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return Run(_trim_eos(out[0, len(prompt) :].tolist(), model), seconds, cpu)


def _specq(decoder: SpecDecoder, prompt: list[int], max_new: int) -> Run:
    t0, c0 = time.perf_counter(), time.process_time()
    (out,) = decoder.generate([prompt], SamplingParams(max_new_tokens=max_new, temperature=0.0))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    s = out.stats
    return Run(out.token_ids, seconds, cpu, s.drafted_tokens, s.accepted_tokens, s.steps)


# A draft as the engine takes it, made fresh for each decode (a proposer keeps per-batch state).
DraftFactory = Callable[[], PreTrainedModel | Proposer]


def load_drafts(paths: RealZooPaths, names: Sequence[str] | None = None) -> dict[str, DraftFactory]:
    """The target's model and sorted drafts from the zoo's deployment file, loaded as the workers load them.

    Model drafts through `load_draft` (a frequency-ranked head it records applies); sorted drafts as
    one `SortedProposer` per decode with the thresholds the deployment gives the target.
    """
    from models.drafts.sorted import SortedProposer, load_sorted_draft
    from specq.deployment import load_deployment

    dep = load_deployment(paths.deployment)
    vocab = None
    out: dict[str, DraftFactory] = {}
    for name in dep.pairings(paths.target):
        spec = dep.draft(name)
        if spec.kind not in ("model", "sorted") or (names is not None and name not in names):
            continue
        assert spec.path is not None
        if spec.kind == "model":
            model = load_draft(spec.path, device="cpu", dtype=torch.float32).model
            out[name] = _always(model)
        else:
            sorted_model = load_sorted_draft(spec.path, dtype=torch.float32)
            if vocab is None:
                config = json.loads((Path(paths.models[paths.target]) / "config.json").read_text())
                vocab = int(config["vocab_size"])
            thresholds = spec.thresholds.get(paths.target)
            out[name] = functools.partial(SortedProposer, sorted_model, thresholds, vocab_size=vocab)
    if names is not None and set(names) - set(out):
        raise ValueError(f"no model or sorted draft named {sorted(set(names) - set(out))} in {dep.source}")
    return out


def _always(model: PreTrainedModel) -> DraftFactory:
    return lambda: model


def make_methods(
    target: PreTrainedModel,
    drafts: dict[str, DraftFactory],
    max_new: int,
    lookup_k: int,
    hf_draft: PreTrainedModel | None = None,
) -> dict[str, Callable[[list[int]], Run]]:
    """Method name -> a function decoding one prompt. ``hf_draft``: the draft of HF assisted generation."""
    methods: dict[str, Callable[[list[int]], Run]] = {
        "plain": lambda p: _specq(SpecDecoder(target, None), p, max_new),
        "hf-generate": lambda p: _hf(target, p, max_new),
    }
    if hf_draft is not None:
        methods["hf-assisted"] = lambda p: _hf(target, p, max_new, assistant_model=hf_draft)
        methods["hf-prompt-lookup"] = lambda p: _hf(target, p, max_new, prompt_lookup_num_tokens=lookup_k)
    for name, make in drafts.items():
        methods[f"specq-{name}"] = _specq_with(target, make, max_new)
    methods["specq-prompt-lookup"] = lambda p: _specq(
        SpecDecoder(target, PromptLookupProposer(), k="auto"), p, max_new
    )
    return methods


def _specq_with(target: PreTrainedModel, make: DraftFactory, max_new: int) -> Callable[[list[int]], Run]:
    return lambda p: _specq(SpecDecoder(target, make(), k="auto"), p, max_new)


def run_real_bench(
    paths: RealZooPaths,
    per_category: int = 2,
    mt_per_category: int = 1,
    max_new_tokens: int = 64,
    repeats: int = 2,
    lookup_k: int = 10,
    batch_check: bool = False,
    categories: Sequence[str] | None = None,
    runs_log: Path | None = None,
    draft_names: Sequence[str] | None = None,
    with_hf: bool = True,
    note: Callable[[str], None] = logger.info,
) -> RealBenchReport:
    """The per-category table: every method on the held-out prompts (see the module docstring).

    ``draft_names``: the deployment's drafts to run (default: every model and sorted draft of the
    target); ``with_hf``: also HF assisted generation and HF prompt lookup.
    """
    target, tokenizer = load_model_and_tokenizer(
        paths.models[paths.target], device="cpu", dtype=torch.float32
    )
    drafts = load_drafts(paths, draft_names)
    hf_draft = None
    if with_hf:  # HF assisted generation takes a plain model: the zoo's unaligned truncated draft
        unaligned = next(n for n in paths.models if n != paths.target)
        hf_draft = load_model_and_tokenizer(paths.models[unaligned], device="cpu", dtype=torch.float32).model
    prompts = read_prompts(paths, tokenizer, per_category, mt_per_category, categories)
    methods = make_methods(target, drafts, max_new_tokens, lookup_k, hf_draft)
    names = list(methods)
    # A draft aligned on one category decodes that category's prompts only.
    only = {f"specq-{n}": c for n, c in _single_task_drafts(paths).items() if n in drafts}
    note(f"{len(prompts)} prompts x {len(names)} methods x {repeats} repeats, {max_new_tokens} new tokens")
    methods["plain"](prompts[0].ids[:16])  # warm-up: first-call allocations are not a method's cost
    runs: dict[tuple[str, int], list[Run]] = {}
    checked: dict[str, str] = {}
    log = runs_log.open("a", encoding="utf-8") if runs_log is not None else None
    try:
        for r in range(repeats):
            for i, prompt in enumerate(prompts):
                shift = (i + r) % len(names)
                for name in names[shift:] + names[:shift]:
                    if only.get(name, prompt.category) != prompt.category:
                        continue
                    run = methods[name](prompt.ids)
                    runs.setdefault((name, i), []).append(run)
                    if log is not None:
                        line = {
                            "repeat": r,
                            "prompt": i,
                            "group": prompt.group,
                            "custom_id": prompt.custom_id,
                        }
                        log.write(json.dumps({**line, "method": name, **dataclasses.asdict(run)}) + "\n")
                        log.flush()
                note(f"repeat {r + 1}/{repeats}, prompt {i + 1}/{len(prompts)} ({prompt.group})")
            if r == 0 and batch_check:  # after the first repeat, which gives the references
                checked = check_batch(target, drafts, prompts, max_new_tokens, runs, note)
                if log is not None:
                    log.write(json.dumps({"batch": checked}) + "\n")
                    log.flush()
    finally:
        if log is not None:
            log.close()
    groups, totals = aggregate([(p.group, p.custom_id) for p in prompts], names, runs)
    setup = {
        "target": str(paths.models[paths.target]),
        "drafts": sorted(drafts),
        "prompts": len(prompts),
        "max_new_tokens": max_new_tokens,
        "repeats": repeats,
        "torch_threads": torch.get_num_threads(),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores (shared)",
    }
    return RealBenchReport(names, groups, totals, checked, setup)


def aggregate(
    prompts: Sequence[tuple[str, str]], names: Sequence[str], runs: dict[tuple[str, int], list[Run]]
) -> tuple[list[str], dict[tuple[str, str], MethodTotals]]:
    """Per-group totals over the prompts (group, custom id) that plain decoding and hf-generate decoded.

    A method counts the prompts it decoded, against plain decoding of those same prompts; its
    "all" row exists only when it decoded every prompt (a draft of one category has none).
    """
    done = [i for i in range(len(prompts)) if ("plain", i) in runs and ("hf-generate", i) in runs]
    groups = list(dict.fromkeys(prompts[i][0] for i in done))
    totals: dict[tuple[str, str], MethodTotals] = {}
    everywhere = {name for name in names if all((name, i) in runs for i in done)}

    def median(name: str, i: int) -> tuple[float, float]:
        return (
            statistics.median(run.seconds for run in runs[name, i]),
            statistics.median(run.cpu_seconds for run in runs[name, i]),
        )

    for i in done:
        group, custom_id = prompts[i]
        reference = runs["hf-generate", i][0].tokens
        plain_seconds, plain_cpu = median("plain", i)
        for name in names:
            if (name, i) not in runs:
                continue
            first = runs[name, i][0]
            seconds, cpu = median(name, i)
            for g in (group, "all") if name in everywhere else (group,):
                t = totals.setdefault((g, name), MethodTotals())
                t.tokens += len(first.tokens)
                t.seconds += seconds
                t.cpu_seconds += cpu
                t.plain_tokens += len(runs["plain", i][0].tokens)
                t.plain_seconds += plain_seconds
                t.plain_cpu_seconds += plain_cpu
                if first.drafted is not None:
                    t.has_stats = True
                    t.drafted += first.drafted
                    t.accepted += first.accepted or 0
                    t.steps += first.steps or 0
                if any(run.tokens != reference for run in runs[name, i]):
                    t.mismatches.append(custom_id)
    return groups, totals


def report_from_log(path: Path) -> RealBenchReport:
    """The report of a (possibly partial) runs log written by `run_real_bench(runs_log=...)`."""
    prompts: dict[int, tuple[str, str]] = {}
    runs: dict[tuple[str, int], list[Run]] = {}
    names: list[str] = []
    checked: dict[str, str] = {}
    repeats = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        if "batch" in line:
            checked = line["batch"]
            continue
        prompts[line["prompt"]] = (line["group"], line["custom_id"])
        if line["method"] not in names:
            names.append(line["method"])
        fields = {f.name: line[f.name] for f in dataclasses.fields(Run)}
        runs.setdefault((line["method"], line["prompt"]), []).append(Run(**fields))
        repeats = max(repeats, line["repeat"] + 1)
    ordered = [prompts[i] for i in range(len(prompts))]
    names = ["plain", "hf-generate", *[n for n in names if n not in ("plain", "hf-generate")]]
    groups, totals = aggregate(ordered, names, runs)
    counts = sorted({len(v) for v in runs.values()})
    setup = {"log": str(path), "prompts": len(prompts), "repeats": repeats, "runs_per_prompt_method": counts}
    return RealBenchReport(names, groups, totals, checked, setup)


LOSSLESS_TEXTS = (
    "The capital of France is",
    'def fibonacci(n):\n    """Return the n-th Fibonacci number."""\n',
    "Translate to German: The weather is nice today. German:",
)


def lossless_check(
    model_dir: Path, draft_layers: int = 4, max_new_tokens: int = 24, texts: Sequence[str] = LOSSLESS_TEXTS
) -> list[str]:
    """Any imported model: specq plain, a truncated draft and prompt lookup vs `generate`, batch 1 and all.

    Plain text prompts (no chat template), so it also runs on base models.
    """
    import tempfile

    from models.drafts.derive import truncate_layers

    target, tok = load_model_and_tokenizer(model_dir, device="cpu", dtype=torch.float32)
    prompts = [[int(i) for i in tok(t)["input_ids"]] for t in texts]
    refs = [_hf(target, p, max_new_tokens).tokens for p in prompts]
    lines = [f"reference: {tok.decode(r)!r}" for r in refs]
    with tempfile.TemporaryDirectory() as tmp:
        draft_dir = truncate_layers(model_dir, Path(tmp) / "draft", draft_layers).out_dir
        draft = load_model_and_tokenizer(draft_dir, device="cpu", dtype=torch.float32).model
        proposers: dict[str, Callable[[], object]] = {
            "plain": lambda: None,
            f"truncated-{draft_layers}": lambda: draft,
            "prompt-lookup": PromptLookupProposer,
        }
        params = SamplingParams(max_new_tokens=max_new_tokens, temperature=0.0)
        for name, make in proposers.items():
            for batch in (1, len(prompts)):
                outs: list[Output] = []
                for i in range(0, len(prompts), batch):
                    decoder = SpecDecoder(target, make(), k=3)  # type: ignore[arg-type]
                    outs += decoder.generate(prompts[i : i + batch], params)
                same = sum(o.token_ids == r for o, r in zip(outs, refs, strict=True))
                accepted = sum(o.stats.accepted_tokens for o in outs)
                drafted = sum(o.stats.drafted_tokens for o in outs)
                lines.append(
                    f"{name}, batch {batch}: {same}/{len(prompts)} identical to generate, "
                    f"accepted {accepted} of {drafted} drafted"
                )
    return lines


def batch_only(
    paths: RealZooPaths,
    per_category: int,
    mt_per_category: int,
    max_new_tokens: int,
    categories: Sequence[str] | None,
    draft_names: Sequence[str] | None = None,
    note: Callable[[str], None] = logger.info,
) -> dict[str, str]:
    """`check_batch` on its own: hf-generate references one prompt at a time, then one batch per method."""
    target, tokenizer = load_model_and_tokenizer(
        paths.models[paths.target], device="cpu", dtype=torch.float32
    )
    drafts = load_drafts(paths, draft_names)
    prompts = read_prompts(paths, tokenizer, per_category, mt_per_category, categories)
    runs = {("hf-generate", i): [_hf(target, p.ids, max_new_tokens)] for i, p in enumerate(prompts)}
    note(f"references for {len(prompts)} prompts done")
    return check_batch(target, drafts, prompts, max_new_tokens, runs, note)


def check_batch(
    target: PreTrainedModel,
    drafts: dict[str, DraftFactory],
    prompts: Sequence[Prompt],
    max_new: int,
    runs: dict[tuple[str, int], list[Run]],
    note: Callable[[str], None],
) -> dict[str, str]:
    """Decode (up to) 8 prompts as one ragged batch with each specq method; compare with hf-generate."""
    chosen = list(range(min(8, len(prompts))))
    batch = [prompts[i].ids for i in chosen]
    params = SamplingParams(max_new_tokens=max_new, temperature=0.0)
    decoders: dict[str, SpecDecoder] = {"plain": SpecDecoder(target, None)}
    for name, make in drafts.items():
        decoders[f"specq-{name}"] = SpecDecoder(target, make(), k="auto")
    decoders["specq-prompt-lookup"] = SpecDecoder(target, PromptLookupProposer(), k="auto")
    result = {}
    for name, decoder in decoders.items():
        outs: list[Output] = decoder.generate(batch, params)
        wrong = [
            prompts[i].custom_id
            for i, o in zip(chosen, outs, strict=True)
            if o.token_ids != runs["hf-generate", i][0].tokens
        ]
        stops = sum(o.finish_reason == "stop" for o in outs)
        result[name] = (
            f"identical ({len(batch)} prompts, {stops} ended at <|im_end|>)"
            if not wrong
            else f"DIFFERENT for {', '.join(wrong)}"
        )
        note(f"batch check {name}: {result[name]}")
    return result


def acceptance_by_category(
    paths: RealZooPaths,
    draft_names: Sequence[str] | None = None,
    per_category: int = 5,
    k: int = 4,
    max_new_tokens: int = 64,
    categories: Sequence[str] | None = None,
    full_head: bool = False,
    note: Callable[[str], None] = logger.info,
) -> dict[tuple[str, str], Acceptance]:
    """Greedy acceptance of each draft on each category's held-out prompts, at a fixed k.

    (category, draft) -> the engine's counters, the prompts of a category decoded as one batch.
    Besides each draft as the deployment serves it, a sorted draft is measured at each exit
    alone (``<name>@exit<depth>``); with ``full_head``, a model draft with a frequency-ranked head
    also with its whole head (``<name>@full-head``, as `load_model_and_tokenizer` loads it). A draft
    aligned on one category (``drafts/drafts.json``) is measured on that category only.
    """
    from models.align.draft import measure_acceptance
    from models.drafts.sorted import SortedProposer, fixed_exit_thresholds
    from models.drafts.vocab import load_vocab_subset

    target, tokenizer = load_model_and_tokenizer(
        paths.models[paths.target], device="cpu", dtype=torch.float32
    )
    drafts = load_drafts(paths, draft_names)
    for name, make in list(drafts.items()):
        proposer = make()
        if isinstance(proposer, SortedProposer):
            n = len(proposer.model.exits)
            for i, depth in enumerate(proposer.model.exits):
                thresholds = fixed_exit_thresholds(n, i)
                drafts[f"{name}@exit{depth}"] = functools.partial(
                    SortedProposer, proposer.model, thresholds, vocab_size=proposer.vocab_size
                )
        elif full_head and load_vocab_subset(_draft_path(paths, name)) is not None:
            whole = load_model_and_tokenizer(
                _draft_path(paths, name), device="cpu", dtype=torch.float32
            ).model
            drafts[f"{name}@full-head"] = _always(whole)
    only = _single_task_drafts(paths)
    prompts = read_prompts(paths, tokenizer, per_category, per_category, categories)
    by_category: dict[str, list[list[int]]] = {}
    for p in prompts:
        by_category.setdefault(p.category, []).append(p.ids)
    out: dict[tuple[str, str], Acceptance] = {}
    for category, ids in by_category.items():
        for name, make in drafts.items():
            task = only.get(name.split("@")[0])
            if task is not None and task != category:
                continue
            out[category, name] = measure_acceptance(target, make(), ids, k, max_new_tokens, len(ids))
            a = out[category, name]
            note(f"{category} {name}: acceptance {a.rate:.3f}, accepted/step {a.mean_accepted:.2f}")
    return out


def _draft_path(paths: RealZooPaths, name: str) -> str:
    from specq.deployment import load_deployment

    path = load_deployment(paths.deployment).draft(name).path
    assert path is not None  # model and sorted drafts have one
    return path


def _single_task_drafts(paths: RealZooPaths) -> dict[str, str]:
    """Drafts of the zoo aligned on one category only: name -> category (from drafts/drafts.json)."""
    record = paths.root / "drafts" / "drafts.json"
    if not record.is_file():
        return {}
    drafts = json.loads(record.read_text()).get("drafts", {})
    return {
        n: d["tasks"][0]
        for n, d in drafts.items()
        if isinstance(d.get("tasks"), list) and len(d["tasks"]) == 1
    }


def acceptance_markdown(results: dict[tuple[str, str], Acceptance]) -> str:
    """The acceptance table, one row per (category, draft), and the totals over categories per draft."""
    lines = [
        "| category | draft | acceptance | accepted/step | accepted / drafted |",
        "|---|---|---|---|---|",
    ]
    totals: dict[str, list[int]] = {}
    for (category, name), a in results.items():
        lines.append(
            f"| {category} | {name} | {a.rate:.3f} | {a.mean_accepted:.2f} | {a.accepted} / {a.drafted} |"
        )
        t = totals.setdefault(name, [0, 0, 0])
        t[0], t[1], t[2] = t[0] + a.accepted, t[1] + a.drafted, t[2] + a.steps
    for name, (acc, drafted, steps) in totals.items():
        rate = acc / drafted if drafted else 0.0
        lines.append(f"| all | {name} | {rate:.3f} | {acc / steps if steps else 0:.2f} | {acc} / {drafted} |")
    return "\n".join(lines) + "\n"


VERIFY_KS = (1, 2, 4, 8)  # verifications --step-costs times, and prices the break-even of
BREAK_EVEN_DEPTH = 4  # the truncated draft whose cost the break-even table uses


def verify_label(k: int) -> str:
    return f"target verifying k = {k} ({k + 1} tokens)"


def truncated_label(depth: int) -> str:
    return f"truncated draft, {depth} layers"


def step_costs(
    paths: RealZooPaths,
    depths: Sequence[int] = (2, BREAK_EVEN_DEPTH, 8),
    context: int = 128,
    repeats: int = 30,
    verify_ks: Sequence[int] = VERIFY_KS,
) -> dict[str, float]:
    """Median CPU milliseconds of one cached decoding step at batch 1: the target (one token, and
    k + 1 tokens as a verification of k drafted ones), truncated drafts of each depth (derived into
    a temporary directory) and the LM head alone (its share of a draft step)."""
    import tempfile

    from models.drafts.derive import truncate_layers

    def timed(fn: Callable[[], object]) -> float:
        times = []
        for _ in range(repeats):
            c0 = time.process_time()
            fn()
            times.append(time.process_time() - c0)
        return 1e3 * statistics.median(times)

    def step_ms(model: PreTrainedModel, tokens: int = 1) -> float:
        ids = torch.randint(
            0, model.config.vocab_size, (1, context), generator=torch.Generator().manual_seed(0)
        )
        with torch.inference_mode():
            cache = model(input_ids=ids, use_cache=True).cache
            window = ids[:, -tokens:]

            def one() -> None:
                model(input_ids=window, cache=cache, use_cache=True)
                cache.crop(-tokens)  # drop the tokens just added: every timed step sees the same context

            return timed(one)

    target, _ = load_model_and_tokenizer(paths.models[paths.target], device="cpu", dtype=torch.float32)
    costs = {f"target ({target.config.num_hidden_layers} layers)": step_ms(target)}
    for k in verify_ks:  # one verification: the last token and k drafted ones in one forward
        costs[verify_label(k)] = step_ms(target, k + 1)
    hidden = torch.randn(1, 1, target.config.hidden_size)
    with torch.inference_mode():
        costs["LM head alone"] = timed(lambda: target.lm_head(hidden))
    with tempfile.TemporaryDirectory() as tmp:
        for depth in depths:
            out = truncate_layers(paths.models[paths.target], Path(tmp) / f"l{depth}", depth).out_dir
            draft, _ = load_model_and_tokenizer(out, device="cpu", dtype=torch.float32)
            costs[truncated_label(depth)] = step_ms(draft)
    return costs


def break_even_acceptance(verify: float, draft_cost: float, k: int) -> float | None:
    """The per-token acceptance a at which speculation with ``k`` drafted tokens decodes as fast as
    plain decoding: (1 - a^(k+1)) / (1 - a) tokens per step for ``verify`` + k * ``draft_cost``
    target steps of time (None: slower even when every drafted token is accepted)."""

    def gain(a: float) -> float:
        tokens = k + 1.0 if a >= 1.0 else (1.0 - a ** (k + 1)) / (1.0 - a)
        return tokens - (verify + k * draft_cost)

    if gain(1.0) < 0:
        return None
    lo, hi = 0.0, 1.0
    if gain(lo) >= 0:
        return 0.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if gain(mid) >= 0 else (mid, hi)
    return hi


def draft_token_costs(
    paths: RealZooPaths, draft_names: Sequence[str] | None = None, context: int = 128, repeats: int = 30
) -> dict[str, float]:
    """Median CPU milliseconds per drafted token at batch 1, through the engine's proposers.

    Every model and sorted draft of the deployment (a sorted one at each exit alone too), proposing
    one token after a ``context``-token prompt and then told it was rejected, ``repeats`` times; plain
    decoding's step (one target token through the engine's ragged cache) for scale.
    """
    from models.drafts.model import DraftModelProposer
    from models.drafts.sorted import SortedProposer, fixed_exit_thresholds
    from models.engine.ragged import RaggedLM, rollback_cache
    from models.engine.sampling import RowSampler

    target, _ = load_model_and_tokenizer(paths.models[paths.target], device="cpu", dtype=torch.float32)
    vocab = int(target.config.vocab_size)
    prompt = torch.randint(0, vocab, (context,), generator=torch.Generator().manual_seed(0)).tolist()
    sampler = RowSampler.from_params([SamplingParams()], "cpu")
    zero = torch.zeros(1, dtype=torch.long)

    def per_token(proposer: Proposer) -> float:
        proposer.prefill([prompt])
        proposer.update(zero, torch.tensor([prompt[-1]]))
        times = []
        with torch.inference_mode():
            for _ in range(repeats):
                c0 = time.process_time()
                token = proposer.propose(1, sampler).tokens[:, 0]
                times.append(time.process_time() - c0)
                proposer.update(zero, token)  # rejected; the token is the target's own next one
        return 1e3 * statistics.median(times)

    lm = RaggedLM(target)
    with torch.inference_mode():
        lm.prefill([prompt])
        token = torch.tensor([[prompt[-1]]])
        plain = []
        for _ in range(repeats):
            c0 = time.process_time()
            lm.forward(token).argmax(-1)
            plain.append(time.process_time() - c0)
            rollback_cache(lm, torch.zeros((1, 1), dtype=torch.bool), 0)
    costs = {"target, plain step (engine)": 1e3 * statistics.median(plain)}
    for name, make in load_drafts(paths, draft_names).items():
        draft = make()
        if isinstance(draft, SortedProposer):
            n = len(draft.model.exits)
            for i, depth in enumerate(draft.model.exits):
                exit_only = SortedProposer(draft.model, fixed_exit_thresholds(n, i), vocab_size=vocab)
                costs[f"{name}, exit {depth} alone"] = per_token(exit_only)
        else:
            proposer = draft if isinstance(draft, Proposer) else DraftModelProposer(draft, vocab)
            costs[name] = per_token(proposer)
    return costs


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-category", type=int, default=2, help="held-out prompts per Spec-Bench task")
    parser.add_argument("--mt-per-category", type=int, default=1, help="prompts per MT-bench category")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--lookup-k", type=int, default=10, help="HF prompt_lookup_num_tokens")
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--batch-check", action="store_true", help="also decode 8 prompts as one batch")
    parser.add_argument(
        "--categories", default=None, help="comma-separated categories to run (default: all 13)"
    )
    parser.add_argument("--root", type=Path, default=None, help="zoo directory (default: settings' zoo_dir)")
    parser.add_argument("--json", type=Path, default=None, help="also write the totals here")
    parser.add_argument("--runs-log", type=Path, default=None, help="append every run here (JSON lines)")
    parser.add_argument("--from-log", type=Path, default=None, help="only report a runs log (may be partial)")
    parser.add_argument("--step-costs", action="store_true", help="only time one decoding step per model")
    parser.add_argument(
        "--drafts",
        default=None,
        help="comma-separated deployment drafts to run (default: every model/sorted one)",
    )
    parser.add_argument(
        "--no-hf", action="store_true", help="skip HF assisted generation and HF prompt lookup"
    )
    parser.add_argument(
        "--acceptance",
        action="store_true",
        help="only greedy acceptance per category and draft at a fixed --k (a category's prompts: one batch)",
    )
    parser.add_argument("--k", type=int, default=4, help="draft tokens per step for --acceptance")
    parser.add_argument(
        "--full-head",
        action="store_true",
        help="--acceptance: also each frequency-ranked draft with its whole head",
    )
    parser.add_argument("--lossless", type=Path, default=None, help="only check an imported model directory")
    parser.add_argument(
        "--batch-only",
        action="store_true",
        help="only the batch check: generate references, one batch per method",
    )
    args = parser.parse_args(argv)
    draft_names = args.drafts.split(",") if args.drafts else None
    categories = args.categories.split(",") if args.categories else None
    if args.step_costs:
        logging.basicConfig(level=logging.WARNING)
        torch.set_num_threads(args.threads)
        paths = build_real_zoo("real", root=args.root)
        costs = step_costs(paths)
        base = next(iter(costs.values()))
        print("| model | CPU ms per step (median of 30) | x target |\n|---|---|---|")
        for name, ms in costs.items():
            print(f"| {name} | {ms:.1f} | {ms / base:.2f} |")
        draft_cost = costs[truncated_label(BREAK_EVEN_DEPTH)] / base
        print(
            "\n| k | verification x step | break-even acceptance, prompt lookup (free draft) |"
            f" break-even acceptance, {BREAK_EVEN_DEPTH}-layer draft |\n|---|---|---|---|"
        )
        for k in VERIFY_KS:
            verify = costs[verify_label(k)] / base
            cells = [
                "never" if a is None else f"{a:.2f}"
                for a in (break_even_acceptance(verify, 0.0, k), break_even_acceptance(verify, draft_cost, k))
            ]
            print(f"| {k} | {verify:.2f} | {cells[0]} | {cells[1]} |")
        tokens = draft_token_costs(paths, draft_names)
        base = next(iter(tokens.values()))
        print(
            "\n| draft (engine proposer, batch 1) | CPU ms per drafted token (median of 30) | x plain step |"
        )
        print("|---|---|---|")
        for name, ms in tokens.items():
            print(f"| {name} | {ms:.1f} | {ms / base:.2f} |")
        return
    if args.acceptance:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        torch.set_num_threads(args.threads)
        results = acceptance_by_category(
            build_real_zoo("real", root=args.root),
            draft_names,
            args.per_category,
            args.k,
            args.max_new_tokens,
            categories,
            args.full_head,
        )
        print(acceptance_markdown(results))
        if args.json is not None:
            rows = [{"category": c, "draft": d, **a.to_dict()} for (c, d), a in results.items()]
            args.json.write_text(json.dumps(rows, indent=2))
        return
    if args.lossless is not None:
        logging.basicConfig(level=logging.WARNING)
        torch.set_num_threads(args.threads)
        for line in lossless_check(args.lossless):
            print(line)
        return
    if args.batch_only:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        torch.set_num_threads(args.threads)
        result = batch_only(
            build_real_zoo("real", root=args.root),
            args.per_category,
            args.mt_per_category,
            args.max_new_tokens,
            categories,
            draft_names,
        )
        print("| batch, method | output vs generate |\n|---|---|")
        for method, verdict in result.items():
            print(f"| {method} | {verdict} |")
        return
    if args.from_log is not None:
        report = report_from_log(args.from_log)
        print(json.dumps(report.setup))
        print(report.markdown())
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(args.threads)
    paths = build_real_zoo("real", root=args.root)
    report = run_real_bench(
        paths,
        per_category=args.per_category,
        mt_per_category=args.mt_per_category,
        max_new_tokens=args.max_new_tokens,
        repeats=args.repeats,
        lookup_k=args.lookup_k,
        batch_check=args.batch_check,
        categories=categories,
        runs_log=args.runs_log,
        draft_names=draft_names,
        with_hf=not args.no_hf,
    )
    print(json.dumps(report.setup))
    print(report.markdown())
    if args.json is not None:
        data = {f"{g}/{m}": t.__dict__ for (g, m), t in report.totals.items()}
        args.json.write_text(
            json.dumps({"setup": report.setup, "totals": data, "batch": report.batch_check}, indent=2)
        )


if __name__ == "__main__":
    main()
