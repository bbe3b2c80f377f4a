"""Providers: talking to Genesys Cloud and NICE CXone (or the emulator) over an injected httpx client."""
