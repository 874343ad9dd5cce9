"""Each page stays under ~100 KB before data: its HTML plus the stylesheet plus every module it imports, followed transitively."""
import re
from pathlib import Path

import pytest

PUBLIC = Path(__file__).resolve().parents[2] / "Public"
LIMIT = 100 * 1024
# Every page in Public, so a new one is weighed and checked against the CSP without being listed here.
PAGES = sorted(path.name for path in PUBLIC.glob("*.html"))
IMPORT = re.compile(r"""^\s*import\s[^'"]*["'](\./[^"']+)["']""", re.MULTILINE)


def module_graph(entry: Path):
    seen, todo = set(), [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += [(path.parent / match).resolve() for match in IMPORT.findall(path.read_text())]
    return seen


@pytest.mark.parametrize("page", PAGES)
def test_page_weight_before_data(page):
    html = PUBLIC / page
    text = html.read_text()
    scripts = re.findall(r'<script type="module" src="/([^"]+)"', text)
    styles = re.findall(r'<link rel="stylesheet" href="/([^"]+)"', text)
    assert styles, f"{page} must load the stylesheet"
    assert len(scripts) <= 1, f"{page} loads at most one module script (the server's 404 page needs none)"
    files = {html} | {(PUBLIC / s).resolve() for s in styles}
    for script in scripts:
        files |= module_graph((PUBLIC / script).resolve())
    total = sum(path.stat().st_size for path in files)
    assert total < LIMIT, f"{page} weighs {total} bytes before data"


@pytest.mark.parametrize("page", PAGES)
def test_pages_fit_the_strict_csp(page):
    text = (PUBLIC / page).read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline scripts are blocked by script-src 'self'"
    assert " style=" not in text and "<style" not in text, "inline styles are blocked by style-src 'self'"
    assert not re.search(r"\son[a-z]+=", text), "inline event handlers are blocked by the CSP"
    assert "http://" not in text and "https://" not in text, "nothing may come from another origin"


def test_scripts_never_insert_html_or_evaluate_strings():
    for path in (PUBLIC / "js").glob("*.js"):
        source = path.read_text()
        for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", ".style.cssText", 'setAttribute("style"'):
            assert banned not in source, f"{path.name} uses {banned}"
