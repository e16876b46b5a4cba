"""API of 意见征集及其采纳情况."""

from ninja import Router

router = Router(tags=["公众参与"])
