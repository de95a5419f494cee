"""Claims: attribution, stance, propositions, contradictions."""
