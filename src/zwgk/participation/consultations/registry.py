"""What 意见征集及其采纳情况 registers when the app is ready: references, notification kinds, to-dos, periodic jobs."""


def register() -> None:
    return None
