"""The consultation log domain: records, agent actions, reviews, search and stats."""
