"""Checking the links in a text: which do not open (HTTP status 400 and above, or no answer)."""

from __future__ import annotations

import asyncio

import httpx

TIMEOUT = 8.0
MAX_LINKS = 100


async def _check(client: httpx.AsyncClient, url: str) -> tuple[str, str] | None:
    try:
        response = await client.head(url)
        if response.status_code in (405, 501):  # some servers refuse HEAD
            response = await client.get(url)
    except httpx.TimeoutException:
        return url, "连接超时"
    except httpx.HTTPError as exc:
        return url, f"无法连接（{type(exc).__name__}）"
    if response.status_code >= 400:
        return url, f"HTTP {response.status_code}"
    return None


async def _check_all(urls: list[str]) -> list[tuple[str, str]]:
    limits = httpx.Limits(max_connections=10)
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=True, limits=limits) as client:
        results = await asyncio.gather(*(_check(client, u) for u in urls))
    return [r for r in results if r]


def broken_links(urls: list[str]) -> list[tuple[str, str]]:
    unique = list(dict.fromkeys(u for u in urls if u.startswith(("http://", "https://"))))[:MAX_LINKS]
    if not unique:
        return []
    return asyncio.run(_check_all(unique))
