"""An import-linter contract type the built-in ones cannot express: "never import this
*submodule* of an external package" (``app.workers`` may use ``PySide6.QtCore``, never
``PySide6.QtWidgets``).

With ``include_external_packages = true`` import-linter's graph keeps an external package as one
node (``PySide6``), so a forbidden contract cannot tell ``QtCore`` from ``QtWidgets``. This one
reads the import lines the graph records: a module of the project that names a forbidden
submodule is an offender, and a source module breaks the contract when it is one, or when a
chain of imports leads from it to one. Registered in ``pyproject.toml`` under
``contract_types``; ``lint-imports`` runs from the repository root, which puts ``tools`` on the
path.

An import spread over several lines (``from PySide6 import (\\n QtWidgets)``) records only its
first line and is not seen; the project writes Qt imports as ``from PySide6.QtX import …``.
"""

from __future__ import annotations

import re
from typing import Any

from importlinter import Contract, ContractCheck, fields, output


def _names_submodule(line: str, submodule: str) -> bool:
    """Whether an import line imports ``submodule`` (``Pkg.Sub``) or something inside it."""
    package, _, rest = submodule.partition(".")
    if re.search(rf"(^|\s){re.escape(submodule)}(\.|\s|$)", line):
        return True
    head = rest.split(".")[0]
    found = re.match(rf"\s*from\s+{re.escape(package)}\s+import\s+(.*)", line)
    return bool(found and re.search(rf"(^|[\s,(]){re.escape(head)}\b", found.group(1)))


class ForbiddenExternalSubmodules(Contract):
    """Source modules (and their descendants) never import the listed external submodules,
    directly or through other modules of the project.

    Configuration options:
        - source_modules: the modules that must not import them.
        - forbidden_modules: dotted names inside an external package (``PySide6.QtWidgets``).
    """

    type_name = "forbidden_external_submodules"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        violations: list[dict[str, Any]] = []
        for forbidden in self.forbidden_modules:  # type: ignore[attr-defined]
            package = forbidden.split(".")[0]
            if package not in graph.modules:
                continue
            offenders: dict[str, tuple[int, str]] = {}
            for importer in graph.find_modules_that_directly_import(package):
                for detail in graph.get_import_details(importer=importer, imported=package):
                    if _names_submodule(detail["line_contents"], forbidden):
                        offenders.setdefault(importer, (detail["line_number"],
                                                        detail["line_contents"]))
            for source in self.source_modules:  # type: ignore[attr-defined]
                members = {source.name} | graph.find_descendants(source.name)
                for offender, (line_number, line) in sorted(offenders.items()):
                    if offender in members:
                        chain: tuple[str, ...] = (offender,)
                    else:
                        found = min((graph.find_shortest_chain(importer=m, imported=offender)
                                     for m in members), key=lambda c: len(c) if c else 1 << 30,
                                    default=None)
                        if not found:
                            continue
                        chain = tuple(found)
                    violations.append({"forbidden": forbidden, "chain": chain,
                                       "line": f"{offender}:{line_number}: {line.strip()}"})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(
                f"{violation['chain'][0]} must not import {violation['forbidden']}:", bold=True)
            output.new_line()
            if len(violation["chain"]) > 1:
                output.print("    " + " -> ".join(violation["chain"]))
            output.print("    " + violation["line"])
            output.new_line()
