"""Stage 5, analyses: growth, fiscal and target functions over the figures; pure, no display."""
