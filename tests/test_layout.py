"""The layout says how a summary is made: packages by stage, no import cycles, a README map that matches."""

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "summarizer"


def _modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package (and the benchmarks beside it)."""
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")]
    names = {}
    for path in files:
        parts = path.relative_to(ROOT).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _imported_at_load(path: Path, known: set[str]) -> set[str]:
    """Modules of ours that `path` imports when it is loaded (imports inside functions are deferred)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in known}


def test_no_module_of_the_package_imports_one_that_imports_it_back():
    modules = _modules()
    graph = {name: _imported_at_load(path, set(modules)) - {name} for name, path in modules.items()}
    visiting, done, cycles = set(), set(), []

    def visit(name: str, trail: list[str]) -> None:
        if name in done:
            return
        if name in visiting:
            cycles.append(trail[trail.index(name):] + [name])
            return
        visiting.add(name)
        for other in graph[name]:
            visit(other, trail + [name])
        visiting.discard(name)
        done.add(name)

    for name in graph:
        visit(name, [])
    assert cycles == []


def test_benchmarks_and_evaluation_tools_stay_out_of_the_product_code():
    product = {name: path for name, path in _modules().items()
               if not name.startswith(("benchmarks", "summarizer.evaluate")) and name != "summarizer.cli"}
    for name, path in product.items():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (benchmarks|summarizer\.evaluate)\b", text, re.M), name


def test_the_readme_map_names_every_module_in_its_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| folder / module | job |"):]
    table = table[:table.index("\n\n")]
    rows = {}
    for line in table.splitlines()[2:]:
        head = line.split("|")[1]
        folder = re.match(r"\s*`?([\w/ ]+?)/?`?\s*(?:\(|—)", head)
        rows[folder[1].strip() if folder else head.strip()] = set(re.findall(r"`(\w+)`", head.split("—")[-1]))
    for path in PACKAGE.rglob("*.py"):
        if path.stem.startswith("__") or "data" in path.parts:
            continue
        folder = path.parent.name if path.parent != PACKAGE else "top level"
        assert path.stem in rows.get(folder, set()), f"{path.relative_to(ROOT)} is not in the README's map"
    for path in (ROOT / "benchmarks").glob("*.py"):
        if not path.stem.startswith("__"):
            assert path.stem in rows["benchmarks"], f"{path.relative_to(ROOT)} is not in the README's map"


def test_the_readme_names_every_module_of_the_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("`app.py` is a short page script"):]
    paragraph = paragraph[:paragraph.index("\n\n")]
    for path in (ROOT / "ui").glob("*.py"):
        if not path.stem.startswith("__"):
            assert f"`{path.stem}`" in paragraph, f"ui/{path.name} is not in the README's map"
