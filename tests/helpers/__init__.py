"""Helpers the tests share (conftest files keep only fixtures)."""
