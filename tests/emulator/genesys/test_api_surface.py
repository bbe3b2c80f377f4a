"""The emulator's Genesys routes against the operations of the API data (models.json, SDK 269.0.0):
every route it serves is a published operation (same method and path template), and every outbound
operation is served or listed below as not emulated, with the reason. A literal sub-path (divisionviews,
`all`) is never read as an object id."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.routing import Match, Route

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.api_data import Operation, operations, path_template, response_model
from reconciler.emulator.genesys.routes import unknown_path
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

OB = OUTBOUND
_CAMPAIGN = f"{OB}/campaigns/{{campaignId}}"
_CONTACT_LIST = f"{OB}/contactlists/{{contactListId}}"
_DNC_LIST = f"{OB}/dnclists/{{dncListId}}"


def _crud(base: str, param: str) -> tuple[str, ...]:
    item = f"{base}/{{{param}}}"
    return (f"GET {base}", f"POST {base}", f"GET {item}", f"PUT {item}", f"DELETE {item}")


def _schedule(base: str, param: str) -> tuple[str, ...]:
    item = f"{base}/{{{param}}}"
    return (f"GET {base}", f"GET {item}", f"PUT {item}", f"DELETE {item}")


# reason -> the outbound operations the emulator does not serve (answered 404 `not.found`)
NOT_EMULATED: dict[str, tuple[str, ...]] = {
    "dialing at run time: needs agents, edges, interactions and call history": (
        f"POST {_CAMPAIGN}/agentownedmappingpreview",
        f"GET {_CAMPAIGN}/agentownedmappingpreview/results",
        f"PUT {_CAMPAIGN}/agents/{{userId}}",
        f"POST {_CAMPAIGN}/callback/schedule",
        f"GET {_CAMPAIGN}/diagnostics",
        f"GET {_CAMPAIGN}/interactions",
        f"GET {_CAMPAIGN}/linedistribution",
        f"GET {_CAMPAIGN}/skillcombinations",
        f"GET {OB}/diagnostics/campaigns/{{campaignId}}/summary",
        f"POST {OB}/campaigns/performance/query",
        f"POST {OB}/conversations/{{conversationId}}/dnc",
        f"GET {OB}/events",
        f"GET {OB}/events/{{eventId}}",
    ),
    "contact rows, imports, uploads and exports: the reconciler manages list definitions, not contacts": (
        f"POST {OB}/contactlistfilters/preview",
        f"DELETE {OB}/contactlists",
        f"POST {OB}/contactlists/bulk/update",
        f"POST {OB}/contactlists/uploads",
        f"POST {_CONTACT_LIST}/clear",
        f"DELETE {_CONTACT_LIST}/contacts",
        f"POST {_CONTACT_LIST}/contacts",
        f"POST {_CONTACT_LIST}/contacts/bulk",
        f"GET {_CONTACT_LIST}/contacts/bulk/jobs",
        f"GET {_CONTACT_LIST}/contacts/bulk/jobs/{{jobId}}",
        f"POST {_CONTACT_LIST}/contacts/bulk/remove",
        f"POST {_CONTACT_LIST}/contacts/bulk/update",
        f"POST {_CONTACT_LIST}/contacts/search",
        f"DELETE {_CONTACT_LIST}/contacts/{{contactId}}",
        f"GET {_CONTACT_LIST}/contacts/{{contactId}}",
        f"PUT {_CONTACT_LIST}/contacts/{{contactId}}",
        f"GET {_CONTACT_LIST}/export",
        f"POST {_CONTACT_LIST}/export",
        f"GET {_CONTACT_LIST}/importstatus",
        f"GET {_CONTACT_LIST}/timezonemappingpreview",
        f"POST {OB}/dnclists/uploads",
        f"GET {_DNC_LIST}/importstatus",
        f"DELETE {OB}/importtemplates",
        f"POST {OB}/importtemplates/bulk/add",
        f"GET {OB}/importtemplates/{{importTemplateId}}/importstatus",
        *_crud(f"{OB}/importtemplates", "importTemplateId"),
    ),
    "bulk reads the reconciler does not use (it pages the lists)": (
        f"POST {OB}/contactlistfilters/bulk/retrieve",
    ),
    "kinds the reconciler does not manage: file specification templates, email and WhatsApp campaign "
    "schedules, and the list of every campaign type": (
        *_crud(f"{OB}/filespecificationtemplates", "fileSpecificationTemplateId"),
        f"DELETE {OB}/filespecificationtemplates/bulk",
        *_schedule(f"{OB}/schedules/emailcampaigns", "emailCampaignId"),
        *_schedule(f"{OB}/schedules/whatsappcampaigns", "whatsAppCampaignId"),
        f"GET {OB}/campaigns/all",
        f"GET {OB}/campaigns/all/divisionviews",
    ),
    "bulk writes and reads of contact list templates (the reconciler writes one object at a time)": (
        f"DELETE {OB}/contactlisttemplates",
        f"POST {OB}/contactlisttemplates/bulk/add",
        f"POST {OB}/contactlisttemplates/bulk/retrieve",
    ),
    "messaging campaign run time: division views, progress, diagnostics, start and stop (the reconciler "
    "sets campaignStatus in the body)": (
        f"GET {OB}/messagingcampaigns/divisionviews",
        f"GET {OB}/messagingcampaigns/divisionviews/{{messagingCampaignId}}",
        f"POST {OB}/messagingcampaigns/progress",
        f"GET {OB}/messagingcampaigns/{{messagingCampaignId}}/diagnostics",
        f"GET {OB}/messagingcampaigns/{{messagingCampaignId}}/progress",
        f"DELETE {OB}/messagingcampaigns/{{messagingCampaignId}}/progress",
        f"POST {OB}/messagingcampaigns/{{messagingCampaignId}}/start",
        f"POST {OB}/messagingcampaigns/{{messagingCampaignId}}/stop",
    ),
    "email, WhatsApp and custom-exclusion DNC entries: the reconciler manages phone DNC lists": (
        f"DELETE {_DNC_LIST}/customexclusioncolumns",
        f"PATCH {_DNC_LIST}/customexclusioncolumns",
        f"DELETE {_DNC_LIST}/emailaddresses",
        f"PATCH {_DNC_LIST}/emailaddresses",
        f"POST {_DNC_LIST}/emailaddresses",
        f"DELETE {_DNC_LIST}/whatsappnumbers",
        f"PATCH {_DNC_LIST}/whatsappnumbers",
    ),
}
_NOT_EMULATED = {entry for entries in NOT_EMULATED.values() for entry in entries}
_SAMPLE_ID = "3f2a61d4-0000-4000-8000-000000000000"
_ROUTES = [route for route in create_app(Emulator()).router.routes if isinstance(route, Route)]
_UNKNOWN = {route.path for route in _ROUTES if route.endpoint is unknown_path}  # 404 routes


def _key(operation: Operation) -> str:
    return f"{operation.method} {operation.path}"


def _answering(method: str, path: str) -> Route:
    """The first route that fully matches `method path`, parameters filled with an id (Starlette's order)."""
    scope = {"type": "http", "path": re.sub(r"\{[^}]+\}", _SAMPLE_ID, path), "method": method}
    return next(route for route in _ROUTES if route.matches(scope)[0] == Match.FULL)


def _serves(operation: Operation) -> bool:
    route = _answering(operation.method, operation.path)
    return route.path not in _UNKNOWN and path_template(route.path) == operation.template


def _served_genesys_routes() -> list[tuple[str, str]]:
    served = []
    for route in _ROUTES:
        if not route.path.startswith("/api/v2/") or route.path in _UNKNOWN:
            continue
        served += [(method, route.path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return served


@pytest.mark.parametrize(("method", "path"), _served_genesys_routes())
def test_every_served_route_is_a_published_operation(method: str, path: str) -> None:
    published = {(operation.method, operation.template) for operation in operations()}
    assert (method, path_template(path)) in published, f"{method} {path} is not in the API data"


def test_every_outbound_operation_is_served_or_listed_as_not_emulated() -> None:
    outbound = [operation for operation in operations() if operation.path.startswith(OUTBOUND)]
    neither = [_key(op) for op in outbound if not _serves(op) and _key(op) not in _NOT_EMULATED]
    both = [_key(op) for op in outbound if _serves(op) and _key(op) in _NOT_EMULATED]
    assert not neither, f"outbound operations neither served nor listed as not emulated: {neither}"
    assert not both, f"served, so no longer 'not emulated': {both}"
    published = {_key(op) for op in outbound}
    assert published >= _NOT_EMULATED, f"not in the API data: {sorted(_NOT_EMULATED - published)}"


def test_every_lookup_operation_of_the_data_is_served() -> None:
    others = [op for op in operations() if not op.path.startswith(OUTBOUND)]
    assert others and all(_serves(op) for op in others)


@pytest.mark.parametrize("entry", sorted(_NOT_EMULATED))
def test_a_not_emulated_operation_answers_not_found(api: Api, entry: str) -> None:
    method, path = entry.split(" ", 1)
    body = [] if method in ("POST", "PUT", "PATCH") else None
    concrete = re.sub(r"\{[^}]+\}", _SAMPLE_ID, path)
    response = api.client.request(method, concrete, headers=api.headers, json=body)
    assert (response.status_code, code_of(response)) == (404, "not.found"), response.text
    assert response.json()["message"] == "The requested resource was not found."


# --- division views (D15) ------------------------------------------------------------------------------
VIEWS = {"campaigns": "campaignId", "contactlists": "contactListId", "dnclists": "dncListId"}


@pytest.fixture
def divisioned(api: Api) -> dict[str, dict[str, Any]]:
    list_id = api.create("contactlists", s.contact_list(division=s.ref(s.DIVISION)))["id"]
    return {
        "contactlists": api.fetch("contactlists", list_id),
        "campaigns": api.create("campaigns", s.campaign(list_id, division=s.ref(s.DIVISION))),
        "dnclists": api.create("dnclists", s.dnc_list(division=s.ref(s.DIVISION))),
    }


@pytest.mark.parametrize("collection", sorted(VIEWS))
def test_division_views_are_served_not_read_as_an_id(
    api: Api, divisioned: dict[str, dict[str, Any]], collection: str
) -> None:
    made = divisioned[collection]
    view_model = response_model("GET", f"{OB}/{collection}/divisionviews/{{{VIEWS[collection]}}}")
    assert view_model is not None
    listing = api.get(f"{OB}/{collection}/divisionviews", name=made["name"])
    assert listing.status_code == 200, listing.text
    assert [entity["id"] for entity in listing.json()["entities"]] == [made["id"]]
    one = api.get(f"{OB}/{collection}/divisionviews/{made['id']}").json()
    assert one == listing.json()["entities"][0]
    assert one["division"] == {"id": s.DIVISION, "name": "Home", "selfUri": made["division"]["selfUri"]}
    assert one["name"] == made["name"]
    expected_keys = {key for key in made if key in ("id", "name", "division", "selfUri", "columnNames")}
    assert expected_keys <= set(one)
    assert "version" not in one and "dateCreated" not in one  # a view, not the object


def test_a_missing_division_view_is_the_collections_not_found(api: Api) -> None:
    response = api.get(f"{OB}/dnclists/divisionviews/{s.MISSING}")
    assert (response.status_code, code_of(response)) == (404, "dnc.list.not.found")


def test_a_not_emulated_literal_path_is_not_taken_for_a_campaign_id(api: Api) -> None:
    response = api.get(f"{OB}/campaigns/all")
    assert (response.status_code, code_of(response)) == (404, "not.found")
    assert "campaign" not in response.json()["message"]
