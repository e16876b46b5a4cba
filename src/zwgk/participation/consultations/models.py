"""Models of 意见征集及其采纳情况."""

__all__: list[str] = []
