"""API of 重大行政决策目录及其法定程序."""

from ninja import Router

router = Router(tags=["公众参与"])
