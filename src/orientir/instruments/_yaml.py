"""Reading YAML safely, with the line of every value so problems can point at it.

PyYAML's ``safe_load`` quietly keeps the last of two equal keys; in an instrument that hides a
typo (two ``text:`` fields, one meant to be ``intro:``), so duplicates are reported instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

# Deeper nesting than any instrument needs means a malicious or recursive document.
_MAX_DEPTH = 40


@dataclass
class YamlDocument:
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, str, int]] = field(default_factory=list)  # (path, key, line)


class YamlError(ValueError):
    """The text is not YAML; the message says where.

    ``code`` and ``params`` are the same message as an instrument problem
    (``instruments.format.<code>``), so it can be shown in Russian as well; PyYAML's own
    description of the fault (``detail``) stays as PyYAML wrote it.
    """

    def __init__(self, message: str, code: str, params: Mapping[str, object]) -> None:
        super().__init__(message)
        self.code = code
        self.params = dict(params)


def child_path(parent: str, key: object) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else str(key)


def _walk(node: yaml.Node, path: str, doc: YamlDocument, depth: int, seen_nodes: set[int]) -> None:
    if depth > _MAX_DEPTH:
        raise YamlError(
            f"nesting deeper than {_MAX_DEPTH} levels", "yaml_too_deep", {"limit": _MAX_DEPTH}
        )
    doc.lines.setdefault(path, node.start_mark.line + 1)
    # An alias repeats an anchored node; walking it again would let a few nested aliases
    # cost exponential time ("billion laughs"). Its problems are reported at the anchor.
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key == "<<":  # a merge key; its entries are checked where they were written
                continue
            if key in seen:
                doc.duplicates.append((path, key, key_node.start_mark.line + 1))
            seen.add(key)
            _walk(value_node, child_path(path, key), doc, depth + 1, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, child_path(path, index), doc, depth + 1, seen_nodes)


def read_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise :class:`YamlError` when it is not valid YAML."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        detail = str(exc.problem or exc.context)
        if mark is None:
            raise YamlError(detail, "yaml_invalid", {"detail": detail}) from None
        line, column = mark.line + 1, mark.column + 1
        raise YamlError(
            f"{detail} at line {line}, column {column}",
            "yaml_syntax",
            {"detail": detail, "line": line, "column": column},
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), "yaml_invalid", {"detail": str(exc)}) from None
    doc = YamlDocument(data=data)
    if node is not None:
        _walk(node, "", doc, 0, set())
    return doc
