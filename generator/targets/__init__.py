"""Per-language views of the IR. Adding a language is adding a module here and its templates."""
