"""Demo data of 意见征集及其采纳情况 (called by ``participation.demo.seed``)."""


def seed() -> list[str]:
    return []
