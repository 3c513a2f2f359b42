"""Compose one job: its template context, the rendered block texts, and the laid-out panels
(fit and glyph checks). ReportLab flowables are made here; nothing is drawn or written."""
