"""Terminal and CI logs: colour only on a terminal, NO_COLOR and --no-color honoured, rich markup never
printed raw; apply prints one line per change as it completes, not all at the end."""

from __future__ import annotations

import os
import pty
import queue
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import copy_demo
from tests.test_notify import Receiver

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MARKUP = re.compile(r"\[/?(green|red|yellow|magenta|dim|bold red|bold)\]")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def _in_pty(args: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal, as a person at a terminal would."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "reconciler", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def _env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    return env | {"TERM": "xterm-256color", "COLUMNS": "200"} | extra


def test_a_terminal_gets_colour_and_never_raw_markup(repo: Path) -> None:
    code, output = _in_pty(["plan"], cwd=repo, env=_env())
    assert code == 0, output
    assert ANSI.search(output), "a terminal should get colour"
    assert not MARKUP.search(output), "rich markup printed raw"
    plain = ANSI.sub("", output)
    assert "Plan for target local (genesys)" in plain
    assert "callable_times[America/New_York].time_slots[Sat 10:00:00].stop_time" in plain  # escaped, shown


@pytest.mark.parametrize(("args", "extra"), [(["plan"], {"NO_COLOR": "1"}), (["plan", "--no-color"], {})])
def test_no_color_and_the_no_color_flag_give_plain_text_on_a_terminal(
    repo: Path, args: list[str], extra: dict[str, str]
) -> None:
    code, output = _in_pty(args, cwd=repo, env=_env(**extra))
    assert code == 0, output
    assert not ANSI.search(output) and not MARKUP.search(output)
    assert "+ genesys/Campaign/win-back-preview  (create)" in output


def test_a_pipe_gets_plain_text(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reconciler", "plan"], cwd=repo, capture_output=True, text=True, env=_env()
    )
    assert done.returncode == 0
    assert not ANSI.search(done.stdout) and not MARKUP.search(done.stdout)
    assert "Risk: 2 run-state change(s)" in done.stdout


def test_apply_on_a_terminal_prints_every_change_without_markup_or_colour_under_no_color(repo: Path) -> None:
    code, output = _in_pty(["apply", "--auto-approve", "--no-color"], cwd=repo, env=_env())
    assert code == 0, output
    assert not ANSI.search(output.replace("\x1b[?25l", "").replace("\x1b[?25h", ""))
    assert not MARKUP.search(output)
    assert re.search(r"✓ applied +genesys/Campaign/win-back-preview \(create\)", output)


def _config_with_hook(repo: Path) -> None:
    path = repo / "reconciler.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "notifications: []", "notifications: [{url_env: HOOK_URL, events: [apply.finished]}]"
    )
    path.write_text(text, encoding="utf-8")


def test_apply_streams_one_line_per_change_before_it_finishes(repo: Path) -> None:
    """The run's last step (the apply.finished webhook) is held until the test has read every
    change's line: lines printed only at the end would never arrive while it is held."""
    _config_with_hook(repo)
    with Receiver() as receiver:
        receiver.hang_seconds = 9  # under the notifier's 10 s bound: the apply still succeeds
        process = subprocess.Popen(
            [sys.executable, "-m", "reconciler", "apply", "--auto-approve", "--concurrency", "1"],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(HOOK_URL=receiver.url()),
        )
        lines: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True)  # type: ignore[union-attr]
        reader.start()
        seen: list[str] = []
        while len(seen) < 6:  # every change of the demo
            line = lines.get(timeout=8)
            if line.startswith("✓ applied"):
                seen.append(line)
        assert process.poll() is None, "apply finished before its lines were read"
        receiver.release.set()
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert len(receiver.received) == 1
