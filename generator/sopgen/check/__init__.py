"""Checking: JSON Schema, the rules the schema cannot express, one file at a time."""
