"""Speech and intent models: loading, importing, training and evaluation.

This package knows nothing about the web service or the routing policy; both of
those depend on it, never the other way round.
"""
