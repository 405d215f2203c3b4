"""Search backends for modelsearch (Wagtail's search). ``search.backends.whoosh`` is the default."""
