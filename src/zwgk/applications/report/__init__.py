"""The annual report on government information disclosure (国办公开办函〔2021〕30号 format).

``rows``: the fixed layout (parts, table B's columns and keyed rows, table C's groups); ``tables``: the tables
computed from the applications, the normative library, the office's figures and the recorded cases, and their
consistency rules; ``files``: Word and Excel; ``pages``: the staff page and the published HTML. Callers use
this package's face (``from zwgk.applications import report as annual; annual.build(...)``).
"""

from .files import to_docx, to_xlsx  # noqa: F401
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
    check_table_b,
    column_filter,
    find_organization,
    may_see,
    part_six_text,
    row_filter,
    table_a,
    table_b,
    table_c,
    year_bounds,
)
