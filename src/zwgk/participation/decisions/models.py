"""Models of 重大行政决策目录及其法定程序."""

__all__: list[str] = []
