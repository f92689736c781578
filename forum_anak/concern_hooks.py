"""Wagtail hooks of the safeguarding-concern screens (imported by wagtail_hooks)."""
