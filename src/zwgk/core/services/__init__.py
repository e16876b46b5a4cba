"""Core service functions: the only way core state changes (see ``zwgk.core.audit``)."""
