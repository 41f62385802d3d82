"""The ``guide-runner`` command line: one module per command, loaded on first use."""
