"""Notifications: one mechanism for every module (in-app, e-mail through the task queue, the daily digest)."""
