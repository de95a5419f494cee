"""The analyst's workbench: the ledger on a map and a timeline, served by `frontwire serve`."""
