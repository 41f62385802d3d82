"""The guide format's JSON Schema, for editors (docs/guide.schema.json is kept equal by a test)."""

from __future__ import annotations

from typing import Any

from guide_runner.guide.model import Guide

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def guide_json_schema() -> dict[str, Any]:
    schema = Guide.model_json_schema()
    return {"$schema": SCHEMA_URL, "title": "guide-runner guide", **schema}
