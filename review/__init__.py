"""The review web app, its pages, exports and evidence packets."""
