"""Checks the PromQL of Grafana dashboards without a Prometheus server.

usage: check_exprs.py RULES_OUT EXPORTED_NAMES ALLOWED_NAMES METRICS_DOC DASHBOARD.json...

Writes every panel expression as a recording rule to RULES_OUT (promtool parses that file),
then fails if an expression names a series that is neither in EXPORTED_NAMES (sample
names scraped from a running bigbrotr) nor in ALLOWED_NAMES, or matches a `name` label
value that METRICS_DOC (docs/operations.md) does not list: a typo in either gives an
empty panel, not an error, in Grafana.
"""
import json
import re
import sys

# Grafana substitutes these before Prometheus sees the query; any valid value parses.
GRAFANA_VARS = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1d"}
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "inf", "nan", "atan2"}


def exprs(node):
    if isinstance(node, dict):
        if isinstance(node.get("expr"), str):
            yield node["expr"]
        for v in node.values():
            yield from exprs(v)
    elif isinstance(node, list):
        for v in node:
            yield from exprs(v)


def names_in(expr):
    """Series names of an expression: identifiers left once strings, label matchers,
    ranges and grouping clauses are removed and function calls are skipped."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    e = re.sub(r"\{[^}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    found = set()
    for m in re.finditer(r"(?<![\w.])([A-Za-z_:][\w:]*)\s*(\()?", e):
        if not m.group(2) and m.group(1) not in KEYWORDS:
            found.add(m.group(1))
    return found


def name_values(expr):
    """Literal values of `name` matchers; regex alternatives of plain words are split,
    other regexes (errors_.*) are left alone."""
    for op, val in re.findall(r'\bname\s*(=~|=)\s*"([^"]*)"', expr):
        for v in val.split("|") if op == "=~" else [val]:
            if re.fullmatch(r"\w+", v):
                yield v


def main():
    rules_out, exported, allowed, doc, *dashboards = sys.argv[1:]
    known = {l.strip() for f in (exported, allowed) for l in open(f)
             if l.strip() and not l.startswith("#")}
    documented = set(re.findall(r"`(\w+)`", open(doc).read()))
    errors, rules = [], []
    for path in dashboards:
        for expr in exprs(json.load(open(path))):
            for var, val in GRAFANA_VARS.items():
                expr = expr.replace(var, val)
            rules.append(expr)
            for n in sorted(names_in(expr) - known):
                errors.append(f"{path}: series {n} is not exported: {expr}")
            for v in name_values(expr):
                if v not in documented:
                    errors.append(f"{path}: name=\"{v}\" is not in {doc}: {expr}")
    with open(rules_out, "w") as f:
        f.write("groups:\n  - name: dashboards\n    rules:\n")
        for i, expr in enumerate(rules):
            # A JSON string is a valid YAML double-quoted scalar.
            f.write(f"      - record: dashboard:expr_{i}\n        expr: {json.dumps(expr)}\n")
    print(f"{len(rules)} expressions in {len(dashboards)} dashboards")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors or not rules else 0


if __name__ == "__main__":
    sys.exit(main())
