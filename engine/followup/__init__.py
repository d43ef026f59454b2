"""During the year and after it: progress on the measures (and the tracking sheet), the report on them,
and import of last year's hand-made measures table."""
