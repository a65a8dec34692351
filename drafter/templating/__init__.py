"""Templates: Jinja2 skeletons of each genre, with metadata, rendered in a sandbox.

`load_templates(template_layers())` finds them; `resolve_values` and `render` turn one into a
draft whose every missing fact is a `**` that `drafter check` will find."""

from drafter.templating.loader import TemplateLayer, load_templates, read_template, template_layers
from drafter.templating.model import SectionSpec, Template, Variable
from drafter.templating.render import coerce, render, resolve_values

__all__ = [
    "SectionSpec",
    "Template",
    "TemplateLayer",
    "Variable",
    "coerce",
    "load_templates",
    "read_template",
    "render",
    "resolve_values",
    "template_layers",
]
