"""Turn pydantic's errors into ``file:line: field: message`` problems."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.inputs.yaml_reader import origin_of, suggest
from generator.problems import Origin, Problem, ProblemsFound

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, fallback: Origin, context: dict[str, Any] | None = None) -> M:
    """Validate ``data`` (from :func:`read_yaml`) or raise every problem at once."""
    if data is None:
        raise ProblemsFound([Problem(fallback, "", "the file is empty; see the README for what goes in it")])
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(origin_of(data, (), fallback), "", "expected keys and values (a mapping) at the top")])
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise ProblemsFound([_problem(model, data, err, fallback) for err in exc.errors()]) from None


def field_path(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(model: type[BaseModel], data: Any, err: Any, fallback: Origin) -> Problem:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    origin = origin_of(data, loc, fallback)
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = suggest(str(loc[-1]), allowed) or f"; allowed here: {', '.join(allowed)}"
        return Problem(origin, field_path(loc), f"unknown key{hint}")
    if kind == "missing":
        return Problem(origin, field_path(loc), "required but missing; add it")
    message = err["msg"]
    if kind in ("bool_parsing", "bool_type"):  # pydantic's "valid boolean" means nothing to a coordinator
        value = err["input"]
        message = f"{repr(value) if isinstance(value, str) else value} is not true or false; write true or false"
    elif kind == "literal_error" and isinstance(err.get("input"), str):
        choices = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        message = f"'{err['input']}' is not one of {', '.join(choices)}{suggest(err['input'], choices)}"
    if kind.startswith("value_error") or kind == "assertion_error":
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return Problem(origin, field_path(loc), message)


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys a mapping at ``loc`` may have, by walking the model's annotations."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(str(part))
            if field is None:
                return []
            tp = field.annotation
        else:
            args = typing.get_args(tp)
            tp = args[-1] if args else Any
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """Optional[X] -> X, Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp
