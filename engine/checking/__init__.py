"""itaplan check: every figure and claim of a plan's documents re-derived from its data, and a hand-made
analysis read against its own numbers."""

# what `check` reads as a document (an analysis as its reader has it), not as a plan or results
CHECKED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
