"""Outputs of a Resultaat: JSON, terminal tables (and later Excel and charts).

Nothing here computes: every number comes from the Resultaat.
"""
