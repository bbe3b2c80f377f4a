"""Endpoint names keep API words and versions only: ids, numbers, names and secrets become `{id}`."""

from __future__ import annotations

import pytest

from reconciler.telemetry.endpoints import endpoint_template


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/api/v2/outbound/campaigns", "/api/v2/outbound/campaigns"),
        (
            "/api/v2/outbound/campaigns/3f2a9c1e-8d7b-4e6f-9a0b-1c2d3e4f5a6b/progress",
            "/api/v2/outbound/campaigns/{id}/progress",
        ),
        (
            "/inContactAPI/services/v30.0/skills/1234567/parameters",
            "/inContactAPI/services/v30.0/skills/{id}/parameters",
        ),
        (
            "/api/v2/outbound/dnclists/a1b2/phonenumbers/+15555550123",
            "/api/v2/outbound/dnclists/{id}/phonenumbers/{id}",
        ),
        ("/dnc-groups/12/records/%2B15555550123", "/dnc-groups/{id}/records/{id}"),
        ("https://api.example.com/api/v2/flows?name=secret-token", "/api/v2/flows"),
        ("/.well-known/cxone-configuration", "/.well-known/cxone-configuration"),
        ("/api/v2/outbound/campaigns/eyJhbGciOiJIUzI1NiJ9.e30.sig", "/api/v2/outbound/campaigns/{id}"),
    ],
)
def test_every_id_like_segment_becomes_a_placeholder(path: str, template: str) -> None:
    assert endpoint_template(path) == template
