"""The lenses: one module each, every finding kept with the spans of cleaned text it came from."""
