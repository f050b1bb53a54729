"""A real Ralph LRS (France Université Numérique's) on 127.0.0.1 for the sync tests.

Ralph runs under uvicorn with its file-system backend (statements in a .jsonl file, no
database server) and HTTP basic auth from an auth.json made here, as its docs describe
(``ralph auth`` writes the same file); ``ralph_serve`` says the one thing set. Killed with
SIGKILL to cut the network mid-sync; the same folder started again keeps what it had stored.
"""
from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import bcrypt

SERVE = Path(__file__).with_name("ralph_serve.py")
USERNAME, PASSWORD = "teacher", "s3cret-pass"
START_TIMEOUT_S = 60.0  # a bound for a slow shared machine, not a measurement


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_auth(path: Path) -> None:
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    path.write_text(json.dumps([{
        "agent": {"mbox": "mailto:teacher@school.example", "objectType": "Agent"},
        "scopes": ["statements/write", "statements/read"], "hash": hashed,
        "username": USERNAME}]), encoding="utf-8")


@dataclass
class Ralph:
    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self) -> None:
        (self.folder / "data").mkdir(parents=True, exist_ok=True)
        if not (self.folder / "auth.json").exists():
            write_auth(self.folder / "auth.json")
        env = dict(os.environ, RALPH_APP_DIR=str(self.folder),
                   RALPH_AUTH_FILE=str(self.folder / "auth.json"),
                   RALPH_RUNSERVER_BACKEND="fs",
                   RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.folder / "data"),
                   RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH=str(self.folder / "data"))
        log = (self.folder / "ralph.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, str(SERVE), str(self.port)],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "ralph.log").read_text(errors="replace"))
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start")

    def kill(self) -> None:
        """SIGKILL: the network goes away with no goodbye."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)
        self.process = None

    def statements(self) -> list[dict]:
        """Every stored statement, through Ralph's own xAPI GET (following ``more``)."""
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        url, found = f"{self.endpoint}/statements?limit=100", []
        while url:
            request = urllib.request.Request(url, headers={
                "Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                page = json.loads(answer.read())
            found.extend(page["statements"])
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found
