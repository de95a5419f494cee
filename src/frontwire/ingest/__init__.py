"""frontwire.ingest."""
