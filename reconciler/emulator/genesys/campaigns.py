"""Campaign rules: status transitions, fields locked while a campaign runs, and the cross-object checks
of POST/PUT campaigns (Campaign, purecloudplatformclientv2; 2018 Swagger codes; terraform-provider-genesyscloud, genesyscloud_outbound_campaign).

Create: a campaign is created `off` (absent means `off`). The platform requires it: Terraform's docs say
"A Campaign must be turned 'off' when creating" and its PR #476 that "the Genesys API requires the
campaign to be created in an 'off' state". The real error code is not documented, so a POST asking for
any other status gets 400 `bad.request` naming campaignStatus; a client turns it on with a later PUT.
Seeds load an org as it stands, so a seeded campaign may be running (reconciler/emulator/seed.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.checks import rule_error
from reconciler.emulator.genesys.dialing import settle
from reconciler.emulator.genesys.store import objects, stop_later
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

ACTIVE = frozenset({"on", "stopping"})
LOCKED_WHILE_ACTIVE = ("contactList", "dialingMode", "phoneColumns")


def _bad_transition(current: str, requested: str) -> GenesysError:
    """The platform's refusal, as quoted in MyPureCloud/terraform-provider-genesyscloud PR #476 and issue
    #1753: "… Details: Invalid transition from <COMPLETE> to <OFF>"."""
    return GenesysError(
        400,
        "invalid.update",
        "An attempt was made to update a Campaign in an invalid way. "
        f"Details: Invalid transition from <{current.upper()}> to <{requested.upper()}>",
    )


def transition(emulator: Emulator, campaign: JsonObject, requested: str) -> str:
    """The status a campaign takes when `requested`: anything -> on, on -> stopping -> off (Campaign, purecloudplatformclientv2; terraform-provider-genesyscloud, genesyscloud_outbound_campaign).
    The dialer books what the campaign called so far (dialing.py) before the write that follows."""
    status = _next_status(emulator, campaign, requested)
    settle(emulator, campaign, status)
    return status


def _next_status(emulator: Emulator, campaign: JsonObject, requested: str) -> str:
    current = str(campaign.get("campaignStatus", "off"))
    if requested == current:
        return current
    if requested == "on":
        return "on"
    if requested == "off" and current == "stopping":
        return "stopping"
    if requested == "off" and current == "on":
        if emulator.settings.campaign_stop_seconds <= 0:
            return "off"
        stop_later(emulator, str(campaign["id"]))
        return "stopping"
    raise _bad_transition(current, requested)


def _essence(field: str, value: Any) -> Any:
    """What counts as a change of a locked field: reference ids and phone column names and types."""
    if field == "contactList":
        return value.get("id") if isinstance(value, dict) else None
    if field == "phoneColumns":
        return [(column.get("columnName"), column.get("type")) for column in value or []]
    return value


def before_write(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    _check_consistency(emulator, body)
    requested = body.get("campaignStatus")
    if current is None:
        if requested not in (None, "off"):
            raise rule_error(
                "bad.request",
                f"A campaign must be created with campaignStatus 'off', not '{requested}'; "
                "turn it on with a PUT once it exists.",
                "campaignStatus",
            )
        body["campaignStatus"] = "off"
        return
    if requested is None:
        raise GenesysError(400, "invalid.update", "The campaignStatus is required for updates.")
    if current.get("campaignStatus") in ACTIVE:
        for field in LOCKED_WHILE_ACTIVE:
            if _essence(field, body.get(field)) != _essence(field, current.get(field)):
                raise GenesysError(
                    409,
                    "invalid.update.campaign.active",
                    f"The campaign is already active: '{field}' cannot change while it runs.",
                )
    body["campaignStatus"] = transition(emulator, current, str(requested))


def before_delete(emulator: Emulator, current: JsonObject) -> None:
    """A running (or stopping) campaign cannot be deleted: turn it off first (terraform-provider-genesyscloud, genesyscloud_outbound_campaign)."""
    if current.get("campaignStatus") in ACTIVE:
        raise GenesysError(400, "campaign.in.use", "The campaign is in use.")


def _check_consistency(emulator: Emulator, body: JsonObject) -> None:
    """The SW18 400s that need other objects or ranges (x-inin-error-codes of POST/PUT campaigns)."""
    # An external campaign may have no caller name (TestAccResourceOutboundCampaignBasic of
    # MyPureCloud/terraform-provider-genesyscloud creates one without it on real orgs).
    if body.get("dialingMode") != "external" and not str(body.get("callerName", "")).strip():
        raise rule_error("missing.caller.id.name", "No caller id name supplied", "callerName")
    if not str(body.get("callerAddress", "")).strip():
        raise rule_error("missing.caller.id.address", "No caller id address supplied", "callerAddress")
    if body.get("site") and body.get("edgeGroup"):
        raise rule_error(
            "site.and.edge.group.cannot.be.configured",
            "A single campaign cannot have both a site and an edge group configured",
            "site",
        )
    priority = body.get("priority")
    if priority is not None and not 1 <= priority <= 5:
        raise rule_error("invalid.priority", "The priority must be between 1 and 5 (inclusive)", "priority")
    timeout = body.get("previewTimeOutSeconds")
    if timeout is not None and not 0 <= timeout <= 1200:
        raise rule_error(
            "invalid.campaign.preview.timeout.seconds",
            "The preview timeout seconds must be between 0 and 1200 (inclusive)",
            "previewTimeOutSeconds",
        )
    contact_list = objects(emulator, "contactlists").get(body["contactList"].get("id", ""))
    if contact_list is not None:
        _check_against_contact_list(emulator, body, contact_list)


def _check_against_contact_list(emulator: Emulator, body: JsonObject, contact_list: JsonObject) -> None:
    phone_columns = {column.get("columnName") for column in contact_list.get("phoneColumns") or []}
    if any(column.get("columnName") not in phone_columns for column in body.get("phoneColumns") or []):
        raise rule_error(
            "invalid.campaign.phone.columns", "The campaign phone columns are invalid.", "phoneColumns"
        )
    filters = body.get("contactListFilters") or []
    if len(filters) > 1:
        raise rule_error(
            "more.than.one.contact.list.filter",
            "Only one contact list filter is allowed per campaign.",
            "contactListFilters",
        )
    for ref in filters:
        list_filter = objects(emulator, "contactlistfilters").get(ref.get("id", ""), {})
        if (list_filter.get("contactList") or {}).get("id") != contact_list["id"]:
            raise rule_error(
                "contact.list.filter.does.not.match.contact.list",
                "The contact list on the contact list filter does not match the contact list on the campaign.",
                "contactListFilters",
            )
    if body.get("callableTimeSet") and contact_list.get("automaticTimeZoneMapping"):
        raise rule_error(
            "callable.time.set.conflicts.with.automatic.time.zone.mapping",
            "A callable time set cannot be included on the campaign when the campaign's contact list uses "
            "automatic time zone mapping.",
            "callableTimeSet",
        )
    columns = set(contact_list.get("columnNames") or [])
    sort_fields = [sort.get("fieldName") for sort in body.get("contactSorts") or []]
    if len(sort_fields) != len(set(sort_fields)):
        raise rule_error(
            "contact.sorts.duplicate.field.names",
            "The same column name is used in separate contact sorts entries.",
            "contactSorts",
        )
    if any(field not in columns for field in sort_fields):
        raise rule_error(
            "contact.sorts.invalid.field.name",
            "A contact sorts field name is not a valid column name in the campaign's contact list.",
            "contactSorts",
        )
