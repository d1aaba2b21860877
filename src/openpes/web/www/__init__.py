"""View apps: one package per feature with its views, forms and urls."""
