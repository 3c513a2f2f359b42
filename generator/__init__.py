"""mensenhandel-drukwerk: print-ready leaflets, pocket cards and checklists per region."""

__version__ = "0.1.0"
