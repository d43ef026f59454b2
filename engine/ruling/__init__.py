"""The rules: rule files and their conditions, the facts asserted per agency, the findings, the two
evaluators (pure Python and durable_rules), why a rule did or did not fire, and the rule files' own tests."""
