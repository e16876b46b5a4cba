"""API of 政策落实情况评价（问卷）."""

from ninja import Router

router = Router(tags=["公众参与"])
