#!/usr/bin/env python3
"""Checks the monitoring that dockerguard ships: rules, dashboard, Kubernetes objects
(scripts/validate-deploy runs it; needs PyYAML).

  monitoring-check.py dashboard-rules DASHBOARD.json OUT.yaml
      writes every panel expression of the Grafana dashboard as a recording rule, with Grafana's
      variables replaced, so that `promtool check rules OUT.yaml` parses each one;
  monitoring-check.py names METRICS.txt RULES.yaml DASHBOARD.json
      fails naming each series that an alert, a recording rule or a panel reads and that is
      neither on the /metrics page given (histograms with their _bucket, _sum and _count), nor
      recorded by RULES.yaml, nor Prometheus's own `up`;
  monitoring-check.py prometheusrule RULES.yaml OUT.yaml
      writes the Prometheus operator's PrometheusRule holding RULES.yaml's groups (validate-deploy
      checks that deploy/kubernetes/monitoring/prometheusrule.yaml is what this writes);
  monitoring-check.py kubernetes RENDERED.yaml RULES.yaml
      in a kustomization rendered with the monitoring component: the ServiceMonitor selects the
      guard's Service in its namespace, by a named port of it, on /metrics, and the PrometheusRule
      holds RULES.yaml's groups.
"""
import json
import re
import sys

import yaml

VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h", "$instance": ".+"}
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "offset", "inf", "nan", "atan2"}


def panel_expressions(dashboard):
    """(panel title, expression) for every target of every panel, rows included."""
    def walk(panels):
        for panel in panels:
            yield from walk(panel.get("panels", []))
            for target in panel.get("targets", []):
                if target.get("expr"):
                    yield panel.get("title", "?"), target["expr"]
    return list(walk(dashboard.get("panels", [])))


def substitute(expr):
    for name, value in VARIABLES.items():
        expr = expr.replace(name, value)
    return expr


def series_names(expr):
    """The metric names an expression reads (a lexer's approximation: enough for the files here)."""
    text = re.sub(r'"(\\.|[^"\\])*"', '""', substitute(expr))     # strings
    text = re.sub(r"\{[^}]*\}", " ", text)                          # label matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)                         # ranges, subqueries
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", text):
        name, rest = match.group(0), text[match.end():]
        if name.lower() in KEYWORDS or rest.lstrip().startswith("("):
            continue
        if match.start() > 0 and (text[match.start() - 1].isdigit() or text[match.start() - 1] == "."):
            continue   # 5m, 1e3
        names.add(name)
    return names


def exported(page):
    names = set()
    for line in page.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[:2] == ["#", "TYPE"]:
            name, kind = parts[2], parts[3]
            names.add(name)
            if kind in ("histogram", "summary"):
                names.update({name + "_bucket", name + "_sum", name + "_count"})
        elif line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def dashboard_rules(dashboard_path, out_path):
    dashboard = json.load(open(dashboard_path))
    rules = [{"record": f"dashboard_panel_{i}", "expr": substitute(expr)}
             for i, (_, expr) in enumerate(panel_expressions(dashboard))]
    if not rules:
        sys.exit(f"{dashboard_path}: no panel expressions found")
    yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, open(out_path, "w"))
    print(f"{len(rules)} panel expressions of {dashboard_path} written to {out_path}")


def names(page_path, rules_path, dashboard_path):
    available = exported(open(page_path).read()) | {"up"}
    rules = [rule for group in yaml.safe_load(open(rules_path))["groups"] for rule in group["rules"]]
    available |= {rule["record"] for rule in rules if "record" in rule}
    reads = [(rule.get("alert") or rule.get("record"), rule["expr"]) for rule in rules]
    reads += panel_expressions(json.load(open(dashboard_path)))
    missing = [(where, name) for where, expr in reads for name in sorted(series_names(expr) - available)]
    for where, name in missing:
        print(f"{where}: reads {name}, which dockerguard does not export (not on {page_path})")
    if missing:
        sys.exit(1)
    print(f"{len(reads)} expressions of {rules_path} and {dashboard_path} read only exported or recorded series")


PROMETHEUS_RULE_HEAD = """\
# Generated from deploy/prometheus/dockerguard-rules.yaml by
#   scripts/monitoring-check.py prometheusrule deploy/prometheus/dockerguard-rules.yaml \\
#     deploy/kubernetes/monitoring/prometheusrule.yaml
# Edit that file and run the command; scripts/validate-deploy fails while the two differ.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: dockerguard
  namespace: dockerguard
  labels:
    app.kubernetes.io/name: dockerguard
spec:
"""


def prometheus_rule(rules_path, out_path):
    lines = open(rules_path).read().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("groups:"))
    body = "".join(f"  {line}\n" if line else "\n" for line in lines[start:])
    open(out_path, "w").write(PROMETHEUS_RULE_HEAD + body)


def kubernetes(rendered_path, rules_path):
    objects = {(o["kind"], o["metadata"]["name"]): o for o in yaml.safe_load_all(open(rendered_path)) if o}
    problems = []
    service = objects.get(("Service", "dockerguard"))
    monitor = objects.get(("ServiceMonitor", "dockerguard"))
    rule = objects.get(("PrometheusRule", "dockerguard"))
    if not (service and monitor and rule):
        sys.exit(f"{rendered_path}: needs the Service, the ServiceMonitor and the PrometheusRule dockerguard")
    namespace = service["metadata"]["namespace"]
    wanted = monitor["spec"]["selector"].get("matchLabels", {})
    labels = service["metadata"].get("labels", {})
    if not wanted or any(labels.get(key) != value for key, value in wanted.items()):
        problems.append(f"the ServiceMonitor selects {wanted}; the Service is labelled {labels}")
    if namespace not in monitor["spec"].get("namespaceSelector", {}).get("matchNames", [monitor["metadata"]["namespace"]]):
        problems.append(f"the ServiceMonitor does not look in the Service's namespace {namespace}")
    ports = {port.get("name") for port in service["spec"]["ports"]}
    for endpoint in monitor["spec"]["endpoints"]:
        if endpoint.get("port") not in ports:
            problems.append(f"ServiceMonitor port {endpoint.get('port')!r} is not a named port of the Service ({ports})")
        if endpoint.get("path", "/metrics") != "/metrics":
            problems.append(f"ServiceMonitor path {endpoint.get('path')} is not /metrics")
    for kind, name in ((k, n) for k, n in objects if k in ("ServiceMonitor", "PrometheusRule")):
        if objects[(kind, name)]["metadata"].get("namespace") != namespace:
            problems.append(f"{kind} {name} is not in the namespace {namespace}")
    if rule["spec"]["groups"] != yaml.safe_load(open(rules_path))["groups"]:
        problems.append(f"the PrometheusRule's groups differ from {rules_path}")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print("the ServiceMonitor scrapes the Service's /metrics; the PrometheusRule holds the shipped rules")


if __name__ == "__main__":
    commands = {"dashboard-rules": (dashboard_rules, 2), "names": (names, 3), "prometheusrule": (prometheus_rule, 2),
                "kubernetes": (kubernetes, 2)}
    if len(sys.argv) < 2 or sys.argv[1] not in commands or len(sys.argv) - 2 != commands[sys.argv[1]][1]:
        sys.exit(__doc__)
    function, _ = commands[sys.argv[1]]
    function(*sys.argv[2:])
