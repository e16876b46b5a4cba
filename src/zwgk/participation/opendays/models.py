"""Models of 政府开放日."""

__all__: list[str] = []
