"""Stage 3, staging: the validated indicator table (schema, span checks, corrections, hand-entered rows)."""
