"""Wagtail hooks of the proposal moderation back office (imported by wagtail_hooks)."""
