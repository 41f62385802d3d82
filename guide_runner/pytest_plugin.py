"""pytest plugin: one test per guide x language x step (being built)."""
