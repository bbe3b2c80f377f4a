"""The pacing models' one error: an input outside the region where a model is defined or stable."""

from __future__ import annotations

from reconciler.exceptions import ReconcilerError


class PacingInputError(ReconcilerError):
    """An input the model cannot answer for (for example N <= A for Erlang C): said plainly, never a traceback."""
