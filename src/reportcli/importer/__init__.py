"""Turning a published report's text into data: cleaning it with every change recorded (``clean``),
and reading its sentences, parts and sub-parts off the text itself (``structure``)."""
