"""Contact list definitions: immutable fields with their SW18 codes (G§6.9) and the column rules."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        (
            "columnNames",
            ["AccountId", "CellPhone", "HomePhone", "ZipCode", "TimeZone", "Email"],
            "cannot.update.contact.column.names",
        ),
        ("phoneColumns", [{"columnName": "CellPhone", "type": "cell"}], "cannot.update.phone.columns"),
        ("automaticTimeZoneMapping", True, "cannot.edit.automatic.time.zone.mapping.settings"),
        ("zipCodeColumnName", "ZipCode", "cannot.edit.automatic.time.zone.mapping.settings"),
        ("emailColumns", [{"columnName": "FirstName", "type": "work"}], "invalid.update"),
        ("whatsAppColumns", [{"columnName": "CellPhone", "type": "cell"}], "invalid.update"),
        (
            "columnDataTypeSpecifications",
            [{"columnName": "AccountId", "columnDataType": "NUMERIC"}],
            "invalid.update",
        ),
    ],
)
def test_immutable_fields_are_refused_with_their_codes(api: Api, field: str, value: Any, code: str) -> None:
    created = api.create("contactlists", s.contact_list())
    response = api.put(f"{OUTBOUND}/contactlists/{created['id']}", {**created, field: value})
    assert (response.status_code, code_of(response)) == (400, code)
    assert response.json()["details"][0]["fieldName"] == field
    assert api.fetch("contactlists", created["id"])["version"] == 1


def test_mutable_fields_change_and_unchanged_immutable_ones_pass(api: Api) -> None:
    limits = api.create("attemptlimits", s.attempt_limits())["id"]
    created = api.create("contactlists", s.contact_list(columnDataTypeSpecifications=[]))
    body = {**created, "previewModeColumnName": "LastName", "attemptLimits": s.ref(limits)}
    body.pop("columnDataTypeSpecifications")  # absent and empty are the same setting
    updated = api.update("contactlists", body)
    assert updated["previewModeColumnName"] == "LastName"
    assert updated["attemptLimits"]["id"] == limits


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        (
            {"columnNames": ["AccountId", "AccountId", "CellPhone", "HomePhone", "TimeZone"]},
            "not.unique.contact.columns",
        ),
        ({"columnNames": []}, "no.contact.columns.defined"),
        (
            {"phoneColumns": [{"columnName": "WorkPhone", "type": "work"}]},
            "contact.columns.do.not.contain.phone.number.column",
        ),
        (
            {
                "phoneColumns": [
                    {"columnName": "CellPhone", "type": "cell"},
                    {"columnName": "CellPhone", "type": "home"},
                ]
            },
            "not.unique.phone.columns",
        ),
        ({"zipCodeColumnName": "ZipCode"}, "cannot.have.zip.code.column.without.automatic.time.zone.mapping"),
        ({"automaticTimeZoneMapping": True, "zipCodeColumnName": "Nowhere"}, "invalid.zip.code.column"),
        (
            {"automaticTimeZoneMapping": True},
            "cannot.have.callable.time.column.with.automatic.time.zone.mapping",
        ),
    ],
)
def test_column_rules(api: Api, changes: dict[str, Any], code: str) -> None:
    response = api.post(f"{OUTBOUND}/contactlists", s.contact_list(**changes))
    assert (response.status_code, code_of(response)) == (400, code)


def test_contact_lists_keep_email_and_zip_settings(api: Api) -> None:
    body = s.contact_list(
        automaticTimeZoneMapping=True,
        zipCodeColumnName="ZipCode",
        phoneColumns=[{"columnName": "CellPhone", "type": "cell"}],
        trimWhitespace=True,
    )
    created = api.create("contactlists", body)
    assert (created["automaticTimeZoneMapping"], created["zipCodeColumnName"]) == (True, "ZipCode")
    assert api.update("contactlists", created)["version"] == 2
