"""Demo data of 政府开放日 (called by ``participation.demo.seed``)."""


def seed() -> list[str]:
    return []
