"""Templates: Jinja2 skeletons of each genre, rendered in a sandbox."""
