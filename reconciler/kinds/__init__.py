"""Every managed kind's facts as data: one KindSpec per kind, one module per kind family and platform."""
