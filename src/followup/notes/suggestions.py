"""Unknown keys: find them, suggest the closest known key, and drop them.

The model is strict, the loader is forgiving: a key the model does not know
(``sucess_criteria``) becomes a *warning* that names it and suggests the closest
known key, and is removed so the notes still load. ``[private]`` takes any keys
and is never inspected.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from followup.errors import Problem
from followup.notes.positions import join

FREE_FORM = {"private"}


def closest(key: str, known: list[str]) -> str | None:
    """The known key closest to ``key``, if any is close enough."""
    matches = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = {name.lower(): name for name in known}
    return lowered.get(key.lower().replace("-", "_").replace(" ", "_"))


def _unwrap(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(model class, is a list of it) for an annotation like ``list[Match]`` or ``Territory | None``."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                model, is_list = _unwrap(arg)
                if model is not None:
                    return model, is_list
        return None, False
    if origin is list:
        args = get_args(annotation)
        if args:
            model, _ = _unwrap(args[0])
            return model, model is not None
        return None, False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _all_key_paths(model: type[BaseModel], prefix: str = "") -> dict[str, str]:
    """Every known key anywhere in the model: key name -> its dotted path (first one wins)."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        out.setdefault(name, path)
        sub, _ = _unwrap(info.annotation)
        if sub is not None and name not in FREE_FORM:
            for key, sub_path in _all_key_paths(sub, path).items():
                out.setdefault(key, sub_path)
    return out


def remove_unknown_keys(
    data: dict[str, Any],
    model: type[BaseModel],
    *,
    file: Path | None,
    line_of: Callable[[str], int | None],
    prefix: str = "",
    root: type[BaseModel] | None = None,
) -> list[Problem]:
    """Drop keys ``model`` does not know from ``data`` (in place), returning one warning per key."""
    root = root or model
    warnings: list[Problem] = []
    known = list(model.model_fields)
    for key in list(data):
        path = join(prefix, key)
        if key not in model.model_fields:
            suggestion = closest(key, known)
            hint = f"did you mean {suggestion}?" if suggestion else None
            if hint is None:
                elsewhere = _all_key_paths(root).get(key)
                if elsewhere is None:
                    near = closest(key, list(_all_key_paths(root)))
                    elsewhere = _all_key_paths(root).get(near) if near else None
                if elsewhere:
                    hint = f"did you mean {elsewhere}?"
            where = "at the top level" if not prefix else f"in [{prefix}]"
            warnings.append(Problem(
                f"unknown key {key!r} {where} is ignored",
                file=file, line=line_of(path), key_path=path, severity="warning", hint=hint,
            ))
            del data[key]
            continue
        if key in FREE_FORM and not prefix:
            continue
        sub, is_list = _unwrap(model.model_fields[key].annotation)
        if sub is None:
            continue
        value = data[key]
        if is_list and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    warnings += remove_unknown_keys(item, sub, file=file, line_of=line_of,
                                                    prefix=join(path, index), root=root)
        elif not is_list and isinstance(value, dict):
            warnings += remove_unknown_keys(value, sub, file=file, line_of=line_of, prefix=path, root=root)
    return warnings
