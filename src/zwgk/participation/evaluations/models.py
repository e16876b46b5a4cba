"""Models of 政策落实情况评价（问卷）."""

__all__: list[str] = []
