"""National occupation classifications in the web application, reached through ISCO-08.

The crosswalks are imported with ``openpes taxonomy crosswalk import FILE --scheme NAME``
and kept by the core under ``$OPENPES_VAR_DIR/taxonomy/crosswalks/``; this app reads them
(``selectors``) and records the ESCO occupation a counsellor chose from a national code
(``services``). It has no tables of its own.
"""
