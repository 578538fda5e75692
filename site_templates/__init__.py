"""Default page templates and assets of the published site (installed as ``sopgen.site_templates``).

A body overrides any of these files by putting a file of the same name in its own template
folder (plugin option ``template_dir``).
"""
