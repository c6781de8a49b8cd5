"""Stage 2, extraction: numerals, units, report structure, subjects and the facts of a text."""
