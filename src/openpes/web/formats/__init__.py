"""Date and number formats that differ from Django's defaults (``FORMAT_MODULE_PATH``).

English is written for a European audience: ``26 Apr 2026``, never the US ``04/26/2026``.
The other nine languages keep Django's own locale formats, which match CLDR (and so Babel,
which the core's reports use): ``1. joulukuuta 2026`` and ``12 345,5`` in Finnish,
``2026. gada 1. decembris`` in Latvian, ``01 Aralık 2026`` and ``12.345,5`` in Turkish,
``2026년 12월 1일`` in Korean. ``tests/web/test_locale_formats.py`` checks them; add a module
here only to differ from Django for a language.
"""
