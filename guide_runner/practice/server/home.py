"""home (placeholder)."""

from guide_runner.practice.server.base import Routes

routes = Routes()
