"""The ledger: storage, merging across articles, exports."""
