"""Built-in export presets (YAML): gbt9704 (the standard) and speech (a read-aloud copy)."""
