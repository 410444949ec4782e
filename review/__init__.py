"""The review web app in Bahasa Indonesia: its pages, exports and evidence packets."""
