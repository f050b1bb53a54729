"""Child process for the sync kill test: the real sender on the given progress file.

After the LRS has answered OK for batch ``stop_after`` (and before the row is marked sent),
it says so on stdout and waits to be killed (kill -9): the worst moment for the app to die.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.sync.sender import Sender


def main() -> None:
    path, batch, stop_after = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    posted: list[list[str]] = []

    def after_post(ids: list[str]) -> None:
        posted.append(ids)
        if len(posted) == stop_after:
            print(json.dumps({"posted": posted}), flush=True)
            time.sleep(120)  # killed here; a bound so a lost parent does not leave us

    result = Sender(path, batch=batch, after_post=after_post).run()
    print(json.dumps({"finished": result.outcome.value}), flush=True)


if __name__ == "__main__":
    main()
