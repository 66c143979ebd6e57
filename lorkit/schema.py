"""The JSON Schema of the profile format, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lorkit.models import Profile
from lorkit.rules import data_dir

SCHEMA_ID = "https://lorkit.example/schema/lorkit-profile-1.json"


def profile_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "lorkit-profile, version 1",
        "description": (
            "An applicant's experiences and letter writers, as exchanged between lorkit "
            "users and advisors."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_path() -> Path:
    return data_dir() / "schema" / "profile.schema.json"


def schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"
