"""One adapter per platform: how to read, identify, look up, write and check objects of that platform."""
