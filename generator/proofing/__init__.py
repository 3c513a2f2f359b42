"""Looking at the result: PNG previews with guides, the proof page, ``drukwerk watch``."""
