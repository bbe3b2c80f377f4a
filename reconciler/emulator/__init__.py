"""A built-in emulator of the Genesys Cloud and NICE CXone configuration APIs.

It is the `local` target and the test double: an ASGI app served by uvicorn (`reconciler emulator
serve`) or mounted in-process through httpx's ASGI transport. See docs/emulator.md.
"""
