"""Demo data of 政策落实情况评价（问卷） (called by ``participation.demo.seed``)."""


def seed() -> list[str]:
    return []
