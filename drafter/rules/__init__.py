"""Built-in rule data (YAML). Data, not code: a team extends it through its config file."""
