"""The cohort pages."""
