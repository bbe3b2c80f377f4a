"""The records of the emulated Genesys collection table (reconciler.emulator.genesys.kinds): a collection, its
references and immutable fields, schedules keyed by their owner, org singletons and read-only lookups.

Reference paths walk an API object: `a.b` is a nested field, `a[]` each item of a list, `a.*` each
value of a map. Where a path ends on an object its `id_key` field holds the id; where it ends on a
string, the string is the id.
"""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.emulator.genesys.api_data import body_model, response_model

OUTBOUND = "/api/v2/outbound"


@dataclass(frozen=True)
class Reference:
    """A body field that names another object: it must exist on write, and it blocks that object's delete."""

    path: str
    target: str  # a collection of this table, or a lookup collection when `lookup`
    not_found: str  # the 400 code when the id does not exist (SW18 codes where documented)
    lookup: bool = False
    id_key: str = "id"
    when: tuple[str, str] | None = None  # (field, value) the holder must have for the reference to count


@dataclass(frozen=True)
class Immutable:
    """A field that cannot change after create (ContactList, purecloudplatformclientv2; ForceNew in terraform-provider-genesyscloud); a PUT that changes it gets 400 `code`."""

    field: str
    code: str


@dataclass(frozen=True)
class Collection:
    kind: str  # the manifest kind (ARCHITECTURE §2)
    key: str  # the collection in EmulatorState.genesys
    path: str  # the real base path (OutboundApi, purecloudplatformclientv2)
    param: str  # the real path parameter name
    noun: str  # for messages: "The <noun> could not be found."
    not_found: str = "not.found"  # 404 code of GET/PUT/DELETE by id
    named: bool = True  # name required, unique (duplicate.name) and at most 64 characters (Platform API models, purecloudplatformclientv2)
    references: tuple[Reference, ...] = ()
    immutable: tuple[Immutable, ...] = ()
    in_use: str = "referential.integrity.error"  # 400 code of a delete that is still referenced (ErrorBody, purecloudplatformclientv2)
    delete_status: int = 200  # SW18: "200 Operation was successful." with no body
    delete_returns_body: bool = False  # DELETE campaign returns the Campaign (purecloudplatformclientv2)
    list_filters: tuple[tuple[str, str], ...] = ()  # (query parameter, path of the id or value it matches)
    bulk_id_filter: bool = (
        False  # `id` multi-valued query parameter, at most 100 (SW18 too.many.bulk.retrieves)
    )

    @property
    def item_path(self) -> str:
        return f"{self.path}/{{{self.param}}}"

    @property
    def create_definition(self) -> str:
        """The body model of POST, from the API data."""
        return body_model("POST", self.path)

    @property
    def update_definition(self) -> str:
        """The body model of PUT, from the API data."""
        return body_model("PUT", self.item_path)

    @property
    def listing(self) -> str | None:
        """The <Type>EntityListing model GET of the collection answers with."""
        return response_model("GET", self.path)


@dataclass(frozen=True)
class ScheduleCollection:
    """A schedule keyed by its owner's id: PUT creates or replaces; GET list is a bare array (CampaignSchedule,
    SequenceSchedule, purecloudplatformclientv2) or, when `paged`, an entity listing (MessagingCampaignSchedule)."""

    kind: str
    key: str
    path: str
    param: str
    owner: str  # the collection whose object the schedule belongs to
    owner_field: str  # the body field naming the owner
    not_found: str  # 404 code when the owner does not exist
    paged: bool = False  # GET of the collection answers an entity listing, not a bare array

    @property
    def owner_reference(self) -> Reference:
        return Reference(self.owner_field, self.owner, self.not_found)

    @property
    def definition(self) -> str:
        """The body model of PUT, from the API data."""
        return body_model("PUT", f"{self.path}/{{{self.param}}}")


@dataclass(frozen=True)
class Singleton:
    """An org singleton (OutboundSettings, WrapUpCodeMapping, purecloudplatformclientv2): GET, and PATCH (settings, applied later) or PUT (mappings)."""

    kind: str
    key: str
    path: str
    write_method: str  # PATCH (settings) or PUT (mappings)
    name: str
    stale_version_message: str  # SW18 409 text

    @property
    def definition(self) -> str:
        """The body model of the write, from the API data."""
        return body_model(self.write_method, self.path)


@dataclass(frozen=True)
class Lookup:
    """A read-only object the reconciler resolves by name but never manages (ARCHITECTURE §2).

    `scope` (query parameter, field, lookup): the listing requires the parameter and answers the entries whose
    `field` (a list of references) names that object of `lookup` (responses, listed per library); a seeded
    entry must name at least one.
    """

    key: str
    path: str
    scope: tuple[str, str, str] | None = None

    def scope_ids(self, entry: dict[str, object]) -> list[str]:
        """The ids of the scope objects (libraries) an entry (a response) names."""
        refs = entry.get(self.scope[1]) if self.scope else None
        if not isinstance(refs, list):
            return []
        return [str(ref["id"]) for ref in refs if isinstance(ref, dict) and "id" in ref]
