"""Layout: the report as a neutral document that every writer translates."""
