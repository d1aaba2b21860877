"""Date and number formats that differ from Django's defaults (``FORMAT_MODULE_PATH``).

English is written for a European audience: ``26 Apr 2026``, never the US ``04/26/2026``.
The other languages keep their locale's own formats.
"""
