"""`reconciler doctor`: read-only comparison of a live target's answers with the shapes the tool expects."""
