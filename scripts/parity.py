#!/usr/bin/env python3
"""Proves that the Rego rules give the same findings in-process (ecr-guard check, through the wasm bundle) as
with OPA and conftest on the printed model (ecr-guard model), on every example input.

usage: scripts/parity.py [INPUT...]   (default: every file under examples/terraform and examples/cloudformation)
Needs opa and conftest on PATH (scripts/tools.sh puts the pinned ones there) and the built jar."""
import json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "policy-checker", "target", "ecr-guard.jar")
POLICIES = os.path.join(ROOT, "rego", "policies")


def run(cmd, ok=(0,)):
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if p.returncode not in ok:
        sys.exit("parity: %s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()[:500]))
    return p.stdout


def in_process(path):
    report = json.loads(run(["java", "-jar", JAR, "check", "--format", "json", "--fail-on", "never", path]))
    return {(f["ruleId"], f["resource"], f["message"]) for f in report["findings"]}


def with_opa(model):
    out = json.loads(run(["opa", "eval", "--format", "json", "-d", POLICIES, "-i", model, "data.ecrguard.main.report"]))
    report = out["result"][0]["expressions"][0]["value"]
    return {(f["ruleId"], f["resource"], f["msg"]) for f in report["findings"]}


def with_conftest(model):
    out = json.loads(run(["conftest", "test", "--no-fail", "--all-namespaces", "-o", "json", "-p", POLICIES, model]))
    return {(f["metadata"]["ruleId"], f["metadata"]["resource"], f["msg"])
            for result in out for f in result.get("failures") or []}


def main():
    inputs = sys.argv[1:] or sorted(
        os.path.join(d, f) for d in ("examples/terraform", "examples/cloudformation")
        for f in os.listdir(os.path.join(ROOT, d)))
    total, bad = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in inputs:
            model = os.path.join(tmp, "model.json")
            with open(model, "w") as out:
                out.write(run(["java", "-jar", JAR, "model", path]))
            wasm, opa, conftest = in_process(path), with_opa(model), with_conftest(model)
            total += len(wasm)
            if wasm == opa == conftest:
                print("parity: %-50s %d findings agree" % (path, len(wasm)))
                continue
            bad += 1
            for name, other in (("opa eval", opa), ("conftest", conftest)):
                for f in sorted(wasm - other):
                    print("parity: %s: only ecr-guard check found %s" % (path, f))
                for f in sorted(other - wasm):
                    print("parity: %s: only %s found %s" % (path, name, f))
    if total == 0:
        sys.exit("parity: no findings at all on %d inputs; nothing was compared" % len(inputs))
    print("parity: %d inputs, %d findings, %d disagreements" % (len(inputs), total, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
