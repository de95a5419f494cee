"""Versioned data files: taxonomy, lexicons, registries. Each folder says how it was made."""
