def load(stdout):
    """Filled in below."""
