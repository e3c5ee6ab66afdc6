#!/usr/bin/env python3
"""Cuts Power BI's published Swagger 2.0 document down to the push-dataset operations the gateway calls, with
every definition they reference, for the adapter's contract tests.

Usage: python3 tools/trim-powerbi-swagger.py <path to powerbi-rest-swagger.json>
Writes adapters-powerbi/src/test/resources/powerbi/swagger-push.json.
"""
import json
import os
import sys

from spec_excerpt import copy_referenced

OPERATIONS = [
    ("/v1.0/myorg/groups/{groupId}/datasets", "get"),
    ("/v1.0/myorg/groups/{groupId}/datasets", "post"),
    ("/v1.0/myorg/groups/{groupId}/datasets/{datasetId}/tables", "get"),
    ("/v1.0/myorg/groups/{groupId}/datasets/{datasetId}/tables/{tableName}", "put"),
    ("/v1.0/myorg/groups/{groupId}/datasets/{datasetId}/tables/{tableName}/rows", "post"),
]


def main(source):
    with open(source) as f:
        doc = json.load(f)
    paths = {}
    for path, method in OPERATIONS:
        operation = dict(doc["paths"][path][method])
        operation.pop("x-ms-examples", None)
        paths.setdefault(path, {})[method] = operation
    trimmed = {"swagger": doc["swagger"], "info": doc["info"], "host": doc["host"], "paths": paths}
    copy_referenced(doc, paths, trimmed)
    target = os.path.join(os.path.dirname(__file__), "..", "adapters-powerbi", "src", "test", "resources", "powerbi")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "swagger-push.json"), "w") as f:
        json.dump(trimmed, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
