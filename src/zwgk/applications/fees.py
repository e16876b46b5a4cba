"""Information-processing fees (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号, in force 2021-01-01).

Free by default; when volume or frequency clearly exceeds a reasonable range the office may charge by
one method per application, never both. Amounts in whole 元.
"""

from __future__ import annotations

# Per item (按件): counted over one applicant's applications to one office in a calendar month.
ITEMS_FREE = 10  # items 1-10 free
ITEMS_FIRST_BAND_END = 30  # items 11-30: 100 元 each
ITEM_BASE_RATE = 100
ITEM_BAND = 10  # from item 31 the rate rises by 100 元 for each further band of 10 items

# Per volume (按量): per application, by pages: (first page of the tier, rate per page in 元).
PAGE_TIERS = [(1, 0), (31, 10), (101, 20), (201, 40)]


def item_rate(k: int) -> int:
    """The fee for the k-th item of the month (k >= 1)."""
    if k <= ITEMS_FREE:
        return 0
    if k <= ITEMS_FIRST_BAND_END:
        return ITEM_BASE_RATE
    bands_above = -(-(k - ITEMS_FIRST_BAND_END) // ITEM_BAND)  # 31-40 → 1, 41-50 → 2 …
    return ITEM_BASE_RATE * (1 + bands_above)


def per_item(items: int, already: int = 0) -> int:
    """Fee for `items` more items when the applicant already had `already` this month.

    >>> per_item(45)
    5500
    """
    if items < 0 or already < 0:
        raise ValueError("件数不能为负数。")
    return sum(item_rate(k) for k in range(already + 1, already + items + 1))


def per_volume(pages: int) -> int:
    """Fee for one application of `pages` pages.

    >>> per_volume(2219)
    83460
    """
    if pages < 0:
        raise ValueError("页数不能为负数。")
    total = 0
    for i, (first, rate) in enumerate(PAGE_TIERS):
        last = PAGE_TIERS[i + 1][0] - 1 if i + 1 < len(PAGE_TIERS) else pages
        if pages >= first:
            total += (min(pages, last) - first + 1) * rate
    return total
