"""The ACLED event coder: taxonomy, triggers, actors, casualties."""
