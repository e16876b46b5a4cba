"""Demo data of 重大行政决策目录及其法定程序 (called by ``participation.demo.seed``)."""


def seed() -> list[str]:
    return []
