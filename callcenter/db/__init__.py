"""The consultation log: ORM tables and the async engine."""
