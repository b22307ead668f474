"""framing: how news outlets frame the same event, side by side and with evidence."""

__version__ = "0.1.0"
