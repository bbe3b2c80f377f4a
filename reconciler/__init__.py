"""Outbound dialing configuration as code for Genesys Cloud and NICE CXone."""

__version__ = "0.1.0"
