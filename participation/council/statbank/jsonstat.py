"""JSON-stat as api.statbank.dk and PxWeb write it: ``read_jsonstat`` and
``jsonstat_text``."""

from __future__ import annotations

import json
import math

from participation.council.statbank.errors import EXPECTED, _Problems
from participation.council.statbank.limits import MAX_CELLS, MAX_DIMENSIONS
from participation.council.statbank.table import (
    _BOM,
    Dimension,
    StatbankTable,
    _cell_name,
    _check_dimensions,
    _cube_frame,
    _line_of,
    _no_nul,
    _ordered,
    _sizes,
    _too_big,
)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _float(value: object) -> float | None:
    """A finite float from a JSON number; None for anything else."""
    if not _is_number(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _jsonstat_dataset(doc: object, problems: _Problems):
    """(dataset, its id list, size list, role, dimension object, path
    prefix) of a JSON-stat 2.0 dataset, or of the one dataset of a 1.0
    bundle such as api.statbank.dk's JSONSTAT ({"dataset": {...}}, the ids,
    sizes and roles inside "dimension"). None after adding the problem."""
    if not isinstance(doc, dict):
        problems.add("json_not_dataset")
        return None
    if doc.get("class") == "dataset" or ("id" in doc and "dimension" in doc):
        return doc, doc.get("id"), doc.get("size"), doc.get("role"), "", "2.0"
    if "class" in doc:
        problems.add("json_not_dataset")
        return None
    bundled = [
        (name, value)
        for name, value in doc.items()
        if isinstance(value, dict) and isinstance(value.get("dimension"), dict)
    ]
    if len(bundled) != 1:
        if bundled:
            names = ", ".join(name for name, _value in bundled[:5])
            problems.add("json_several", count=len(bundled), value=names)
        else:
            problems.add("json_not_dataset")
        return None
    name, dataset = bundled[0]
    dims = dataset["dimension"]
    return (
        dataset,
        dims.get("id"),
        dims.get("size"),
        dims.get("role"),
        f"{name}.",
        "1.0",
    )


def _shown(item: object) -> str:
    """A JSON value as a problem quotes it: short, and without walking into
    a nested list or object."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, list):
        return "[…]"
    if isinstance(item, dict):
        return "{…}"
    return str(item)[:40]


def _json_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _jsonstat_dimension(
    dimension_id: str, body: object, size: int, prefix: str, problems: _Problems
) -> Dimension | None:
    path = f"{prefix}dimension.{dimension_id}"
    if not isinstance(body, dict):
        if body is None:
            problems.add("json_missing", "json", path=path)
        else:
            problems.add("json_type", "json", path=path, expected=EXPECTED["object"])
        return None
    category = body.get("category")
    if not isinstance(category, dict):
        problems.add(
            "json_type", "json", path=f"{path}.category", expected=EXPECTED["object"]
        )
        return None
    index = category.get("index")
    names = category.get("label")
    if names is not None and not (
        isinstance(names, dict) and all(isinstance(v, str) for v in names.values())
    ):
        problems.add(
            "json_type",
            "json",
            path=f"{path}.category.label",
            expected=EXPECTED["object"],
        )
        return None
    names = names or {}
    if isinstance(index, list):
        if not all(isinstance(code, str) for code in index):
            problems.add(
                "json_type",
                "json",
                path=f"{path}.category.index",
                expected=EXPECTED["texts"],
            )
            return None
        codes = list(index)
    elif isinstance(index, dict):
        positions = list(index.values())
        if sorted(p if _is_number(p) else -1 for p in positions) != list(
            range(len(positions))
        ):
            problems.add(
                "json_index",
                "json",
                path=f"{path}.category.index",
                last=len(positions) - 1,
            )
            return None
        codes = sorted(index, key=index.__getitem__)
    elif index is None and names:
        codes = list(names)  # JSON keeps the order; JSON-stat allows it for one
    else:
        problems.add(
            "json_type",
            "json",
            path=f"{path}.category.index",
            expected=EXPECTED["list_or_object"],
        )
        return None
    if len(codes) != size:
        problems.add(
            "json_dimension_size",
            "dimension",
            dimension=dimension_id,
            found=len(codes),
            expected=size,
        )
        return None
    return Dimension(
        id=dimension_id,
        label=_json_text(body.get("label")) or dimension_id,
        codes=tuple(code.strip() for code in codes),
        labels=tuple(str(names.get(code, code)).strip() for code in codes),
    )


def _json_positions(
    given: object, cells: int, path: str, problems: _Problems
) -> list[tuple[int, object]] | None:
    """(position, item) pairs of a JSON-stat value or status given as a list
    of every cell or as an object of positions."""
    if isinstance(given, list):
        return list(enumerate(given))
    if isinstance(given, dict):
        pairs = []
        for key, item in given.items():
            if not (key.isascii() and key.isdigit()) or int(key) >= cells:
                problems.add(
                    "json_value_position",
                    "json",
                    path=path,
                    value=key[:40],
                    last=cells - 1,
                )
                continue
            pairs.append((int(key), item))
        return pairs
    problems.add("json_type", "json", path=path, expected=EXPECTED["list_or_object"])
    return None


def _jsonstat_doc(data: bytes, problems: _Problems) -> object:
    """The parsed JSON of a file. Raises StatbankError."""
    if _too_big(data, problems) or not _no_nul(data, problems):
        problems.raise_if_any()
    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(
            "encoding", "line", line=_line_of(data, error.start), encoding="UTF-8"
        )
        problems.raise_if_any()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        problems.add(
            "json_syntax",
            "line_column",
            line=error.lineno,
            column=error.colno,
            reason=error.msg,
        )
    except RecursionError:
        problems.add("json_invalid", reason="nested too deeply")
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        problems.add("json_invalid", reason=str(error)[:80])
    problems.raise_if_any()
    return doc


def _jsonstat_cells(
    dataset: dict, ids: object, sizes: object, prefix: str, problems: _Problems
) -> int:
    """How many figures "id" and "size" make, once they are lists of the
    same length, within the limits. Raises StatbankError."""
    if not (isinstance(ids, list) and all(isinstance(i, str) and i for i in ids)):
        problems.add(
            "json_type", "json", path=f"{prefix}id", expected=EXPECTED["texts"]
        )
    if not (
        isinstance(sizes, list)
        and all(
            isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes
        )
    ):
        problems.add(
            "json_type",
            "json",
            path=f"{prefix}size",
            expected=EXPECTED["whole_numbers"],
        )
    if not isinstance(dataset.get("dimension"), dict):
        problems.add(
            "json_type", "json", path=f"{prefix}dimension", expected=EXPECTED["object"]
        )
    problems.raise_if_any()
    if len(ids) != len(sizes):
        problems.add("json_size_mismatch", ids=len(ids), sizes=len(sizes))
        problems.raise_if_any()
    if len(ids) > MAX_DIMENSIONS:
        problems.add("too_many_dimensions", count=len(ids), limit=MAX_DIMENSIONS)
        problems.raise_if_any()
    cells = 1
    for size in sizes:
        cells *= size
        if cells > MAX_CELLS:
            problems.add("too_many_cells", limit=MAX_CELLS)
            problems.raise_if_any()
    return cells


def _jsonstat_dimensions(
    dataset: dict,
    ids: list[str],
    sizes: list[int],
    role: object,
    prefix: str,
    problems: _Problems,
) -> list[Dimension]:
    """The dataset's dimensions in "id"'s order, each with its "role"."""
    roles = role if isinstance(role, dict) else {}
    dimensions: list[Dimension] = []
    for dimension_id, size in zip(ids, sizes, strict=True):
        dimension = _jsonstat_dimension(
            dimension_id,
            dataset["dimension"].get(dimension_id),
            int(size),
            prefix,
            problems,
        )
        if dimension is None:
            continue
        for name in ("time", "metric", "geo"):
            listed = roles.get(name)
            if isinstance(listed, list) and dimension_id in listed:
                dimension = Dimension(
                    dimension.id,
                    dimension.label,
                    dimension.codes,
                    dimension.labels,
                    name,
                )
        dimensions.append(dimension)
    return dimensions


def _jsonstat_values(
    dataset: dict,
    dimensions: list[Dimension],
    cells: int,
    prefix: str,
    problems: _Problems,
) -> list[float]:
    """Every figure of "value", NaN where missing; a broken one is a
    problem."""
    values = [math.nan] * cells
    if "value" not in dataset:
        problems.add("json_missing", "json", path=f"{prefix}value")
        problems.raise_if_any()
    given = dataset["value"]
    if isinstance(given, list) and len(given) != cells:
        problems.add(
            "json_value_count",
            found=len(given),
            sizes=_sizes(dimensions),
            expected=cells,
        )
        problems.raise_if_any()
    for position, item in (
        _json_positions(given, cells, f"{prefix}value", problems) or []
    ):
        if item is None:
            continue
        number = _float(item)
        if number is None:
            if problems.full:
                problems.total += 1
            else:
                problems.add(
                    "bad_number",
                    "cell",
                    position=position + 1,
                    cell=_cell_name(dimensions, position),
                    value=_shown(item),
                )
            continue
        values[position] = number
    return values


def _jsonstat_statuses(
    dataset: dict, cells: int, prefix: str, problems: _Problems
) -> list[str]:
    """Every figure's "status", "" where it has none."""
    statuses = [""] * cells
    status = dataset.get("status")
    if isinstance(status, str):
        statuses = [status.strip()] * cells
    elif status is not None:
        path = f"{prefix}status"
        if isinstance(status, list) and len(status) > cells:
            status = status[:cells]
        for position, item in _json_positions(status, cells, path, problems) or []:
            if isinstance(item, str):
                statuses[position] = item.strip()
            elif item is not None:
                problems.add("json_type", "json", path=path, expected=EXPECTED["text"])
                break
    return statuses


def read_jsonstat(data: bytes) -> StatbankTable:
    """Read a JSON-stat dataset: version 2.0 as api.statbank.dk and PxWeb
    write it ("class": "dataset", "id", "size", "role", "dimension" with
    each category's "index" (a list, or an object of positions) and
    "label", "value" as a list of every figure or an object of positions,
    null or left out where missing, "status" as one text, a list or an
    object), or the one dataset of a version 1.0 bundle. "label", "source",
    "note" and extension.px.tableid describe the table. Raises
    StatbankError."""
    problems = _Problems()
    doc = _jsonstat_doc(data, problems)
    found = _jsonstat_dataset(doc, problems)
    problems.raise_if_any()
    dataset, ids, sizes, role, prefix, _version = found
    cells = _jsonstat_cells(dataset, ids, sizes, prefix, problems)
    dimensions = _jsonstat_dimensions(dataset, ids, sizes, role, prefix, problems)
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()

    values = _jsonstat_values(dataset, dimensions, cells, prefix, problems)
    statuses = _jsonstat_statuses(dataset, cells, prefix, problems)
    problems.raise_if_any()
    statuses = [
        (s or "..") if math.isnan(v) else s
        for v, s in zip(values, statuses, strict=True)
    ]
    notes = dataset.get("note")
    extension = dataset.get("extension")
    px = extension.get("px") if isinstance(extension, dict) else None
    return StatbankTable(
        format="json-stat",
        dimensions=dimensions,
        frame=_cube_frame(dimensions, values, statuses),
        table_id=_json_text(px.get("tableid")) if isinstance(px, dict) else "",
        title=_json_text(dataset.get("label")),
        contents=_json_text(px.get("contents")) if isinstance(px, dict) else "",
        units=_json_text(px.get("units")) if isinstance(px, dict) else "",
        source=_json_text(dataset.get("source")),
        notes=tuple(n for n in notes if isinstance(n, str))
        if isinstance(notes, list)
        else (),
    )


# --- writing -------------------------------------------------------------------


def jsonstat_text(table: StatbankTable, *, sparse: bool = False) -> str:
    """``table`` as a JSON-stat 2.0 dataset as api.statbank.dk writes it:
    "value" a list of every figure (``sparse``: an object of the figures
    there are), "status" an object of the positions that have one, the
    time and contents dimensions in "role", the table id in
    extension.px.tableid."""
    dimensions = table.dimensions
    values, statuses = _ordered(table)
    role: dict[str, list[str]] = {}
    for dimension in dimensions:
        if dimension.role:
            role.setdefault(dimension.role, []).append(dimension.id)
    doc: dict[str, object] = {"version": "2.0", "class": "dataset"}
    if table.title:
        doc["label"] = table.title
    if table.source:
        doc["source"] = table.source
    if table.notes:
        doc["note"] = list(table.notes)
    doc["id"] = [d.id for d in dimensions]
    doc["size"] = [len(d) for d in dimensions]
    if role:
        doc["role"] = role
    doc["dimension"] = {
        d.id: {
            "label": d.label,
            "category": {
                "index": list(d.codes),
                "label": dict(zip(d.codes, d.labels, strict=True)),
            },
        }
        for d in dimensions
    }
    numbers = [
        None if math.isnan(v) else (int(v) if v.is_integer() else v) for v in values
    ]
    if sparse:
        doc["value"] = {str(i): v for i, v in enumerate(numbers) if v is not None}
    else:
        doc["value"] = numbers
    marked = {str(i): s for i, s in enumerate(statuses) if s}
    if marked:
        doc["status"] = marked
    extension = {
        key: text
        for key, text in (
            ("tableid", table.table_id),
            ("contents", table.contents),
            ("units", table.units),
        )
        if text
    }
    if extension:
        doc["extension"] = {"px": extension}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
