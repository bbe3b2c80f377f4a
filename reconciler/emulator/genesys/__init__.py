"""The emulated genesys APIs."""
