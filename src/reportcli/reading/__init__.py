"""The reading commands' cores, one module each: show, themes, figures, reports, targets, about, cite,
validate. Each takes the corpus and the options as typed and returns a ``Result``."""
