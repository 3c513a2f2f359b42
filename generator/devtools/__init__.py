"""For the developers: ``drukwerk bench`` and its plain-ReportLab floor."""
