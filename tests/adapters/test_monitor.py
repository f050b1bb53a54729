"""``python -m adapters monitor`` end to end from the shell, over a real pty."""
from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

from tests.adapters.helpers import WAIT, PtySwitchBox

ROOT = Path(__file__).resolve().parents[2]
Line = dict[str, Any]


class Monitor:
    """The monitor as a subprocess; its JSON lines are read on a thread into a queue."""

    def __init__(self, args: list[str], stdin: int | None = subprocess.DEVNULL,
                 prelude: str = "") -> None:
        code = f"{prelude}import sys; from adapters.__main__ import main; sys.exit(main(sys.argv[1:]))"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, "monitor", "--locale", "en", *args], cwd=ROOT,
            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8")
        self.lines: list[Line] = []
        self._queue: queue.Queue[Line | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for text in self.process.stdout:
            self._queue.put(json.loads(text))  # every line must be JSON
        self._queue.put(None)

    def expect(self, predicate: Callable[[Line], bool], timeout: float = WAIT) -> Line:
        """The next line (after those already taken) for which ``predicate`` holds."""
        while True:
            try:
                line = self._queue.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no such line within {timeout}s; got {self.lines}") from None
            if line is None:
                raise AssertionError(f"monitor ended; got {self.lines}; stderr: {self.stderr()}")
            self.lines.append(line)
            if predicate(line):
                return line

    def finish(self, timeout: float = WAIT) -> int:
        code = self.process.wait(timeout)
        while (line := self._queue.get(timeout=timeout)) is not None:
            self.lines.append(line)
        return code

    def stderr(self) -> str:
        return self.process.stderr.read() if self.process.poll() is not None and self.process.stderr else ""

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def status(kind: str) -> Callable[[Line], bool]:
    return lambda line: line.get("status") == kind


def event(control: str, pressed: bool) -> Callable[[Line], bool]:
    return lambda line: line.get("control") == control and line.get("pressed") is pressed


def test_serial_monitor_end_to_end(tmp_path: Path) -> None:
    box = PtySwitchBox(tmp_path)
    monitor = Monitor(["--serial", box.path])
    try:
        connected = monitor.expect(status("connected"))
        assert connected["message"] == f"A switch box is ready on {box.path}."
        assert connected["params"]["port"] == box.path
        box.write(b"HELLO microbit\nA 1\n\xff\xfe garbage A 1\nA 0\n")
        pressed = monitor.expect(event("a", True))
        assert {k: pressed[k] for k in ("source", "control", "pressed", "id", "port")} == {
            "source": "serial(microbit)", "control": "a", "pressed": True,
            "id": "serial(microbit):a", "port": box.path}
        assert isinstance(pressed["t"], float)
        monitor.expect(event("a", False))

        box.write(b"B 1\n")
        monitor.expect(event("b", True))
        box.unplug()
        lost = monitor.expect(status("lost"))
        assert lost["message"] == ("The switch box was unplugged. Plug it in again; "
                                   "it will reconnect by itself.")
        monitor.expect(event("b", False))  # let go when the box vanished
        box.plug()
        monitor.expect(status("connected"))
        box.write(b"A 1\n")
        monitor.expect(event("a", True))

        monitor.process.send_signal(signal.SIGTERM)
        assert monitor.finish() == 0
    finally:
        monitor.kill()
        box.close()
    assert monitor.lines[-1]["status"] == "stopped"
    presses = [(l["control"], l["pressed"]) for l in monitor.lines if "control" in l]
    assert presses == [("a", True), ("a", False), ("b", True), ("b", False), ("a", True),
                       ("a", False)]  # the last release: the monitor stopped while A was held


def test_keyboard_from_a_pipe_and_voice_not_available(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_bytes(b" 1x\x1b[A\x1bOP\n")
    with keys.open("rb") as stdin:
        monitor = Monitor(["--keyboard", "--speech"], stdin=stdin.fileno(),
                          prelude="sys_modules = __import__('sys').modules; "
                                  "sys_modules['adapters.speech'] = None; ")
        try:
            assert monitor.finish() == 0  # the end of the input ends the monitor
        finally:
            monitor.kill()
    presses = [(l["id"], l["pressed"]) for l in monitor.lines if "id" in l]
    assert presses == [(f"kb:{k}", p) for k in ("space", "1", "up", "f1", "return")
                       for p in (True, False)]
    voice = [l for l in monitor.lines if l.get("adapter") == "speech"]
    assert len(voice) == 1 and voice[0]["status"] == "error"
    assert voice[0]["message_key"] == "adapters.speech.unavailable"
    assert voice[0]["message"].startswith("Voice commands are not available")


def test_seconds_limit_and_a_missing_port(tmp_path: Path) -> None:
    monitor = Monitor(["--serial", str(tmp_path / "ttyNONE"), "--seconds", "0.5"])
    try:
        waiting = monitor.expect(status("lost"))
        assert waiting["message_key"] == "adapters.serial.waiting"
        assert monitor.finish() == 0
    finally:
        monitor.kill()
    assert monitor.lines[-1]["status"] == "stopped"


def test_no_source_is_a_usage_error() -> None:
    result = subprocess.run([sys.executable, "-m", "adapters", "monitor"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "--serial" in result.stderr


def test_keyboard_on_a_terminal_reads_key_by_key_and_restores_the_terminal() -> None:
    import os
    import termios

    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    assert before[3] & termios.ICANON
    monitor = Monitor(["--keyboard", "--keys", "space,enter,a"], stdin=slave)
    try:
        monitor.expect(status("connected"))
        during = termios.tcgetattr(slave)
        assert not during[3] & (termios.ICANON | termios.ECHO)  # one key at a time, no echo
        os.write(master, b"a")  # no Enter needed: the key arrives on its own
        monitor.expect(event("a", True))
        os.write(master, b"1\r")  # 1 is not a switch key here
        monitor.expect(event("return", False))
        monitor.process.send_signal(signal.SIGTERM)
        assert monitor.finish() == 0
        assert termios.tcgetattr(slave) == before
    finally:
        monitor.kill()
        os.close(master)
        os.close(slave)
    assert [l["id"] for l in monitor.lines if "id" in l] == ["kb:a", "kb:a", "kb:return", "kb:return"]


class _Lines:
    """A thread-safe text sink for ``run_monitor``: its JSON lines, as they come."""

    def __init__(self) -> None:
        self._text = ""
        self._changed = threading.Condition()

    def write(self, text: str) -> None:
        with self._changed:
            self._text += text
            self._changed.notify_all()

    def flush(self) -> None:
        pass

    def lines(self) -> list[Line]:
        with self._changed:
            return [json.loads(t) for t in self._text.splitlines()]

    def wait(self, predicate: Callable[[Line], bool], timeout: float = 15.0) -> None:
        with self._changed:
            found = self._changed.wait_for(
                lambda: any(predicate(json.loads(t)) for t in self._text.splitlines()), timeout)
        assert found, self.lines()


def test_a_talk_switch_on_a_big_button_holds_the_microphone_open(tmp_path: Path) -> None:
    """``--speech --talk 'serial(microbit):a'``: a real switch box over a pty works the
    microphone of a real push-to-talk decoder; talk while the button is up is not heard."""
    import numpy as np

    from adapters.monitor import TalkSwitches, run_monitor
    from adapters.serial_adapter import SerialAdapter
    from adapters.speech.adapter import SpeechAdapter
    from tests.adapters import speech_corpus as corpus
    from tests.adapters.speech_sources import TalkSource

    def clip(text: str) -> bytes:
        speech = corpus.synthesise(text, corpus.Voice("en-us", 150, 50),
                                   corpus.corpus_dir(tmp_path / "speech"))
        return corpus.mix(speech, corpus.CLEAN, np.random.default_rng(2), lead=0.1, tail=0.1)

    box, source, out, stop = PtySwitchBox(tmp_path / "dev"), TalkSource(), _Lines(), threading.Event()
    speech = SpeechAdapter("en", mode="push_to_talk", source=source)
    monitor = threading.Thread(target=run_monitor, daemon=True, kwargs=dict(
        adapters=[SerialAdapter(box.path), speech], out=out, translate=lambda key, params: key,
        stop=stop, talk=TalkSwitches(frozenset({"serial(microbit):a"}), speech.push_to_talk)))
    monitor.start()
    try:
        out.wait(lambda l: l.get("message_key") == "voice.status.push_to_talk")
        out.wait(status("connected"))
        source.say(clip("pick up the star"))  # the button is up: not heard
        assert source.said.wait(WAIT)
        box.write(b"HELLO microbit\nA 1\n")
        out.wait(event("a", True))
        source.say(clip("move forward"))
        assert source.said.wait(WAIT)
        box.write(b"A 0\n")
        out.wait(lambda l: l.get("id") == "speech:move_forward" and not l["pressed"])
    finally:
        stop.set()
        monitor.join(WAIT * 2)
        box.close()
    heard = [(l["control"], l["pressed"]) for l in out.lines() if l.get("source") == "speech"]
    assert heard == [("move_forward", True), ("move_forward", False)]
