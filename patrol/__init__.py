"""The `patrol` command line: thin wrappers over crawler, classifier and storage."""
