"""Geoparsing: gazetteer, toponym finder, resolver."""
