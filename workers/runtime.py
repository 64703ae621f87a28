"""Models of one decode worker process, loaded once and kept: targets, drafts, decoders.

A decode worker serves one target and several drafts (its pairings). Each model is loaded
the first time a pairing needs it and kept for the life of the process: a draft model
or sorted draft that serves two targets is one set of weights. Each pairing keeps its
own `SpecDecoder`, so the adaptive speculation length it learned carries across batches.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from models.drafts.lookup import PromptLookupProposer
from models.engine.proposer import Proposer
from models.engine.sampling import SamplingParams
from models.engine.speculative import Output, SpecDecoder
from models.loading import check_same_tokenizer, load_draft, load_model_and_tokenizer
from models.zoo.resolve import resolve_model_path
from specq.deployment import NO_DRAFT, Deployment, DraftSpec, load_deployment
from specq.settings import get_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedTarget:
    """A target model with its tokenizer and context length."""

    name: str
    path: str
    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    context_length: int | None  # max positions the model was configured for; None = unknown

    @property
    def device(self) -> torch.device:
        return self.model.device


def _context_length(model: PreTrainedModel) -> int | None:
    config = model.config.get_text_config(decoder=True)
    value = getattr(config, "max_position_embeddings", None)
    return int(value) if value else None


class Runtime:
    """Per-process cache of models and decoders for the pairings of a deployment (thread-safe)."""

    def __init__(self, deployment: Deployment, device: str | None = None) -> None:
        settings = get_settings()
        self.deployment = deployment
        self.device = device or settings.device
        self.trust_remote_code = settings.trust_remote_code
        self._lock = threading.RLock()
        self._targets: dict[str, LoadedTarget] = {}
        self._draft_models: dict[
            str, tuple[PreTrainedModel, PreTrainedTokenizerBase]
        ] = {}  # by resolved path
        self._decoders: dict[tuple[str, str], SpecDecoder] = {}
        # One decoder per target holding every draft it was asked for, by name: the decode loop's
        # continuous session mixes rows of any draft in one batch (one target forward for all).
        self._target_decoders: dict[str, SpecDecoder] = {}
        # A decoder holds per-batch state (KV caches, the proposer's): one batch at a time per pairing.
        self._busy: dict[tuple[str, str], threading.Lock] = {}

    def target(self, name: str) -> LoadedTarget:
        """The target ``name``, loaded on first use."""
        with self._lock:
            loaded = self._targets.get(name)
            if loaded is None:
                spec = self.deployment.target(name)
                path = resolve_model_path(self.deployment, spec.path)
                assert path is not None  # build=True always resolves
                model, tokenizer = load_model_and_tokenizer(
                    path, device=self.device, trust_remote_code=self.trust_remote_code
                )
                loaded = LoadedTarget(name, path, model, tokenizer, _context_length(model))
                self._targets[name] = loaded
            return loaded

    def decoder(self, target: str, draft: str) -> SpecDecoder:
        """The decoder of the (target, draft) pairing; ``draft == "none"`` is plain decoding."""
        with self._lock:
            key = (target, draft)
            decoder = self._decoders.get(key)
            if decoder is None:
                loaded = self.target(target)
                if draft == NO_DRAFT:
                    decoder = SpecDecoder(loaded.model, None, k=0, detokenize=_detokenizer(loaded.tokenizer))
                else:
                    spec = self._served_draft(target, draft)
                    decoder = SpecDecoder(
                        loaded.model,
                        self._proposer(spec, loaded),  # type: ignore[arg-type]
                        k=spec.k,  # type: ignore[arg-type]  # the deployment parser allows int or "auto"
                        detokenize=_detokenizer(loaded.tokenizer),
                    )
                self._decoders[key] = decoder
                log.info("ready: %s/%s", target, draft)
            return decoder

    def target_decoder(self, target: str) -> SpecDecoder:
        """The mixed-draft decoder of ``target``: plain decoding by default, each draft a named
        draft (``add_draft``); detokenizes for stop strings."""
        with self._lock:
            decoder = self._target_decoders.get(target)
            if decoder is None:
                loaded = self.target(target)
                decoder = SpecDecoder(loaded.model, None, k=0, detokenize=_detokenizer(loaded.tokenizer))
                self._target_decoders[target] = decoder
            return decoder

    def drop_target_decoder(self, target: str) -> None:
        """Forget the mixed-draft decoder of ``target`` (after an engine failure); the next use
        builds a fresh one over the same loaded models."""
        with self._lock:
            self._target_decoders.pop(target, None)

    def add_draft(self, target: str, draft: str) -> None:
        """Register ``draft`` on the target decoder (call between sessions: no running rows)."""
        decoder = self.target_decoder(target)
        if draft == NO_DRAFT or draft in decoder.drafts:
            return
        with self._lock:
            spec = self._served_draft(target, draft)
            decoder.add_draft(draft, self._proposer(spec, self.target(target)), k=spec.k)  # type: ignore[arg-type]

    def _served_draft(self, target: str, draft: str) -> DraftSpec:
        spec = self.deployment.draft(draft)
        if target not in spec.targets:
            raise ValueError(
                f"draft {draft!r} does not serve target {target!r} in {self.deployment.source}; "
                f"it serves {', '.join(spec.targets) or 'no target'}"
            )
        return spec

    def generate(
        self, target: str, draft: str, prompts: list[list[int]], params: list[SamplingParams]
    ) -> list[Output]:
        """Decode token-id prompts with the pairing's decoder (one batch at a time per pairing)."""
        decoder = self.decoder(target, draft)
        with self._lock:
            busy = self._busy.setdefault((target, draft), threading.Lock())
        with busy:
            return decoder.generate(prompts, params)

    def preload(self, pairings: list[tuple[str, str]], *, warmup: bool = True) -> None:
        """Load every pairing now (worker start): fail fast on a missing model or a tokenizer mismatch.

        ``warmup`` decodes a few tokens per pairing, so one-time costs (kernel selection, lazy
        allocations) are paid here rather than by the first batch of a job.
        """
        for target, draft in pairings:
            self.decoder(target, draft)
            self.add_draft(target, draft)
            if warmup:
                bos = self.target(target).tokenizer.bos_token_id
                self.generate(
                    target, draft, [[bos if bos is not None else 0] * 4], [SamplingParams(max_new_tokens=4)]
                )

    def _proposer(self, spec: DraftSpec, target: LoadedTarget) -> PreTrainedModel | Proposer:
        if spec.kind == "prompt-lookup":
            return PromptLookupProposer()
        assert spec.path is not None  # the deployment parser requires paths for model and sorted drafts
        path = resolve_model_path(self.deployment, spec.path)
        assert path is not None
        if spec.kind == "model":
            model, tokenizer = self._draft_model(path)
            check_same_tokenizer(target.tokenizer, tokenizer)
            return model
        if spec.kind == "sorted":
            from models.drafts.sorted import SortedProposer, get_shared_sorted_draft

            self._check_sorted_tokenizer(path, target)
            shared = get_shared_sorted_draft(path, device=target.device, dtype=target.model.dtype)
            vocab = int(target.model.config.get_text_config(decoder=True).vocab_size)
            return SortedProposer(shared, spec.thresholds.get(target.name), vocab_size=vocab)
        raise ValueError(f"draft {spec.name!r}: unknown kind {spec.kind!r}")

    def _draft_model(self, path: str) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
        cached = self._draft_models.get(path)
        if cached is None:
            cached = load_draft(path, device=self.device, trust_remote_code=self.trust_remote_code)
            self._draft_models[path] = (cached.model, cached.tokenizer)
        return cached

    def _check_sorted_tokenizer(self, path: str, target: LoadedTarget) -> None:
        from transformers import AutoTokenizer

        tokenizer: Any = AutoTokenizer.from_pretrained(path, trust_remote_code=self.trust_remote_code)
        check_same_tokenizer(target.tokenizer, tokenizer)


def _detokenizer(tokenizer: PreTrainedTokenizerBase) -> Callable[[list[int]], str]:
    """Token ids -> text as results store it (the engine ends rows at stop strings with it)."""

    def detokenize(ids: list[int]) -> str:
        return str(tokenizer.decode(ids, skip_special_tokens=True))

    return detokenize


_runtime: Runtime | None = None
_runtime_lock = threading.Lock()


def get_runtime() -> Runtime:
    """The runtime of this process (created on first use from the deployment file)."""
    global _runtime
    with _runtime_lock:
        if _runtime is None:
            _runtime = Runtime(load_deployment())
        return _runtime


def reset_runtime() -> None:
    """Forget every loaded model (tests switch deployments)."""
    global _runtime
    with _runtime_lock:
        _runtime = None
