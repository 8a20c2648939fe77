"""Small pieces the routers share: bounded ids, file metadata, the current user."""

from typing import Annotated

from ninja import Path, Schema

#: Object ids in paths (a bigger number could not be a row and must not reach the database).
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


class FileOut(Schema):
    id: int
    name: str
    size: int


def file_out(obj) -> dict:
    return {"id": obj.pk, "name": obj.original_name, "size": obj.size or 0}


def clean_text(value: str | None, limit: int = 200) -> str:
    """A search string safe for the database (no NUL, bounded)."""
    return (value or "").replace("\x00", "").strip()[:limit]


#: ``openapi_extra=`` of endpoints that answer with a file download.
FILE_OPENAPI = {
    "responses": {
        200: {
            "description": "Файл (Content-Disposition: attachment; X-Content-Type-Options: nosniff)",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}

#: A step's index in a form (0-based).
StepIndex = Annotated[int, Path(ge=0, le=1000)]
