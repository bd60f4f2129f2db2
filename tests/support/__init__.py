"""Helpers shared by the test suites (rendering tools, synthetic fonts)."""
