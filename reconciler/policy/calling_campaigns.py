"""The Genesys campaigns the calling rules bind: voice campaigns and SMS messaging campaigns.

A text message is a call under the TCPA: the FCC's 2003 TCPA Report and Order (FCC 03-153, paragraph
165) and Campbell-Ewald Co. v. Gomez, 577 U.S. 153 (2016); so 47 CFR 64.1200(c)(1) (calling hours) and
(c)(2) (do-not-call) apply to an SMS campaign as to a voice one. Of the state rules in
reconciler/policy/data/jurisdictions.yaml, Florida (Fla. Stat. 501.059: a "telephonic sales call" includes
a text message), Oklahoma (Okla. Stat. tit. 15 §775C.2, the same definition) and Maryland (Com. Law
§14-4501: a telephone solicitation includes a text message) name text messages; for the others the
window is applied to texts as well, the cautious reading ([verify] with each statute).

Email campaigns are not calls: none of these rules (calling hours, telephone do-not-call, callable time
zones) applies to them; CAN-SPAM (15 U.S.C. 7704) asks for an opt-out in each message instead, which is
content, not configuration.
"""

from __future__ import annotations

from collections.abc import Iterator

from reconciler.kinds.registry import calling_kinds
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext


def calling_campaigns(context: CheckContext) -> Iterator[Resource]:
    """Every declared Genesys object that calls people (KindSpec.calls): voice campaigns, SMS campaigns."""
    for kind, when in calling_kinds(Platform.GENESYS):
        for campaign in context.resources(Platform.GENESYS, kind):
            if when is None or getattr(campaign.document.spec, when, None) is not None:
                yield campaign


def noun(campaign: Resource) -> str:
    """How a message names the campaign: `Campaign` or `SMS campaign`."""
    return "SMS campaign" if campaign.kind == "MessagingCampaign" else "Campaign"
