#!/usr/bin/env python3
"""Counts what each checker reports on the generated monorepo, beside what the tree contains by construction.

  verdicts.py --manifest M.json --ecr-guard E.json --checkov C.json --trivy T.json [--markdown]

Mutable tags: ecr-guard ECR001 (error), Checkov CKV_AWS_51 failed, Trivy AWS-0031 failed. Scan on push off or absent:
ecr-guard ECR003, Checkov CKV_AWS_163, Trivy AWS-0030. ecr-guard's other verdicts on repositories are listed too:
ECR002 (IMMUTABLE_WITH_EXCLUSION, a note) and ECR004 (a mutability that cannot be known without a plan).
For ecr-guard, the ECR001 addresses are also compared with the generator's mutable ones (as multisets: the same
address occurs in many root modules).
"""
import argparse
import json
import sys
from collections import Counter

def load(path):
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        sys.exit(f"verdicts.py: cannot read {path}: {error}")


def ecr_guard(report, manifest):
    findings = report.get("findings", [])
    by_rule = Counter(f["ruleId"] for f in findings)
    return {
        "mutable": by_rule["ECR001"],
        "scan": by_rule["ECR003"],
        "other": ", ".join(f"{rule} {by_rule[rule]}" for rule in sorted(by_rule) if rule not in ("ECR001", "ECR003")),
        "errors": len(report.get("errors", [])),
        "skipped": len(report.get("skipped", [])),
        "files": report.get("summary", {}).get("files"),
    }


def checkov(report, manifest):
    reports = report if isinstance(report, list) else [report]
    failed = [c for r in reports if r.get("check_type") == "terraform"
              for c in r.get("results", {}).get("failed_checks", [])]
    in_modules = Counter(c["check_id"] for c in failed if c["file_path"].startswith("/modules/"))
    by_check = Counter(c["check_id"] for c in failed)
    errors = sum(r.get("summary", {}).get("parsing_errors", 0) for r in reports if isinstance(r, dict))
    flagged = {(c["file_path"].rsplit("/", 1)[0].lstrip("/"), c["resource"]) for c in failed
               if c["check_id"] == "CKV_AWS_51"}
    return {
        "mutable": by_check["CKV_AWS_51"],
        "scan": by_check["CKV_AWS_163"],
        "other": f"of which in modules/: CKV_AWS_51 {in_modules['CKV_AWS_51']}, CKV_AWS_163 {in_modules['CKV_AWS_163']};"
        f" CKV_AWS_51 {in_roots_by_class(flagged, manifest)}",
        "errors": errors,
    }


def in_roots_by_class(flagged, manifest):
    """How many repositories declared in root modules (named by folder and address, so comparable one by one) a
    tool flagged, by their class by construction."""
    in_roots = [r for r in manifest["repositories"] if r["address"].startswith("aws_ecr_repository.")]
    classes = Counter(r["mutability"] for r in in_roots)
    hits = Counter(r["mutability"] for r in in_roots if (r["root"], r["address"]) in flagged)
    return (f"on the {len(in_roots)} repositories declared in root modules, by class: "
            + ", ".join(f"{name} {hits[name]} of {classes[name]}" for name in sorted(classes)))


def trivy_id(misconfiguration):
    return misconfiguration.get("ID") or misconfiguration.get("AVDID") or ""


def trivy(report, manifest):
    failed = [(r.get("Target", ""), trivy_id(m).replace("AVD-", ""), m.get("CauseMetadata", {}).get("Resource"))
              for r in report.get("Results", []) or [] for m in r.get("Misconfigurations", []) or []
              if m.get("Status") == "FAIL"]
    ids = Counter(check for _, check, _ in failed)
    in_modules = Counter(check for target, check, _ in failed if target.startswith("modules/"))
    flagged = {(target.rsplit("/", 1)[0], resource) for target, check, resource in failed if check == "AWS-0031"}
    ecr = sorted(i for i in ids if i in ("AWS-0030", "AWS-0031", "AWS-0032", "AWS-0033"))
    return {
        "mutable": ids["AWS-0031"],
        "scan": ids["AWS-0030"],
        "other": f"of which in modules/: AWS-0031 {in_modules['AWS-0031']}, AWS-0030 {in_modules['AWS-0030']}; "
        + ", ".join(f"{i} {ids[i]}" for i in ecr if i not in ("AWS-0030", "AWS-0031"))
        + f"; {sum(ids.values())} failures of {len(ids)} checks in all; AWS-0031 {in_roots_by_class(flagged, manifest)}",
        "errors": 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--tree", help="the tree's folder, named in the first line")
    parser.add_argument("--ecr-guard")
    parser.add_argument("--checkov")
    parser.add_argument("--trivy")
    args = parser.parse_args()
    manifest = load(args.manifest)
    counts = manifest["counts"]
    if args.tree:
        print(f"{args.tree}: {counts['files']:,} files ({counts['bytes'] / 1e6:.1f} MB), {counts['root_modules']} root "
              f"modules, {counts['shared_modules']} shared modules, {counts['repositories']:,} repositories\n")
    print("| who | mutable tags | scan on push off or absent | other |")
    print("|-----|--------------|----------------------------|-------|")
    print(f"| by construction | {counts['mutable']} ({counts['mutable_explicit']} MUTABLE, "
          f"{counts['mutability_absent']} absent) | {counts['scan_on_push_off_or_absent']} | "
          f"{counts['repositories']:,} repositories: {counts['immutable']} IMMUTABLE, "
          f"{counts['immutable_with_exclusion']} IMMUTABLE_WITH_EXCLUSION, {counts['mutability_unknown']} unknown "
          f"before a plan |")
    guard = None
    for name, path, reader in (("ecr-guard", args.ecr_guard, ecr_guard), ("Checkov", args.checkov, checkov),
                               ("Trivy", args.trivy, trivy)):
        report = load(path)
        if report is None:
            continue
        verdict = reader(report, manifest)
        other = [verdict["other"]] if verdict["other"] else []
        if verdict["errors"]:
            other.append(f"{verdict['errors']} input errors")
        if name == "ecr-guard":
            guard = verdict
            other.append(f"{verdict['files']} files read, {verdict['skipped']} skipped")
        print(f"| {name} | {verdict['mutable']} | {verdict['scan']} | {'; '.join(other)} |")
    if guard is not None and args.tree:
        compare_ecr_guard(load(args.ecr_guard), manifest, args.tree)


RULE_OF_CLASS = {"MUTABLE": "ECR001", "absent": "ECR001", "IMMUTABLE_WITH_EXCLUSION": "ECR002", "unknown": "ECR004"}


def compare_ecr_guard(report, manifest, tree):
    """ecr-guard's ECR001, ECR002 and ECR004 against the classes by construction, repository by repository: a
    repository is named by its root module's folder (ecr-guard reports one made by a shared module where the root
    module calls it) and its address."""
    prefix = tree.rstrip("/") + "/"
    expected = Counter((r["root"], r["address"], RULE_OF_CLASS[r["mutability"]])
                       for r in manifest["repositories"] if r["mutability"] in RULE_OF_CLASS)
    found = Counter()
    for f in report.get("findings", []):
        if f["ruleId"] in ("ECR001", "ECR002", "ECR004") and f.get("resourceType") == "aws_ecr_repository":
            folder = f["file"][len(prefix):].rsplit("/", 1)[0] if f["file"].startswith(prefix) else f["file"]
            found[(folder, f["resource"], f["ruleId"])] += 1
    print()
    print(f"ecr-guard, repository by repository (ECR001, ECR002, ECR004 by root module and address): "
          f"{sum((expected & found).values())} of {sum(expected.values())} as built, "
          f"{sum((expected - found).values())} missing, {sum((found - expected).values())} not by construction")
    for label, diff in (("missing", expected - found), ("not by construction", found - expected)):
        for key in sorted(diff)[:5]:
            print(f"  {label}: {key[2]} {key[1]} in {key[0]}")

if __name__ == "__main__":
    main()
