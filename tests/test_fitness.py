"""Fitness functions: rules of the architecture checked over the source, so a later change cannot quietly break them."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "zwgk"

# Code that shows documents to the public: every query of Document there starts with Document.objects.public().
PUBLIC_CODE = [SRC / "portal", SRC / "api", SRC / "publishing" / "search_items.py"]
# Relations that reach documents from another object (Organization.documents, Document.interpretations/policies).
DOCUMENT_RELATIONS = {"documents", "interpretations", "policies"}
# Deliberate exceptions: (file relative to src/zwgk, line text) -> reason. Empty: there is none today.
ALLOWED: dict[tuple[str, str], str] = {}


def _files() -> list[Path]:
    out = []
    for root in PUBLIC_CODE:
        out += sorted(root.rglob("*.py")) if root.is_dir() else [root]
    return out


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _annotations(tree: ast.AST) -> set[ast.AST]:
    """Nodes inside type annotations (``doc: Document``), which query nothing."""
    roots = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            roots += [a.annotation for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs) if a.annotation]
            roots += [a.annotation for a in (node.args.vararg, node.args.kwarg) if a and a.annotation]
            roots += [node.returns] if node.returns else []
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {n for root in roots for n in ast.walk(root)}


def _followed_by_public(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """``node.public(...)``: the attribute ``public`` of ``node``, called."""
    attr = parents.get(node)
    return isinstance(attr, ast.Attribute) and attr.attr == "public" and isinstance(parents.get(attr), ast.Call)


def violations(path: Path) -> list[str]:
    source = path.read_text()
    tree = ast.parse(source)
    parents, annotations, lines = _parents(tree), _annotations(tree), source.splitlines()
    names = {"Document"} | {
        a.asname for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names if a.name == "Document" and a.asname
    }
    found: list[tuple[int, str]] = []

    def flag(node: ast.AST, why: str) -> None:
        line = lines[node.lineno - 1].strip()
        if (str(path.relative_to(SRC)), line) not in ALLOWED:
            found.append((node.lineno, f"{path.relative_to(SRC)}:{node.lineno}: {why}: {line}"))

    for node in ast.walk(tree):
        if node in annotations:
            continue
        is_document = (isinstance(node, ast.Name) and node.id in names) or (isinstance(node, ast.Attribute) and node.attr == "Document")
        if is_document:
            manager = parents.get(node)
            if isinstance(manager, ast.Attribute) and manager.attr == "objects" and _followed_by_public(manager, parents):
                continue
            flag(node, "Document used without Document.objects.public()")
        elif isinstance(node, ast.Attribute) and node.attr in DOCUMENT_RELATIONS and not _followed_by_public(node, parents):
            flag(node, f".{node.attr} used without .public()")
        elif isinstance(node, ast.keyword) and node.arg and node.arg.split("__")[0] in DOCUMENT_RELATIONS:
            flag(node.value, f"lookup {node.arg} reaches documents without .public()")
    return [text for _, text in sorted(found)]


def test_public_code_queries_documents_only_through_public():
    """The portal, the API, the feeds, the sitemaps and the search provider ask Document.objects.public() and
    nothing else, so an item published as 依申请公开 or 不予公开 cannot reach the public by a forgotten filter."""
    files = _files()
    assert any(f.name == "views.py" and f.parent.name == "api" for f in files)
    found = [v for f in files for v in violations(f)]
    assert found == [], "\n".join(found)


def test_the_check_catches_what_it_is_for(tmp_path, monkeypatch):
    """Each kind of bypass is reported (the check itself can fail)."""
    monkeypatch.setattr("tests.test_fitness.SRC", tmp_path)
    sample = tmp_path / "views.py"
    sample.write_text(
        "from zwgk.publishing.models import Document as D\n"
        "from django.shortcuts import get_object_or_404\n"
        "def a(doc: D) -> D:\n"
        "    x = D.objects.filter(status='published')\n"
        "    y = get_object_or_404(D, pk=1)\n"
        "    z = doc.interpretations.all()\n"
        "    w = Organization.objects.filter(documents__status='published')\n"
        "    ok = D.objects.public().filter(pk=1), doc.policies.public()\n"
        "    m = D.objects\n"
    )
    found = violations(sample)
    assert [v.split(":")[1] for v in found] == ["4", "5", "6", "7", "9"], found


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_module(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = here.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def test_no_private_name_is_imported_from_another_module():
    """A module's ``_names`` are its own: another module (even in the same app) uses its public face."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        here = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.module == "__future__":
                continue
            source = _imported_module(node, here, path.name == "__init__.py")
            if not source.startswith("zwgk") or source == here:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno} imports {alias.name} from {source}")
    assert offenders == [], "\n".join(offenders)


# Private attributes set on another object, with the reason each is allowed.
PRIVATE_ATTRIBUTES_SET: dict[tuple[str, str], str] = {
    ("search/index.py", "_zwgk_index_changed_in"): "the index's own mark on a database connection, read in that module",
    ("core/services/accounts.py", "_role_cache"): "core's own role cache on core's User, refreshed by the service that changes roles",
    ("core/middleware.py", "_mutable"): "Django's QueryDict locked again after cleaning its values",
    ("core/exports.py", "_blob"): "python-docx gives the font table no part class of its own and its generic Part no setter",
}


def test_no_private_attribute_is_set_on_another_object():
    """``obj._name = …`` on anything but ``self`` reaches into another object's internals (a model's cache set by a
    service): the object offers a method for it (``Document.remember_latest``)."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        rel = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else []
            for target in targets:
                if not isinstance(target, ast.Attribute) or not target.attr.startswith("_") or target.attr.startswith("__"):
                    continue
                if isinstance(target.value, ast.Name) and target.value.id in ("self", "cls"):
                    continue
                if (rel, target.attr) not in PRIVATE_ATTRIBUTES_SET:
                    offenders.append(f"{rel}:{node.lineno} sets {ast.unparse(target)}")
    assert offenders == [], "\n".join(offenders)
