"""camra.schemas: fields, validation and Chinese labels per content type (no persistence)."""
from .validation import ValidationError, validate  # noqa: F401
