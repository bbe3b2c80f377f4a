"""State: live objects read from a platform and their essences (manifest-shaped, comparable)."""
