"""Hostile inputs and faults (issue #12): each test asserts the exit code, the message, no traceback, no secret."""
