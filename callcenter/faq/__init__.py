"""The FAQ knowledge base as the service keeps it: rows, embeddings, the live index."""
