"""Plans: what would change, in which order, computed as a pure function of desired and live state."""
