from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.request_log import RECORDED_REQUESTS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 60) -> CliResult:
    """Run the real command line in a subprocess: real exit codes, real stderr. Under the request_contract
    fixture (tests/cli/conftest.py) the emulated org records every request it is sent, for the contracts."""
    entry = "tests.cli.recorded_main" if os.environ.get(RECORDED_REQUESTS) else "reconciler"
    done = subprocess.run(
        [sys.executable, "-m", entry, *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def write(tmp_path: Path):
    """Write a dedented text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


CAMPAIGN = """
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: {name}
spec:
  contact_list: {contact_list}
  dialing_mode: predictive
  phone_columns:
    - column_name: phone
      type: cell
  caller_name: Acme Renewals
  caller_address: "+15555550100"
  abandon_rate: 3
"""

CONTACT_LIST = """
apiVersion: genesys/v1
kind: ContactList
metadata:
  name: {name}
spec:
  column_names: [id, phone]
  phone_columns:
    - column_name: phone
      type: cell
"""


def copy_demo(dest: Path) -> Path:
    """A copy of the demo config repo in `dest`: campaigns/, overlays/ and reconciler.yaml."""
    shutil.copytree(ROOT / "campaigns", dest / "campaigns")
    shutil.copytree(ROOT / "overlays", dest / "overlays")
    shutil.copy(ROOT / "reconciler.yaml", dest / "reconciler.yaml")
    return dest
