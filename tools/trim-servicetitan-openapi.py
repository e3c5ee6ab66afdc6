#!/usr/bin/env python3
"""Cuts ServiceTitan's published OpenAPI documents down to the operations the gateway calls, with every schema
and parameter they reference, for the adapter's contract tests.

Usage: python3 tools/trim-servicetitan-openapi.py <folder with servicetitan-{module}-v2.json>
Writes adapters-servicetitan/src/test/resources/servicetitan/openapi/{module}.json.
"""
import json
import os
import sys

from spec_excerpt import copy_referenced

OPERATIONS = {
    "jpm": [("/tenant/{tenant}/jobs", "get"), ("/tenant/{tenant}/appointments", "get"),
            ("/tenant/{tenant}/jobs/{id}/notes", "post"), ("/tenant/{tenant}/jobs/{id}/notes", "get"),
            ("/tenant/{tenant}/job-types", "get")],
    "crm": [("/tenant/{tenant}/customers", "get"), ("/tenant/{tenant}/locations", "get")],
    "settings": [("/tenant/{tenant}/technicians", "get"), ("/tenant/{tenant}/business-units", "get"),
                 ("/tenant/{tenant}/tag-types", "get")],
    "dispatch": [("/tenant/{tenant}/appointment-assignments", "get"),
                 ("/tenant/{tenant}/appointment-assignments/assign-technicians", "post"),
                 ("/tenant/{tenant}/appointment-assignments/unassign-technicians", "post"),
                 ("/tenant/{tenant}/zones", "get"), ("/tenant/{tenant}/technician-shifts", "get"),
                 ("/tenant/{tenant}/export/appointment-assignments", "get")],
}


def main(source):
    target = os.path.join(os.path.dirname(__file__), "..", "adapters-servicetitan", "src", "test", "resources",
                          "servicetitan", "openapi")
    for module, operations in OPERATIONS.items():
        with open(os.path.join(source, f"servicetitan-{module}-v2.json")) as f:
            doc = json.load(f)
        paths = {}
        for path, method in operations:
            paths.setdefault(path, {})[method] = doc["paths"][path][method]
        trimmed = {"openapi": doc["openapi"], "info": doc["info"], "servers": doc["servers"], "paths": paths,
                   "components": {}}
        copied = copy_referenced(doc, paths, trimmed)
        with open(os.path.join(target, f"{module}.json"), "w") as f:
            json.dump(trimmed, f, indent=1, sort_keys=False)
            f.write("\n")
        print(module, copied, "components")


if __name__ == "__main__":
    main(sys.argv[1])
