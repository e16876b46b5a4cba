"""What 政策落实情况评价（问卷） registers when the app is ready: references, notification kinds, to-dos, periodic jobs."""


def register() -> None:
    return None
