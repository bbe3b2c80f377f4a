"""Manifests: loading YAML, typing documents into models, and their references."""
