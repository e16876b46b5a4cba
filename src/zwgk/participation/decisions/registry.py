"""What 重大行政决策目录及其法定程序 registers when the app is ready: references, notification kinds, to-dos, periodic jobs."""


def register() -> None:
    return None
