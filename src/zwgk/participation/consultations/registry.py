"""What 意见征集及其采纳情况 registers when the app is ready: references, notification kinds, to-dos, periodic jobs."""


def register() -> None:
    from zwgk.core import references

    from . import tasks, todos  # noqa: F401  (the periodic job registers itself)

    references.register("consultation", "portal:consultation")
    todos.register()
