"""Server behaviour per practice host: which page to render, what to remember, where to go."""
