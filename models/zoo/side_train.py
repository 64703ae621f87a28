"""Train one zoo model in its own process: ``python -m models.zoo.side_train JOB.json``.

`build_zoo` runs the costliest model this way while it trains the others. The job file is
a `models.zoo.build.TrainJob` as JSON; progress goes to stdout as JSON lines,
``{"step": i, "loss": x}`` per optimizer step and ``{"done": final_loss}`` at the end.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from models.zoo.build import TrainJob, run_train_job


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m models.zoo.side_train JOB.json\n")
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    job = TrainJob.from_json(Path(argv[0]).read_text())

    def send(message: dict[str, float]) -> None:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    loss = run_train_job(job, lambda step, loss: send({"step": step, "loss": loss}))
    send({"done": loss})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
