"""Helpers that more than one buildlog plugin uses."""
