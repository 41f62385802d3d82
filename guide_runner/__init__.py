"""guide-runner: step-by-step guidance on real web pages, and checks that guides match them."""

__version__ = "0.1.0"
