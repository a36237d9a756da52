"""camra.schemas: fields, validation and Chinese labels per content type (no persistence)."""
from .registry import SCHEMAS, validate  # noqa: F401
