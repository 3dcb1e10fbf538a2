"""Facts read off a report's own text by rules (no table typed in): the annual targets (``targets``)."""
