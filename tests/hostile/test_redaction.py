"""A server that echoes the request never gets a credential into any output, log, audit line or webhook.

The fake Genesys API answers with an error body that quotes the Authorization header, the JWT access
token, the client id and secret of the token request, and a phone number in three shapes.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.config import Target
from reconciler.notify import event_body
from reconciler.redaction import REDACTED, RedactingFilter, redact, redact_value, register_env_fields
from tests.hostile.fake_genesys import PHONE, SECRETS, TOKEN, FakeGenesys, echo, project, run
from tests.test_notify import SECRET, Receiver

FULL_NUMBER = re.compile(r"2125550111")


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"a secret in {where}: {text}"
    assert not FULL_NUMBER.search(text), f"a full phone number in {where}: {text}"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


def test_apply_keeps_an_echoed_token_out_of_output_audit_and_webhooks(
    tmp_path: Path, receiver: Receiver
) -> None:
    with FakeGenesys(writes=echo(400)) as fake:
        project(tmp_path, fake.url, hooks=True)
        hooks = {"HOSTILE_HOOK_URL": receiver.url(), "HOSTILE_HOOK_SECRET": SECRET}
        result = run(tmp_path, "apply", "--auto-approve", env=hooks)

    assert result.code == 1 and "Traceback" not in result.stderr
    assert "✗ failed   genesys/ContactList/renewals" in result.stdout
    assert "Authorization: [REDACTED]" in result.stdout and "***0111#" in result.stdout
    assert_clean(result.stdout, "stdout")
    assert_clean(result.stderr, "stderr")
    audit = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert '"result":"failed"' in audit and REDACTED in audit
    assert_clean(audit, "the audit log")
    events = [item.json()["event"] for item in receiver.received]
    assert events == ["apply.started", "resource.changed", "apply.finished"]
    for item in receiver.received:
        assert item.verified
        assert_clean(item.body.decode(), f"the {item.json()['event']} payload")
    assert REDACTED in receiver.received[-1].body.decode()


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_plan_error_quoting_the_request_is_redacted_even_in_a_debug_traceback(
    tmp_path: Path, debug: list[str]
) -> None:
    with FakeGenesys(reads=echo(403)) as fake:
        project(tmp_path, fake.url)
        result = run(tmp_path, *debug, "plan")

    assert result.code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: GET /api/v2/outbound/") and "HTTP 403" in last and "***0111#" in last
    assert ("Traceback" in result.stderr) == bool(debug)
    assert_clean(result.stdout + result.stderr, "plan output")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abc.def-123", "abc.def-123"),
        ('{"headers": {"authorization": "Basic ZW11bGF0b3I6c2VjcmV0"}}', "ZW11bGF0b3I6c2VjcmV0"),
        ("proxy said: bearer%20opaque-token-99", "opaque-token-99"),
        (f"token {TOKEN} expired", TOKEN.split(".")[1]),
        ('{"access_token": "tok-8812", "expires_in": 3600}', "tok-8812"),
        ("grant_type=password&username=key-1&password=hunter22-x&x=1", "hunter22-x"),
        ("{'client_secret': 'abc\\'def-77'}", "def-77"),
        ("set-cookie: session=77aa; Path=/", "77aa"),
    ],
)
def test_credentials_in_any_echoed_form_are_redacted(text: str, secret: str) -> None:
    shown = redact(text)
    assert secret not in shown and REDACTED in shown


def test_configured_secret_values_are_redacted_as_written_and_url_encoded() -> None:
    target = Target(
        platform="genesys", region="us-east-1", client_id_env="T_CLIENT_ID", client_secret_env="T_SECRET"
    )
    register_env_fields(target, {"T_CLIENT_ID": "client-4411", "T_SECRET": "pa ss/w+rd&42"})

    shown = redact("id client-4411 secret pa ss/w+rd&42 form pa+ss%2Fw%2Brd%2642 url pa%20ss%2Fw%2Brd%2642")

    assert "client-4411" not in shown and "w+rd" not in shown and "w%2Brd" not in shown
    assert shown.count(REDACTED) == 4


def test_ordinary_text_is_left_alone() -> None:
    text = "Basic settings of campaign q3-renewals; version 12; api.mypurecloud.com; the token endpoint"
    assert redact(text) == text


def test_webhook_payloads_are_redacted_and_masked() -> None:
    body = event_body(
        "apply.finished",
        target="prod",
        data={"results": [{"message": f"HTTP 400: Authorization: Bearer {TOKEN}; {PHONE}"}]},
        delivery_id="d-1",
    ).decode()
    assert TOKEN not in body and PHONE not in body and "***0111#" in body
    assert redact_value({"a": [f"Bearer {TOKEN}", 5]}) == {"a": [f"Bearer {REDACTED}", 5]}


def test_log_records_of_every_package_logger_are_redacted_before_formatting() -> None:
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.addFilter(RedactingFilter())
    package = logging.getLogger("reconciler")
    package.addHandler(handler)
    try:
        try:
            raise ValueError(f"echo {TOKEN}")
        except ValueError:
            logging.getLogger("reconciler.providers.http").warning("got %s", f"Bearer {TOKEN}", exc_info=True)
    finally:
        package.removeHandler(handler)
    shown = written.getvalue()
    assert "got Bearer [REDACTED]" in shown and "ValueError: echo [REDACTED]" in shown
    assert TOKEN.split(".")[1] not in shown


GUARDED = f"""
import logging, sys
from reconciler.cli.output_guard import guard_output
guard_output()
print("stdout: Bearer {TOKEN} {PHONE}")
print("stderr: {TOKEN} {PHONE}", file=sys.stderr)
logging.getLogger("reconciler.apply.executor").warning("log: %s", "{TOKEN} {PHONE}")
"""


def test_whatever_the_cli_writes_passes_the_redacting_streams_and_log_handler() -> None:
    done = subprocess.run([sys.executable, "-c", GUARDED], capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"stdout: Bearer {REDACTED} {PHONE}"  # stdout keeps its digits (data)
    assert "stderr: [REDACTED] ***0111#" in done.stderr and "log: [REDACTED] ***0111#" in done.stderr
    assert TOKEN not in done.stdout + done.stderr and PHONE not in done.stderr
