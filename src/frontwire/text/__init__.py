"""Text helpers shared by every stage: spaCy loading, the article context, name folding."""
