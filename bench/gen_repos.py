#!/usr/bin/env python3
"""Writes a `terraform show -json` plan (planned_values and resource_changes, as peers read them) in which every
resource is a changed aws_ecr_repository, for the scaling cases of bench/run.sh: evaluation time per repository
should not grow with the number of repositories.

usage: bench/gen_repos.py --repositories N --out FILE

Repositories cycle through the settings the rules judge: MUTABLE, IMMUTABLE, absent (ECR's default MUTABLE),
IMMUTABLE_WITH_EXCLUSION with a filter, MUTABLE_WITH_EXCLUSION, and an update from IMMUTABLE to MUTABLE; half are
created and half updated. The JSON is compact, so 10,000 repositories take about 3 MB. The same N always gives
the same file."""
import argparse
import json

SETTINGS = [
    {"image_tag_mutability": "MUTABLE"},
    {"image_tag_mutability": "IMMUTABLE"},
    {},
    {"image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
     "image_tag_mutability_exclusion_filter": [{"filter": "latest", "filter_type": "WILDCARD"}]},
    {"image_tag_mutability": "MUTABLE_WITH_EXCLUSION",
     "image_tag_mutability_exclusion_filter": [{"filter": "release-*", "filter_type": "WILDCARD"}]},
]


def repository(i):
    name = "repo-%05d" % i
    values = {"name": name, "force_delete": i % 7 == 0}
    values.update(SETTINGS[i % len(SETTINGS)])
    before = None
    if i % 2:
        before = dict(values, image_tag_mutability="IMMUTABLE")
    address = 'aws_ecr_repository.r["%s"]' % name
    common = {"address": address, "mode": "managed", "type": "aws_ecr_repository", "name": "r", "index": name,
              "provider_name": "registry.terraform.io/hashicorp/aws"}
    planned = dict(common, schema_version=0, values=values)
    change = dict(common, change={"actions": ["update"] if before else ["create"], "before": before,
                                  "after": values, "after_unknown": {"arn": True} if not before else {}})
    return planned, change


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repositories", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    pairs = [repository(i) for i in range(args.repositories)]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": [p for p, _ in pairs]}},
        "resource_changes": [c for _, c in pairs],
        "applyable": True,
        "complete": True,
        "errored": False,
    }
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(plan, out, separators=(",", ":"))


if __name__ == "__main__":
    main()
