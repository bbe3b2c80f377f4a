"""The emulated cxone APIs."""
