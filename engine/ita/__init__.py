"""The assessment itself: each fiscal year's framework (frameworks/*.yaml), an agency's results and their
readers (YAML, JSON, CSV, XLSX, pasted ITAS text, PDF and Word), the NACC's scoring, and what each fix is worth."""
