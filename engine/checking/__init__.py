"""itaplan check: every figure and claim of a plan's documents re-derived from its data, and a hand-made
analysis read against its own numbers."""
