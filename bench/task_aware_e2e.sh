#!/bin/bash
# Task-aware speculative decoding end to end on the bench zoo (docs/alignment.md, "End to end"):
# partition unlabelled prompts, align one draft per discovered sub-task and register it, then
# decode the held-out prompts three times through the whole stack (broker, routing and decode
# workers, SQL): plain, with the general draft, and with the router's per-task drafts.
#
#   bench/task_aware_e2e.sh [WORK_DIR]      # default /tmp/specq-e2e; needs `specq` on PATH
#
# Uses the zoo under SPECQ_ZOO_DIR (default ./.specq/zoo; built on first use, ~26 min).
set -euo pipefail
cd "$(dirname "$0")/.."
E=${1:-/tmp/specq-e2e}
rm -rf "$E"; mkdir -p "$E/data"
export SPECQ_DATA_DIR=$E/data SPECQ_ZOO_DIR=${SPECQ_ZOO_DIR:-$PWD/.specq/zoo} SPECQ_CONFIG_FILE=$E/specq.toml
export SPECQ_EXPLORE_RATE=0 OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
python - "$E" <<'EOF'
import json, sys
from pathlib import Path

from models.zoo import build_zoo
from specq.deployment import DEFAULT_DEPLOYMENT_TOML
from specq.settings import get_settings

work = Path(sys.argv[1])
toml = DEFAULT_DEPLOYMENT_TOML.replace('preset = "tiny"', 'preset = "bench"')
(work / "specq.toml").write_text(toml.replace('path = ".specq/router"', f'path = "{work}/router"'))
zoo = build_zoo("bench", root=get_settings().zoo_dir, progress=True)
for pool, dest in ((zoo.align_prompts, "align.jsonl"), (zoo.prompts, "heldout.jsonl")):
    with (work / dest).open("w") as out:  # task labels dropped: the router must find the tasks
        for task in zoo.tasks:
            for line in pool[task].read_text().splitlines():
                d = json.loads(line)
                out.write(json.dumps({"custom_id": d["custom_id"], "prompt": d["prompt"]}) + "\n")
EOF
echo "== partition"; time specq partition "$E/align.jsonl" --out "$E/router"
for label in $(python -c "import json,sys; print(' '.join(json.load(open(sys.argv[1]))['labels']))" "$E/router/manifest.json"); do
  echo "== align $label"
  time specq align --target target-l --base-draft general --task "$label" --prompts "$E/align.jsonl" \
      --eval-prompts "$E/heldout.jsonl" --out "$E/drafts/$label" --register || echo "align $label FAILED"
done
for d in none general; do
  echo "== run --draft $d"; time specq run "$E/heldout.jsonl" --target target-l --max-new-tokens 64 --draft "$d"
done
echo "== run (the router's per-task drafts)"; time specq run "$E/heldout.jsonl" --target target-l --max-new-tokens 64
specq sql "SELECT job_id, count(*) AS prompts, sum(output_tokens) AS tokens,
  round(1.0 * sum(accepted_tokens) / nullif(sum(drafted_tokens), 0), 3) AS acceptance
  FROM results GROUP BY job_id ORDER BY min(created_at)"
