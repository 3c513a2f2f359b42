"""The accessible web edition: one HTML page per region and language, from the PDFs' sources."""
