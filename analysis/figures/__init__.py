"""Stage 4, figures: rounding intervals, reconciliation and scope; one value per figure, built once."""
