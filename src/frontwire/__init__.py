"""frontwire: conflict reporting in, a ledger of sourced, geocoded events and claims out."""

__version__ = "0.1.0"
