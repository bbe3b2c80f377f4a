"""NICE CXone ACD admin kinds (developer.niceincontact.com/API/AdminAPI), one module per kind family.

Paths are relative to the versioned API root; `items` and `total` are key paths into each listing's
envelope, which differs per resource.
"""
