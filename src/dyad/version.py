"""The package version, in layer 1 so any module may stamp it without importing the root."""

__version__ = "0.1.0"
