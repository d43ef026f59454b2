"""The plan: the analysis, the measures drafted from the findings, what each measure is worth, the
officer's decisions on them, and the plan file (YAML/JSON, validated against plan.schema.json)."""
