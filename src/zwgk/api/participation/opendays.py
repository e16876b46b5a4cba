"""API of 政府开放日."""

from ninja import Router

router = Router(tags=["公众参与"])
