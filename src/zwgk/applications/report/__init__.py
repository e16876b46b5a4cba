"""The annual report on government information disclosure (国办公开办函〔2021〕30号 format).

``rows``: the fixed layout (parts, table B's columns and keyed rows, table C's groups); ``tables``: the tables
computed from the applications, the normative library, the office's figures and the recorded cases, and their
consistency rules; ``frozen``: the published report's snapshot and its differences from the figures counted now;
``county``: the county-wide report (全县汇总) with its per-unit drill-down; ``files``: Word and Excel (one table per
part, laid out as ``Grid`` s); ``pages``: the staff page and the published HTML, from the same grids. Callers use
this package's face (``from zwgk.applications import report as annual; annual.build(...)``).
"""

from .county import CountyReport, Unit, aggregate, breakdown, county_of, figure, label  # noqa: F401
from .files import grid_a, grid_b, grid_c, to_docx, to_xlsx  # noqa: F401
from .frozen import changed_published_years, correction_state, differences, from_snapshot, published, published_data, to_snapshot  # noqa: F401
from .pages import context, to_html  # noqa: F401
from .rows import (  # noqa: F401
    B_COLUMNS,
    B_CORNER,
    B_ROWS,
    C_GROUPS,
    C_RESULTS,
    LEGAL_COLUMNS,
    PARTS,
    REPLY_ROW,
    RESULT_KEYS,
    ROW_LABEL,
)
from .tables import (  # noqa: F401
    Report,
    TableB,
    as_json,
    build,
    carried_out_only,
    check_table_b,
    check_table_c,
    column_filter,
    find_organization,
    last_year_basis,
    may_see,
    part_six_text,
    row_filter,
    table_a,
    table_b,
    table_c,
    year_bounds,
)
