"""Executed notebook -> offline, deterministic HTML: a reader version without code, a full one with it.

Reader version: code is hidden unless a cell is tagged `show-input` (`remove-input`/`hide-input`
always hide it), `remove-output` drops a cell's outputs, `remove-cell` drops the cell, and the
parameter cells and stderr (warnings) are left out. The full version shows everything.
"""
from __future__ import annotations

import copy
import functools
import html
import logging
import re

import nbformat

from analysis.config import TEMPLATES_DIR

TEMPLATE_NAME = "gwr"
SHOW_INPUT_TAGS = {"show-input"}
REMOVE_INPUT_TAGS = {"remove-input", "hide-input"}
REMOVE_OUTPUT_TAGS = {"remove-output", "hide-output"}
REMOVE_CELL_TAGS = {"remove-cell", "parameters", "injected-parameters"}
# One line for the index: up to the first full stop that ends a sentence (English or Chinese).
FIRST_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？]|$)")
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
CAPTION = re.compile(r"^(Figure|Fig\.|图)\s*\d")
NO_ALT = "No description has been provided for this image"  # what nbconvert puts on a bare <img>
# Headings nbconvert renders with an id: <h2 id="Key-findings">Key findings<a class="anchor-link" ...>
RENDERED_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)(?:<a class="anchor-link".*?</a>)?</h\1>', re.S)


def _tags(cell: nbformat.NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def normalize(nb: nbformat.NotebookNode) -> None:
    """Strip what differs between two runs on the same inputs: timings, random ids, run metadata."""
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("ExecuteTime", None)
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first `# ` heading of the first markdown cell that has one."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = HEADING.search(cell.source)
            if match:
                return match.group(1).strip()
    return fallback


def notebook_summary(nb: nbformat.NotebookNode) -> str:
    """`metadata.gwr.summary` if set, else the first sentence of the first paragraph after the title."""
    summary = nb.metadata.get("gwr", {}).get("summary")
    if summary:
        return str(summary).strip()
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for paragraph in re.split(r"\n\s*\n", cell.source):
            text = paragraph.strip()
            if text and not text.startswith(("#", "|", "```", "<", "!")):
                plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links -> their text
                plain = re.sub(r"[*_`]", "", " ".join(plain.split()))
                return FIRST_SENTENCE.match(plain).group(0).strip()
    return ""


def prepare_reader(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `nb` with the cells, code and outputs a reader should not see removed."""
    reader = copy.deepcopy(nb)
    reader.cells = [cell for cell in reader.cells if not _tags(cell) & REMOVE_CELL_TAGS]
    for cell in reader.cells:
        tags = _tags(cell)
        if cell.cell_type != "code":
            continue
        if tags & REMOVE_INPUT_TAGS or not tags & SHOW_INPUT_TAGS:
            cell.metadata["transient"] = {"remove_source": True}
        if tags & REMOVE_OUTPUT_TAGS:
            cell.outputs = []
        cell.outputs = [out for out in cell.get("outputs", [])
                        if not (out.output_type == "stream" and out.name == "stderr")]
    reader.cells = [cell for cell in reader.cells
                    if cell.cell_type != "code" or cell.outputs or "remove_source" not in cell.metadata.get("transient", {})]
    return reader


def add_table_of_contents(page: str) -> str:
    """Insert a contents list of the h2/h3 headings after the page's first h1 (if there are ≥ 2)."""
    headings = RENDERED_HEADING.findall(page)
    if len(headings) < 2 or "</h1>" not in page:
        return page
    items, open_sub = [], False
    for level, anchor, text in headings:
        label = re.sub(r"<[^>]+>", "", text).strip()
        link = f'<li><a href="#{anchor}">{label}</a>'
        if level == "3" and not open_sub:
            items.append("<ul>")
            open_sub = True
        elif level == "2" and open_sub:
            items.append("</ul>")
            open_sub = False
        items.append(link + "</li>")
    if open_sub:
        items.append("</ul>")
    toc = '<nav class="gwr-toc" aria-label="Contents"><strong>Contents</strong><ul>' + "".join(items) + "</ul></nav>"
    return page.replace("</h1>", "</h1>" + toc, 1)


@functools.cache
def _exporter(reader: bool):
    """One exporter per variant and process: building one compiles the templates (~0.3 s)."""
    from nbconvert.exporters.html import HTMLExporter  # the exporter only, not all of nbconvert

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)],
        embed_images=True, exclude_input_prompt=reader, exclude_output_prompt=reader,
    )
    # nbconvert logs a warning per image without alt text; matplotlib output has none.
    exporter.log.setLevel(logging.ERROR)
    return exporter


def export_html(nb: nbformat.NotebookNode, *, variant: str, context: dict) -> str:
    """The HTML page of `nb`; `variant` is "reader" or "full"; `context` feeds the page's links and footer."""
    reader = variant == "reader"
    exporter = _exporter(reader)
    page_nb = prepare_reader(nb) if reader else copy.deepcopy(nb)
    images = _images_as_placeholders(page_nb)
    title = notebook_title(nb, context.get("notebook", ""))
    resources = {"metadata": {"name": f"{title} · {context['coverage']}" if context.get("coverage") else title},
                 "gwr": {**context, "variant": variant}}
    page, _ = exporter.from_notebook_node(page_nb, resources=resources)
    for placeholder, (data_uri, caption) in images.items():
        page = page.replace(f'src="{placeholder}"', f'src="{data_uri}"', 1)
        if caption:
            page = re.sub(rf'<img alt="{NO_ALT}"([^>]*src="{re.escape(data_uri)}")',
                          lambda m: f'<img alt="{html.escape(caption)}"{m.group(1)}', page, count=1)
    return add_table_of_contents(page) if reader else page


def _caption_after(nb: nbformat.NotebookNode, index: int, position: int) -> str:
    """The "Figure N. ..." text after output `position` of cell `index`: a later Markdown output of
    the same cell, else the next markdown cell; plain text, for the image's alt attribute."""
    later = [out.data["text/markdown"] for out in nb.cells[index].outputs[position + 1:]
             if "text/markdown" in out.get("data", {})]
    following = nb.cells[index + 1] if index + 1 < len(nb.cells) else None
    if following is not None and following.cell_type == "markdown":
        later.append(following.source)
    for text in later:
        first = re.sub(r"[*_`]", "", " ".join(re.split(r"\n\s*\n", text.strip())[0].split()))
        if CAPTION.match(first):
            return first
    return ""


def _images_as_placeholders(nb: nbformat.NotebookNode) -> dict[str, tuple[str, str]]:
    """Point PNG/JPEG outputs at placeholder file names (the `metadata.filenames` convention of
    nbconvert's ExtractOutputPreprocessor); return placeholder -> (data URI, alt text: the output's
    image metadata "alt", else the figure's caption).
    The exporter then never parses the base64 text: its HTML post-pass took ~0.4 s a page on it."""
    images = {}
    for index, cell in enumerate(nb.cells):
        for position, output in enumerate(cell.get("outputs", [])):
            for mime in ("image/png", "image/jpeg"):
                if mime in output.get("data", {}):
                    placeholder = f"gwr-image-{len(images)}.{mime.split('/')[1]}"
                    # A chart's own description (image metadata "alt", see present/show.py) before its caption.
                    alt = output.get("metadata", {}).get(mime, {}).get("alt")
                    images[placeholder] = (f"data:{mime};base64,{output.data[mime].strip()}",
                                           alt or _caption_after(nb, index, position))
                    output.setdefault("metadata", {}).setdefault("filenames", {})[mime] = placeholder
    return images
