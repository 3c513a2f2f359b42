"""The drawing engine's resources: fonts (registration, embedding, subsets), colour conversion
to CMYK, and every reach into ReportLab's private parts (:mod:`generator.engine.reportlab_compat`,
behind its version check). Above inputs (fonts come from the theme), below compose."""
