"""The served application (``orientir serve``'s factory, one per worker process) keeps the
objects start-up made out of the garbage collector's full collections (web.app's
``_freeze_the_heap``): a full collection then walks only what the requests made, not the
~280,000 objects of the imported modules, which held up a worker's requests for up to 250 ms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import gc, json
from orientir.web.app import app_from_environment
app_from_environment()
print(json.dumps({"frozen": gc.get_freeze_count(), "collected": len(gc.get_objects())}))
"""


def test_the_served_application_freezes_what_start_up_made(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ORIENTIR_DATA_DIR": str(tmp_path),
        "ORIENTIR_DATABASE_URL": f"sqlite:///{tmp_path / 'orientir.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    heap = json.loads(done.stdout.strip().splitlines()[-1])
    # The modules and the application are frozen; what a full collection still walks is a
    # small fraction of it.
    assert heap["frozen"] > 50_000
    assert heap["collected"] < heap["frozen"] / 20
