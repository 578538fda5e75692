"""Rendering a validated `Sop` into the pieces of its published page.

- `page.render_sop_page(sop, PageContext(...))`: the page Markdown (identity block, procedure
  table with the swimlane flowchart, diagram, simulation slot, source line).
- `diagram.diagram_dot` / `render_svg` / `inline_svg`: the Graphviz Diagram Alir.
- `assets.asset_files()`: the CSS/JS files the site needs.
"""
