"""NICE CXone: API host discovery, the listings the reconciler reads, and the read of a whole org."""
