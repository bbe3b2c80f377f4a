"""The compliance monitor: measured abandonment per campaign and window, against the caps."""
