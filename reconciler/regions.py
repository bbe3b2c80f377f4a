"""Genesys Cloud regions and their API domains (developer.genesys.cloud/platform/api/; the region host tables of purecloudplatformclientv2)."""

from __future__ import annotations

GENESYS_REGIONS: dict[str, str] = {
    "us-east-1": "mypurecloud.com",
    "us-east-2": "use2.us-gov-pure.cloud",
    "us-west-2": "usw2.pure.cloud",
    "ca-central-1": "cac1.pure.cloud",
    "sa-east-1": "sae1.pure.cloud",
    "mx-central-1": "mxc1.pure.cloud",
    "eu-west-1": "mypurecloud.ie",
    "eu-west-2": "euw2.pure.cloud",
    "eu-central-1": "mypurecloud.de",
    "eu-central-2": "euc2.pure.cloud",
    "eusc-de-east-1": "edee1.eusc-pure.cloud",
    "ap-south-1": "aps1.pure.cloud",
    "ap-northeast-1": "mypurecloud.jp",
    "ap-northeast-2": "apne2.pure.cloud",
    "ap-northeast-3": "apne3.pure.cloud",
    "ap-southeast-1": "apse1.pure.cloud",
    "ap-southeast-2": "mypurecloud.com.au",
    "me-central-1": "mec1.pure.cloud",
}


def genesys_api_url(region: str) -> str:
    return f"https://api.{GENESYS_REGIONS[region]}"


def genesys_auth_url(region: str) -> str:
    """The login host serves /oauth/token: the API host with api. replaced by login."""
    return f"https://login.{GENESYS_REGIONS[region]}"


CXONE_ISSUERS: dict[str, str] = {
    "global": "https://cxone.niceincontact.com",
    "gov": "https://cxone-gov.niceincontact.com",
}
