"""Whole runs: the session (the one place a workspace and its settings are resolved), the workspace
itself (itaplan init), batch over many agencies, and what a rule change does to every plan (rules diff)."""
