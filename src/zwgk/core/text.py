"""The one text normalizer: what people and imports hand the platform is made clean before it is checked or stored.

``clean`` removes the C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F) except tab and newline,
turns CR LF and lone CR into LF, and composes the text to Unicode NFC (so that 全 typed two ways compares
equal). It is applied

- to every text value a browser sends, by ``zwgk.core.middleware.CleanTextMiddleware`` (request data at the
  boundary, so every form of every app, the admin's and any view that reads ``request.POST`` directly, get
  clean text without opting in);
- explicitly by services that take text from elsewhere (the imports of management commands, the work-plan
  file import, the intake services);
- to every text field of every zwgk model just before it is saved (``install_text_guard``), so that no path
  can store an unclean string. Queryset ``update()`` and raw SQL bypass it, which is why the writers in
  ``zwgk.core.exports`` are still safe against any stored string.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import models

# C0 without \t (09) and \n (0A); \r (0D) is handled first (line endings); DEL and C1.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: str) -> str:
    """The text without control characters (tab and newline kept), with LF line endings, in NFC."""
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", CONTROLS.sub("", value))


def clean_values(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a mapping with every string value cleaned (others unchanged)."""
    return {k: clean(v) if isinstance(v, str) else v for k, v in data.items()}


def _clean_instance(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    for f in sender._meta.concrete_fields:
        if isinstance(f, (models.CharField, models.TextField)):
            value = getattr(instance, f.attname)
            if isinstance(value, str) and value:
                cleaned = clean(value)
                if cleaned != value:
                    setattr(instance, f.attname, cleaned)


def install_text_guard(model_classes: list[type[models.Model]]) -> None:
    """Clean the text fields of these models on every save (the model-level guarantee)."""
    from django.db.models.signals import pre_save

    for model in model_classes:
        pre_save.connect(_clean_instance, sender=model, dispatch_uid=f"zwgk_clean_text_{model._meta.label}")
