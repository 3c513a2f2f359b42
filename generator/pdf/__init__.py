"""Everything that touches ReportLab's PDF side: fonts and their embedding, drawing pages with
marks, preflight of the finished bytes. ReportLab's private parts are reached only from
:mod:`generator.pdf.reportlab_compat`."""
