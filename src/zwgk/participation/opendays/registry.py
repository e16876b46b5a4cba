"""What 政府开放日 registers when the app is ready: references, notification kinds, to-dos, periodic jobs."""


def register() -> None:
    return None
