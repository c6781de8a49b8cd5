"""The reports' index page: every page by region and report, with its title and summary, the build time and version."""
from __future__ import annotations

from analysis.config import TEMPLATES_DIR, DataPaths
from analysis.text.sources import load_yaml

CSS_PATH = TEMPLATES_DIR / "gwr" / "static" / "report.css"


def data_coverage(paths: DataPaths) -> str:
    """Which regions and report years the raw documents cover, e.g. "枣庄市市中区 2023"."""
    covered = []
    for sidecar in sorted(paths.raw.glob("*.meta.yml")):
        meta = load_yaml(sidecar.read_text(encoding="utf-8")) or {}
        label = " ".join(str(meta[field]) for field in ("region", "report_year") if meta.get(field))
        if label and label not in covered:
            covered.append(label)
    return "; ".join(covered)


LEVEL_ORDER = ("nation", "province", "city", "district", "county")


def group_reports(reports: list[dict]) -> list[dict]:
    """Index sections: one per region (nation first, then down the levels), its reports newest first and
    its pages across years; then the panels across regions. Each: heading, rows (a heading and pages)."""
    regional = [r for r in reports if r.get("region")]
    keyed: dict[str, list[dict]] = {}
    for entry in regional:
        keyed.setdefault(entry["region"], []).append(entry)

    def rank(region: str) -> tuple:
        level = keyed[region][0].get("level", "")
        return (LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER), region)

    sections = []
    for region in sorted(keyed, key=rank):
        entries, first = keyed[region], keyed[region][0]
        years = sorted({e["report_year"] for e in entries if e.get("report_year")}, reverse=True)
        rows = [{"heading": f"{year} work report", "pages": [e for e in entries if e.get("report_year") == year]}
                for year in years]
        across = [e for e in entries if not e.get("report_year")]
        if across:
            rows.append({"heading": "Across the years", "pages": across})
        name = f"{first['region_en']} ({region})" if first.get("region_en") else region
        sections.append({"heading": name, "rows": rows})
    panels = [r for r in reports if not r.get("region")]
    if panels:
        sections.append({"heading": "Across regions and levels of government", "rows": [{"heading": "", "pages": panels}]})
    return sections


def render_index(reports: list[dict], *, built: str, version: str, data_dir_label: str, coverage: str = "",
                 note: str = "", api: str | None = None) -> str:
    """The HTML of index.html: a list of the pages by region and report, each with its reader and full
    version; `reports` holds name, title, summary, reader and full (file names). Each page lists its own
    sources, so the index names none. `note`: which reports have their own pages (a corpus's build rule);
    `api`: the API reference's index, when the build wrote one."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR / "site"), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True)
    return env.get_template("index.html.j2").render(
        reports=reports, sections=group_reports(reports), coverage=coverage, built=built, version=version,
        data_dir_label=data_dir_label, note=note, api=api, css=CSS_PATH.read_text(encoding="utf-8"))
