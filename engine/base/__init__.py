"""The ground floor: YAML read with line numbers (and the parse cache), errors that carry their file and line,
files written atomically, JSON schemas, Thai digits and dates, office-file containers and the interface's language."""

from pathlib import Path

SCHEMA_DIR = Path(__file__).parent  # plan, rules and recommendations schemas (*.schema.json) live here
