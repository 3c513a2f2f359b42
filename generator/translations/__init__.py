"""``drukwerk translations``: the state of every translated string, XLIFF for translators' own
tools, and the provenance sidecars (inputs/provenance.py) kept current.

- :mod:`.records`: mark keys translated or reviewed; write the sidecar.
- :mod:`.status`: the table per language.
- :mod:`.placement`: where each key is printed, and the room its tightest panel leaves.
- :mod:`.xliff`: export and import (XLIFF 1.2).
- :mod:`.writer`: translations written into packs and region files, comments kept.
"""
