"""Stage 1, text: raw report texts and their sidecars, page-layout repair, normalised views."""
