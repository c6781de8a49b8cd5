"""Stage 6, presentation: house style, labels, charts, findings, citations and overview tables."""
