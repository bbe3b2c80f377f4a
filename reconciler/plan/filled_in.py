"""Nested fields the platform fills in or keeps when a declared object leaves them out: never removals.

A declared object below the top level is compared whole (reconciler.diff): a key the manifest drops
from it is planned as a removal and left out of the write. The exceptions are listed here, per kind,
as diff paths without indexes; a path covers everything below it:

- Genesys outbound settings are written by PATCH (PATCH /api/v2/outbound/settings, Platform API), which
  changes only the keys it carries: every nested key left out keeps its live value.
- A CXone skill's dialer parameter blocks are each written by their own PUT
  (/skills/{id}/parameters/general-settings, retry-settings, schedule-settings, time-zones,
  cpa-management, delivery-preferences; CXone Admin API), and every read returns the whole block with the
  platform's values: a block is managed key by key, as apply overlays it (reconciler.apply.cxone_bodies).
- Mappings keyed by a name (a response set's `responses` by disposition, the wrap-up `mapping` by
  code, attempt limits' `recall_entries` by call result) are written by overlaying them key by key
  (reconciler.apply.overlay), so a key left out keeps its live value: each key is managed once declared.
- Genesys answers with a contact sort's `direction` and `numeric`, a phone column's `type` and a
  campaign's dynamic line balancing `relativeWeight` when a write left them out: optional fields of
  ContactSort, ContactPhoneNumberColumn and DynamicLineBalancingSettings (purecloudplatformclientv2
  269.0.0) that the platform sets itself (the scenario tests/fixtures/plans/server-extras.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping

from reconciler.kinds.cxone.skill import PARAMETER_BLOCK_FIELDS
from reconciler.platform import Platform

FILLED_IN: Mapping[tuple[str, str], frozenset[str]] = {
    (Platform.GENESYS, "OutboundSettings"): frozenset(
        {"automatic_time_zone_mapping"},
    ),
    (Platform.GENESYS, "Campaign"): frozenset(
        {
            "contact_sorts.direction",
            "contact_sorts.numeric",
            "phone_columns.type",
            "dynamic_line_balancing_settings.relative_weight",
        }
    ),
    (Platform.GENESYS, "CallAnalysisResponseSet"): frozenset({"responses"}),
    (Platform.GENESYS, "WrapUpCodeMappings"): frozenset({"mapping"}),
    (Platform.GENESYS, "AttemptLimits"): frozenset({"recall_entries"}),
    (Platform.CXONE, "Skill"): PARAMETER_BLOCK_FIELDS,
}
"""(platform, kind) -> nested paths whose undeclared keys are not removals."""


def filled_in(platform: str, kind: str) -> frozenset[str]:
    """The nested paths of `kind` whose undeclared keys the platform fills in or keeps."""
    return FILLED_IN.get((platform, kind), frozenset())
