"""Drawing composed pages into PDF bytes: page boxes, marks, PDF/X, preflight of the finished file."""
