"""Declarations: the sources, indicators and targets of the dashboard, held once as data."""
