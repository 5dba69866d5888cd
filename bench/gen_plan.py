#!/usr/bin/env python3
"""Generate a large synthetic `terraform show -json` plan for benchmarking ecr-guard.

The plan has the shape Terraform 1.9 writes (format_version 1.2): planned_values, resource_changes,
output_changes, prior_state, configuration, relevant_attributes, applyable/complete/errored. Every resource
appears in each section a real plan would put it in (no-op and update resources therefore carry their values
four times: planned_values, change.before, change.after, prior_state).

About 1% of the resources are aws_ecr_repository (MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, unknown until
apply, ...), some inside modules (module.m7.aws_ecr_repository.this["svc-3"]); the rest are common AWS resources.
Long attributes (IAM, S3 and SQS policy documents, user_data_base64, security group rules, Lambda environments)
are padded until the file reaches about --target-mb MB (10^6 bytes).

The output is deterministic for a given --seed, --resources and --target-mb, and is written as a stream: no
section is ever held in memory as one string. Statistics go to stderr.

Usage: gen_plan.py [--target-mb 110] [--resources N] [--seed 42] --out FILE
"""

import argparse
import base64
import json
import os
import random
import sys
import time

ACCOUNT = "123456789012"
REGION = "eu-west-1"
ECR_HOST = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com"
AWS = "registry.terraform.io/hashicorp/aws"
TF_VERSION = "1.9.8"
DEFAULT_TAGS = {"Environment": "prod", "ManagedBy": "terraform"}

TEAMS = ["payments", "identity", "search", "checkout", "platform", "data", "ml", "mobile", "edge", "billing"]
WORDS = ["alpha", "bravo", "cobalt", "delta", "ember", "falcon", "granite", "harbor", "indigo", "juniper",
         "kepler", "lumen", "meridian", "nimbus", "orion", "pulsar", "quartz", "raven", "sierra", "tundra",
         "umbra", "vector", "willow", "xenon", "yonder", "zephyr"]
AZS = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
INSTANCE_TYPES = ["t3.micro", "t3.small", "t3.medium", "m6i.large", "m6i.xlarge", "c6i.large", "r6i.large"]
IAM_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "sqs:SendMessage",
               "sqs:ReceiveMessage", "sqs:DeleteMessage", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
               "kms:Decrypt", "kms:GenerateDataKey", "logs:CreateLogStream", "logs:PutLogEvents",
               "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
               "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParametersByPath", "sns:Publish",
               "events:PutEvents", "xray:PutTraceSegments", "cloudwatch:PutMetricData"]

# (type, schema_version, block weight). Modern AWS configurations are dominated by small resources
# (attachments, records, rules, the split-out S3 bucket settings); the large ones carry the padding.
TYPES = [
    ("aws_iam_role_policy_attachment", 0, 14),
    ("aws_security_group_rule", 2, 10),
    ("aws_route53_record", 2, 8),
    ("aws_ssm_parameter", 0, 7),
    ("aws_s3_bucket_public_access_block", 0, 6),
    ("aws_lb_target_group_attachment", 0, 6),
    ("aws_cloudwatch_log_group", 0, 6),
    ("aws_iam_role", 0, 6),
    ("aws_s3_bucket_versioning", 0, 5),
    ("aws_s3_bucket_ownership_controls", 0, 4),
    ("random_id", 0, 4),
    ("aws_s3_bucket", 0, 4),
    ("aws_iam_policy", 0, 4),
    ("aws_security_group", 1, 4),
    ("aws_lambda_function", 0, 3),
    ("aws_sqs_queue", 0, 3),
    ("aws_ecs_task_definition", 1, 3),
    ("aws_instance", 1, 2),
]
RANDOM = "registry.terraform.io/hashicorp/random"
# Unpadded, the resources below average about 2.8 kB each in a plan (values up to four times over:
# planned_values, before, after, prior_state, plus the after_unknown / *_sensitive shapes). 260 resources
# per MB leaves roughly a quarter of the file to padded policy documents, user data and rules.
RESOURCES_PER_MB = 260
SCHEMA = {t: v for t, v, _ in TYPES}
SCHEMA.update({"aws_ecr_repository": 0, "aws_ecr_registry_scanning_configuration": 0,
               "aws_ecr_repository_creation_template": 0})


def provider(rtype):
    return RANDOM if rtype.startswith("random_") else AWS


def dumps(obj):
    # Terraform (Go encoding/json) escapes <, > and & inside strings; they never occur outside strings.
    s = json.dumps(obj, separators=(",", ":"))
    if "<" in s or ">" in s or "&" in s:
        s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return s


def sortd(v):
    """Terraform writes attribute maps with sorted keys (Go maps)."""
    if isinstance(v, dict):
        return {k: sortd(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sortd(x) for x in v]
    return v


def skel(v):
    """after_unknown / *_sensitive shape: containers kept, known leaves omitted (maps) or false (lists)."""
    if isinstance(v, dict):
        return {k: skel(x) for k, x in v.items() if isinstance(x, (dict, list))}
    if isinstance(v, list):
        return [skel(x) if isinstance(x, (dict, list)) else False for x in v]
    return False


class Inst:
    """One resource instance; only metadata is kept in memory, values are regenerated on demand."""
    __slots__ = ("i", "address", "module", "rtype", "name", "index", "action", "ecr", "rname")

    def __init__(self, i, address, module, rtype, name, index, action, ecr=None, rname=None):
        self.i, self.address, self.module, self.rtype, self.name = i, address, module, rtype, name
        self.index, self.action, self.ecr, self.rname = index, action, ecr, rname


class Block:
    __slots__ = ("module", "rtype", "name", "kind", "keys", "deleted")

    def __init__(self, module, rtype, name, kind, keys, deleted):
        self.module, self.rtype, self.name, self.kind, self.keys, self.deleted = module, rtype, name, kind, keys, deleted


class Generator:
    def __init__(self, n, seed):
        self.n, self.seed = n, seed
        rng = random.Random(seed)
        self.pool = base64.b64encode(rng.randbytes(3 * 1024 * 1024)).decode()
        self.statements = [self._statement(rng, k) for k in range(512)]
        self.sg_rules = [self._sg_rule(rng) for _ in range(256)]
        self._plan_layout(rng)

    # ---------- layout ----------
    def _plan_layout(self, rng):
        mods = [""] + [f"module.m{k}" for k in range(40)]
        mods += [f"module.m{k}.module.sub" for k in range(0, 40, 5)]
        self.modules = mods
        blocks = []
        used = set()

        def block_name(rtype, module):
            while True:
                nm = f"{rng.choice(WORDS)}_{rng.randrange(10000):04d}"
                if (module, rtype, nm) not in used:
                    used.add((module, rtype, nm))
                    return nm

        total_ecr = max(1, round(self.n * 0.01))
        count = 0
        ecr = 0
        # ECR blocks first (about 1% of instances), then everything else
        while ecr < total_ecr:
            module = "" if rng.random() < 0.3 else rng.choice(mods[1:])
            if module and rng.random() < 0.8:
                k = min(rng.randint(2, 6), total_ecr - ecr)
                keys = sorted({f"{rng.choice(WORDS)}-{rng.randrange(100)}" for _ in range(k)})
                if (module, "aws_ecr_repository", "this") in used:
                    nm = block_name("aws_ecr_repository", module)
                else:
                    used.add((module, "aws_ecr_repository", "this"))
                    nm = "this"
                blocks.append(Block(module, "aws_ecr_repository", nm, "for_each", keys, rng.random() < 0.015))
                ecr += len(keys)
            else:
                blocks.append(Block(module, "aws_ecr_repository", block_name("aws_ecr_repository", module),
                                    "single", None, rng.random() < 0.015))
                ecr += 1
        count = ecr
        # the registry-level ECR settings, once, in the root module
        blocks.append(Block("", "aws_ecr_registry_scanning_configuration", "this", "single", None, False))
        blocks.append(Block("", "aws_ecr_repository_creation_template", "pull_through", "single", None, False))
        count += 2
        types = [t for t, _, _ in TYPES]
        weights = [w for _, _, w in TYPES]
        while count < self.n:
            rtype = rng.choices(types, weights)[0]
            module = rng.choice(mods)
            r = rng.random()
            left = self.n - count
            if r < 0.65 or left < 2:
                kind, keys = "single", None
            elif r < 0.80:
                kind, keys = "count", list(range(min(rng.randint(2, 6), left)))
            else:
                kind = "for_each"
                keys = sorted({f"{rng.choice(WORDS)}-{rng.randrange(1000)}" for _ in range(min(rng.randint(2, 6), left))})
            blocks.append(Block(module, rtype, block_name(rtype, module), kind, keys, rng.random() < 0.02))
            count += 1 if keys is None else len(keys)
        self.blocks = blocks

        insts = []
        ecr_names = []
        seen_names = set()
        for b in blocks:
            prefix = (b.module + ".") if b.module else ""
            for key in (b.keys if b.keys is not None else [None]):
                if key is None:
                    addr = f"{prefix}{b.rtype}.{b.name}"
                elif isinstance(key, int):
                    addr = f"{prefix}{b.rtype}.{b.name}[{key}]"
                else:
                    addr = f'{prefix}{b.rtype}.{b.name}["{key}"]'
                i = len(insts)
                ecr_kind = rname = None
                if b.deleted:
                    action = ["delete"]
                elif b.rtype == "aws_ecr_repository":
                    ecr_kind, action = self._ecr_kind(rng)
                elif b.rtype.startswith("aws_ecr_"):
                    action = ["no-op"]
                else:
                    r = rng.random()
                    action = (["no-op"] if r < 0.45 else ["create"] if r < 0.87 else ["update"] if r < 0.96
                              else ["delete", "create"] if r < 0.98 else ["create", "delete"])
                if b.rtype == "aws_ecr_repository":
                    team = TEAMS[i % len(TEAMS)]
                    base = key if isinstance(key, str) else b.name.replace("_", "-")
                    if b.module:
                        base += "-" + b.module.rsplit(".", 1)[1]
                    rname = f"prod-{base}" if i % 3 == 0 else f"{team}/{base}"
                    while rname in seen_names:
                        rname += "-x"
                    seen_names.add(rname)
                    if not b.deleted:
                        ecr_names.append((rname, ecr_kind))
                insts.append(Inst(i, addr, b.module, b.rtype, b.name, key, action, ecr_kind, rname))
        self.insts = insts
        self.ecr_names = ecr_names or [("app", "IMMUTABLE")]

    @staticmethod
    def _ecr_kind(rng):
        r = rng.random()
        if r < 0.38:
            kind = "IMMUTABLE"
        elif r < 0.60:
            kind = "MUTABLE"
        elif r < 0.70:
            kind = "DEFAULT"          # not set in config: the provider default shows as MUTABLE
        elif r < 0.84:
            kind = "IMMUTABLE_WITH_EXCLUSION"
        elif r < 0.87:
            kind = "MUTABLE_WITH_EXCLUSION"
        elif r < 0.94:
            return "UNKNOWN", ["create"]
        elif r < 0.97:
            return "TO_MUTABLE", ["update"]
        else:
            return "TO_IMMUTABLE", ["update"]
        a = rng.random()
        return kind, (["no-op"] if a < 0.6 else ["create"] if a < 0.9 else ["update"])

    # ---------- padding material ----------
    @staticmethod
    def _statement(rng, k):
        acts = sorted(rng.sample(IAM_ACTIONS, rng.randint(2, 6)))
        res = [f"arn:aws:s3:::{rng.choice(TEAMS)}-{rng.choice(WORDS)}-{rng.randrange(1000)}/*"
               for _ in range(rng.randint(1, 3))]
        st = {"Sid": f"Stmt{k:04d}", "Effect": "Allow", "Action": acts, "Resource": res}
        if rng.random() < 0.3:
            st["Condition"] = {"StringEquals": {"aws:PrincipalTag/team": rng.choice(TEAMS)}}
        return json.dumps(st, separators=(",", ":"))

    @staticmethod
    def _sg_rule(rng):
        port = rng.choice([22, 80, 443, 5432, 6379, 8080, 8443, 9090])
        return {"cidr_blocks": [f"10.{rng.randrange(256)}.{rng.randrange(256)}.0/24" for _ in range(rng.randint(1, 3))],
                "description": f"{rng.choice(TEAMS)} {rng.choice(WORDS)} access",
                "from_port": port, "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "tcp",
                "security_groups": [], "self": False, "to_port": port}

    def _policy(self, rng, length):
        parts = []
        size = 40
        while True:
            s = self.statements[rng.randrange(len(self.statements))]
            parts.append(s)
            size += len(s) + 1
            if size >= length:
                break
        return '{"Version":"2012-10-17","Statement":[' + ",".join(parts) + "]}"

    def _b64(self, rng, length):
        length = max(4, length - length % 4)
        start = rng.randrange(len(self.pool) - length - 1) if length < len(self.pool) - 1 else 0
        return self.pool[start:start + length]

    # ---------- values ----------
    def values(self, inst, pad):
        """(existing values, computed-only keys) for one instance; deterministic."""
        rng = random.Random(self.seed * 1_000_003 + inst.i)
        t = inst.rtype
        team = TEAMS[inst.i % len(TEAMS)]
        nm = f"{team}-{inst.name.replace('_', '-')}" + (f"-{inst.index}" if inst.index is not None else "")
        tags = {"Name": nm, "Team": team, "CostCenter": f"cc-{rng.randrange(100, 999)}"}
        tags_all = {**DEFAULT_TAGS, **tags}
        rid = f"{rng.getrandbits(64):016x}"
        if t == "aws_ecr_repository":
            return self._ecr(inst, rng, tags, tags_all)
        if t == "aws_ecr_registry_scanning_configuration":
            return ({"id": ACCOUNT, "region": REGION, "registry_id": ACCOUNT,
                     "rule": [{"repository_filter": [{"filter": "prod-*", "filter_type": "WILDCARD"}],
                               "scan_frequency": "SCAN_ON_PUSH"}], "scan_type": "ENHANCED"}, [])
        if t == "aws_ecr_repository_creation_template":
            return ({"applied_for": ["PULL_THROUGH_CACHE"], "custom_role_arn": None, "description": "pull-through cache",
                     "encryption_configuration": [{"encryption_type": "AES256", "kms_key": ""}], "id": "docker-hub",
                     "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
                     "image_tag_mutability_exclusion_filter": [{"filter": "latest", "filter_type": "WILDCARD"}],
                     "lifecycle_policy": "", "prefix": "docker-hub", "region": REGION, "registry_id": ACCOUNT,
                     "repository_policy": "", "resource_tags": {}}, [])
        if t == "aws_iam_role_policy_attachment":
            return ({"id": f"{nm}-{rid[:20]}", "policy_arn": f"arn:aws:iam::{ACCOUNT}:policy/{nm}", "role": nm}, ["id"])
        if t == "aws_lb_target_group_attachment":
            tg = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/{nm[:20]}/{rid}"
            return ({"availability_zone": None, "id": f"{tg}-{rid[:20]}", "port": rng.choice([80, 8080, 9000]),
                     "region": REGION, "target_group_arn": tg, "target_id": f"i-0{rid[1:17]}"}, ["id"])
        if t == "aws_s3_bucket_versioning":
            return ({"bucket": nm, "expected_bucket_owner": "", "id": nm, "mfa": None, "region": REGION,
                     "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}, ["id"])
        if t == "aws_s3_bucket_ownership_controls":
            return ({"bucket": nm, "id": nm, "region": REGION,
                     "rule": [{"object_ownership": "BucketOwnerEnforced"}]}, ["id"])
        if t == "random_id":
            raw = rng.randbytes(8)
            return ({"b64_std": base64.b64encode(raw).decode(), "b64_url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
                     "byte_length": 8, "dec": str(int.from_bytes(raw, "big")), "hex": raw.hex(),
                     "id": base64.urlsafe_b64encode(raw).decode().rstrip("="), "keepers": {"name": nm}, "prefix": None},
                    ["b64_std", "b64_url", "dec", "hex", "id"])
        if t == "aws_route53_record":
            return ({"alias": [], "allow_overwrite": None, "cidr_routing_policy": [], "failover_routing_policy": [],
                     "fqdn": f"{nm}.internal.example.com", "geolocation_routing_policy": [],
                     "geoproximity_routing_policy": [], "health_check_id": "",
                     "id": f"Z0{rid[:12].upper()}_{nm}.internal.example.com_A", "latency_routing_policy": [],
                     "multivalue_answer_routing_policy": False, "name": f"{nm}.internal.example.com",
                     "records": [f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"],
                     "set_identifier": "", "ttl": 300, "type": "A", "weighted_routing_policy": [],
                     "zone_id": f"Z0{rid[:12].upper()}"}, ["fqdn", "id"])
        if t == "aws_ssm_parameter":
            return ({"allowed_pattern": "", "arn": f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{team}/{nm}",
                     "data_type": "text", "description": f"{nm} setting", "id": f"/{team}/{nm}",
                     "insecure_value": f"{rng.choice(WORDS)}-{rng.randrange(100000)}", "key_id": "",
                     "name": f"/{team}/{nm}", "overwrite": None, "tags": tags, "tags_all": tags_all,
                     "tier": "Standard", "type": "String", "value": None, "value_wo": None,
                     "value_wo_version": None, "version": rng.randint(1, 40)}, ["arn", "id", "version"])
        if t == "aws_security_group_rule":
            port = rng.choice([22, 443, 5432, 6379, 8080])
            return ({"cidr_blocks": [f"10.{rng.randrange(256)}.0.0/16"], "description": f"{team} {port}",
                     "from_port": port, "id": f"sgrule-{rng.getrandbits(32)}", "ipv6_cidr_blocks": None,
                     "prefix_list_ids": None, "protocol": "tcp", "security_group_id": f"sg-{rid[:17]}",
                     "security_group_rule_id": f"sgr-{rid[:17]}", "self": False, "source_security_group_id": None,
                     "timeouts": None, "to_port": port, "type": "ingress"}, ["id", "security_group_rule_id"])
        if t == "aws_cloudwatch_log_group":
            return ({"arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/{team}/{nm}", "id": f"/aws/{team}/{nm}",
                     "kms_key_id": "", "log_group_class": "STANDARD", "name": f"/aws/{team}/{nm}", "name_prefix": "",
                     "retention_in_days": rng.choice([7, 14, 30, 90, 365]), "skip_destroy": False, "tags": tags,
                     "tags_all": tags_all}, ["arn", "id"])
        if t == "aws_s3_bucket_public_access_block":
            return ({"block_public_acls": True, "block_public_policy": True, "bucket": nm, "id": nm,
                     "ignore_public_acls": True, "restrict_public_buckets": True}, ["id"])
        if t == "aws_iam_role":
            trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                               "Principal": {"Service": rng.choice(["ec2.amazonaws.com", "lambda.amazonaws.com",
                                                                    "ecs-tasks.amazonaws.com"])}}]},
                               separators=(",", ":"))
            return ({"arn": f"arn:aws:iam::{ACCOUNT}:role/{nm}", "assume_role_policy": trust,
                     "create_date": "2024-05-17T08:21:44Z", "description": f"Role for {nm}",
                     "force_detach_policies": False, "id": nm,
                     "inline_policy": [{"name": f"{nm}-inline", "policy": self._policy(rng, pad)}],
                     "managed_policy_arns": [f"arn:aws:iam::{ACCOUNT}:policy/{team}-base"], "max_session_duration": 3600,
                     "name": nm, "name_prefix": "", "path": "/", "permissions_boundary": "", "tags": tags,
                     "tags_all": tags_all, "unique_id": f"AROA{rid.upper()}"},
                    ["arn", "create_date", "id", "managed_policy_arns", "unique_id"])
        if t == "aws_iam_policy":
            return ({"arn": f"arn:aws:iam::{ACCOUNT}:policy/{nm}", "attachment_count": rng.randint(0, 4),
                     "description": f"Access for {nm}", "id": f"arn:aws:iam::{ACCOUNT}:policy/{nm}", "name": nm,
                     "name_prefix": "", "path": "/", "policy": self._policy(rng, pad), "policy_id": f"ANPA{rid.upper()}",
                     "tags": tags, "tags_all": tags_all}, ["arn", "attachment_count", "id", "policy_id"])
        if t == "aws_s3_bucket":
            policy = self._policy(rng, pad // 2) if rng.random() < 0.5 else ""
            return ({"acceleration_status": "", "acl": None, "arn": f"arn:aws:s3:::{nm}", "bucket": nm,
                     "bucket_domain_name": f"{nm}.s3.amazonaws.com", "bucket_prefix": "",
                     "bucket_region": REGION, "bucket_regional_domain_name": f"{nm}.s3.{REGION}.amazonaws.com",
                     "cors_rule": [], "force_destroy": False,
                     "grant": [{"id": rid * 4, "permissions": ["FULL_CONTROL"], "type": "CanonicalUser", "uri": ""}],
                     "hosted_zone_id": "Z1BKCTXD74EZPE", "id": nm, "lifecycle_rule": [], "logging": [],
                     "object_lock_configuration": [], "object_lock_enabled": False, "policy": policy,
                     "region": REGION, "replication_configuration": [], "request_payer": "BucketOwner",
                     "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [
                         {"kms_master_key_id": "", "sse_algorithm": "AES256"}], "bucket_key_enabled": False}]}],
                     "tags": tags, "tags_all": tags_all, "timeouts": None,
                     "versioning": [{"enabled": rng.random() < 0.7, "mfa_delete": False}], "website": [],
                     "website_domain": None, "website_endpoint": None},
                    ["arn", "bucket_domain_name", "bucket_regional_domain_name", "hosted_zone_id", "id", "policy",
                     "acceleration_status", "request_payer", "grant", "region", "bucket_region"])
        if t == "aws_security_group":
            rules = []
            size = 0
            while size < pad:
                r = self.sg_rules[rng.randrange(len(self.sg_rules))]
                rules.append(r)
                size += 230
            return ({"arn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/sg-{rid[:17]}",
                     "description": f"{nm} security group",
                     "egress": [{"cidr_blocks": ["0.0.0.0/0"], "description": "", "from_port": 0, "ipv6_cidr_blocks": [],
                                 "prefix_list_ids": [], "protocol": "-1", "security_groups": [], "self": False,
                                 "to_port": 0}],
                     "id": f"sg-{rid[:17]}", "ingress": rules, "name": nm, "name_prefix": "", "owner_id": ACCOUNT,
                     "revoke_rules_on_delete": False, "tags": tags, "tags_all": tags_all, "timeouts": None,
                     "vpc_id": f"vpc-0{rid[1:17]}"}, ["arn", "id", "owner_id"])
        if t == "aws_lambda_function":
            env = {}
            size = 0
            k = 0
            while size < pad:
                v = self._b64(rng, rng.randint(40, 400))
                env[f"CONFIG_{k:03d}"] = v
                size += len(v) + 14
                k += 1
            return ({"architectures": ["arm64"], "arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{nm}",
                     "code_sha256": self._b64(rng, 44), "code_signing_config_arn": "", "dead_letter_config": [],
                     "description": "", "environment": [{"variables": env}], "ephemeral_storage": [{"size": 512}],
                     "file_system_config": [], "filename": f"build/{nm}.zip", "function_name": nm,
                     "handler": "app.handler", "id": nm, "image_config": [], "image_uri": "",
                     "invoke_arn": f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:{REGION}:{ACCOUNT}:function:{nm}/invocations",
                     "kms_key_arn": "", "last_modified": "2025-09-30T12:00:00.000+0000", "layers": [],
                     "logging_config": [{"application_log_level": "", "log_format": "Text",
                                         "log_group": f"/aws/lambda/{nm}", "system_log_level": ""}],
                     "memory_size": rng.choice([128, 256, 512, 1024]), "package_type": "Zip", "publish": False,
                     "qualified_arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{nm}:$LATEST",
                     "region": REGION, "reserved_concurrent_executions": -1,
                     "role": f"arn:aws:iam::{ACCOUNT}:role/{nm}", "runtime": "python3.12", "s3_bucket": None,
                     "s3_key": None, "s3_object_version": None, "skip_destroy": False, "snap_start": [],
                     "source_code_hash": self._b64(rng, 44), "source_code_size": rng.randint(10000, 9000000),
                     "tags": tags, "tags_all": tags_all, "timeout": rng.choice([3, 10, 30, 60]), "timeouts": None,
                     "tracing_config": [{"mode": "PassThrough"}], "version": "$LATEST", "vpc_config": []},
                    ["arn", "code_sha256", "id", "invoke_arn", "last_modified", "qualified_arn", "source_code_size",
                     "version", "logging_config"])
        if t == "aws_sqs_queue":
            url = f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{nm}"
            return ({"arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:{nm}", "content_based_deduplication": False,
                     "deduplication_scope": "", "delay_seconds": 0, "fifo_queue": False, "fifo_throughput_limit": "",
                     "id": url, "kms_data_key_reuse_period_seconds": 300, "kms_master_key_id": "",
                     "max_message_size": 262144, "message_retention_seconds": 345600, "name": nm, "name_prefix": "",
                     "policy": self._policy(rng, pad // 2), "receive_wait_time_seconds": 0,
                     "redrive_allow_policy": "", "redrive_policy": "", "region": REGION,
                     "sqs_managed_sse_enabled": True, "tags": tags, "tags_all": tags_all, "timeouts": None,
                     "url": url, "visibility_timeout_seconds": 30}, ["arn", "id", "url"])
        if t == "aws_instance":
            return ({"ami": f"ami-0{rid[1:17]}", "arn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:instance/i-0{rid[1:17]}",
                     "associate_public_ip_address": False, "availability_zone": rng.choice(AZS),
                     "capacity_reservation_specification": [{"capacity_reservation_preference": "open",
                                                             "capacity_reservation_target": []}],
                     "cpu_options": [{"amd_sev_snp": "", "core_count": 1, "threads_per_core": 2}],
                     "credit_specification": [], "disable_api_stop": False, "disable_api_termination": False,
                     "ebs_block_device": [], "ebs_optimized": True, "enclave_options": [{"enabled": False}],
                     "ephemeral_block_device": [], "get_password_data": False, "hibernation": False,
                     "host_id": "", "iam_instance_profile": nm, "id": f"i-0{rid[1:17]}",
                     "instance_initiated_shutdown_behavior": "stop", "instance_lifecycle": "",
                     "instance_market_options": [], "instance_state": "running",
                     "instance_type": rng.choice(INSTANCE_TYPES), "ipv6_address_count": 0, "ipv6_addresses": [],
                     "key_name": "", "launch_template": [], "maintenance_options": [{"auto_recovery": "default"}],
                     "metadata_options": [{"http_endpoint": "enabled", "http_protocol_ipv6": "disabled",
                                           "http_put_response_hop_limit": 2, "http_tokens": "required",
                                           "instance_metadata_tags": "disabled"}],
                     "monitoring": False, "network_interface": [], "outpost_arn": "", "password_data": "",
                     "placement_group": "", "placement_partition_number": 0,
                     "primary_network_interface_id": f"eni-0{rid[1:17]}",
                     "private_dns": f"ip-10-0-{rng.randrange(256)}-{rng.randrange(256)}.{REGION}.compute.internal",
                     "private_ip": f"10.0.{rng.randrange(256)}.{rng.randrange(256)}", "public_dns": "",
                     "public_ip": "", "region": REGION,
                     "root_block_device": [{"delete_on_termination": True, "device_name": "/dev/xvda",
                                            "encrypted": True, "iops": 3000, "kms_key_id": "", "tags": {},
                                            "tags_all": {}, "throughput": 125, "volume_id": f"vol-0{rid[1:17]}",
                                            "volume_size": rng.choice([20, 50, 100]), "volume_type": "gp3"}],
                     "secondary_private_ips": [], "security_groups": [], "source_dest_check": True,
                     "spot_instance_request_id": "", "subnet_id": f"subnet-0{rid[1:17]}", "tags": tags,
                     "tags_all": tags_all, "tenancy": "default", "timeouts": None, "user_data": None,
                     "user_data_base64": self._b64(rng, pad), "user_data_replace_on_change": False,
                     "volume_tags": None, "vpc_security_group_ids": [f"sg-0{rid[1:17]}"]},
                    ["arn", "id", "instance_state", "primary_network_interface_id", "private_dns", "private_ip",
                     "public_dns", "public_ip", "password_data", "outpost_arn", "host_id", "instance_lifecycle",
                     "spot_instance_request_id", "ipv6_addresses", "cpu_options", "capacity_reservation_specification"])
        if t == "aws_ecs_task_definition":
            repo, kind = self.ecr_names[rng.randrange(len(self.ecr_names))]
            r = rng.random()
            if r < 0.3:
                image = f"{ECR_HOST}/{repo}:latest"
            elif r < 0.7:
                image = f"{ECR_HOST}/{repo}:{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"
            else:
                image = f"{ECR_HOST}/{repo}@sha256:{self._b64(rng, 64).encode().hex()[:64]}"
            cds = [{"essential": True, "image": image, "memory": 512, "mountPoints": [], "name": "app",
                    "environment": [{"name": "TEAM", "value": team}], "portMappings": [], "systemControls": [],
                    "volumesFrom": []}]
            return ({"arn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{nm}:{rng.randint(1, 90)}",
                     "arn_without_revision": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{nm}",
                     "container_definitions": json.dumps(cds, separators=(",", ":")), "cpu": "256",
                     "enable_fault_injection": False, "ephemeral_storage": [],
                     "execution_role_arn": f"arn:aws:iam::{ACCOUNT}:role/{team}-ecs-execution", "family": nm,
                     "id": nm, "inference_accelerator": [], "ipc_mode": "", "memory": "512", "network_mode": "awsvpc",
                     "pid_mode": "", "placement_constraints": [], "proxy_configuration": [], "region": REGION,
                     "requires_compatibilities": ["FARGATE"], "revision": rng.randint(1, 90), "runtime_platform": [],
                     "skip_destroy": False, "tags": tags, "tags_all": tags_all, "task_role_arn": "",
                     "track_latest": False, "volume": []}, ["arn", "arn_without_revision", "id", "revision"])
        raise ValueError(t)

    def _ecr(self, inst, rng, tags, tags_all):
        kind = inst.ecr or "MUTABLE"
        mut = {"DEFAULT": "MUTABLE", "UNKNOWN": None, "TO_MUTABLE": "IMMUTABLE", "TO_IMMUTABLE": "MUTABLE"}.get(kind, kind)
        filters = []
        if kind.endswith("_WITH_EXCLUSION"):
            filters = [{"filter": f, "filter_type": "WILDCARD"}
                       for f in rng.sample(["latest", "dev-*", "snapshot-*", "pr-*", "main"], rng.randint(1, 2))]
        scan = rng.random()
        v = {"arn": f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/{inst.rname}",
             "encryption_configuration": [{"encryption_type": "AES256", "kms_key": ""}],
             "force_delete": True if rng.random() < 0.05 else None, "id": inst.rname,
             "image_scanning_configuration": [] if scan < 0.15 else [{"scan_on_push": scan < 0.75}],
             "image_tag_mutability": mut, "image_tag_mutability_exclusion_filter": filters, "name": inst.rname,
             "region": REGION, "registry_id": ACCOUNT, "repository_url": f"{ECR_HOST}/{inst.rname}", "tags": tags,
             "tags_all": tags_all, "timeouts": None}
        return v, ["arn", "id", "registry_id", "repository_url"]

    def change(self, inst, pad):
        """(before, after, after_unknown) of one instance."""
        vals, computed = self.values(inst, pad)
        vals = sortd(vals)
        a = inst.action
        if a == ["delete"]:
            return vals, None, {}
        if a == ["create"] or a[0:2] in (["delete", "create"], ["create", "delete"]):
            before = vals if a != ["create"] else None
            after = {k: v for k, v in vals.items() if k not in computed}
            unknown = skel(after)
            for k in computed:
                unknown[k] = True
            if inst.rtype == "aws_ecr_repository":
                after["encryption_configuration"] = [{"encryption_type": "AES256"}]
                unknown["encryption_configuration"] = [{"kms_key": True}]
                if inst.ecr == "UNKNOWN":
                    del after["image_tag_mutability"]
                    unknown["image_tag_mutability"] = True
            return before, after, sortd(unknown)
        if a == ["update"]:
            after = dict(vals)
            if inst.rtype == "aws_ecr_repository" and inst.ecr in ("TO_MUTABLE", "TO_IMMUTABLE"):
                after["image_tag_mutability"] = "MUTABLE" if inst.ecr == "TO_MUTABLE" else "IMMUTABLE"
            elif "tags" in vals and isinstance(vals["tags"], dict):
                after["tags"] = sortd(dict(vals["tags"], Revision=f"r{inst.i % 97}"))
                after["tags_all"] = sortd(dict(vals["tags_all"], Revision=f"r{inst.i % 97}"))
            return vals, after, skel(after)
        return vals, vals, skel(vals)  # no-op

    # ---------- sections ----------
    def _res_obj(self, inst, values):
        o = {"address": inst.address, "mode": "managed", "type": inst.rtype, "name": inst.name}
        if inst.index is not None:
            o["index"] = inst.index
        o.update({"provider_name": provider(inst.rtype), "schema_version": SCHEMA[inst.rtype], "values": values,
                  "sensitive_values": skel(values)})
        return o

    def planned_str(self, inst, pad):
        before, after, _ = self.change(inst, pad)
        return None if after is None else dumps(self._res_obj(inst, after))

    def prior_str(self, inst, pad):
        before, _, _ = self.change(inst, pad)
        return None if before is None else dumps(self._res_obj(inst, before))

    def change_str(self, inst, pad):
        before, after, unknown = self.change(inst, pad)
        rc = {"address": inst.address}
        if inst.module:
            rc["module_address"] = inst.module
        rc.update({"mode": "managed", "type": inst.rtype, "name": inst.name})
        if inst.index is not None:
            rc["index"] = inst.index
        rc["provider_name"] = provider(inst.rtype)
        ch = {"actions": inst.action, "before": before, "after": after, "after_unknown": unknown,
              "before_sensitive": skel(before) if before is not None else False,
              "after_sensitive": skel(after) if after is not None else False}
        if inst.rtype == "aws_ssm_parameter":
            if before is not None:
                ch["before_sensitive"]["value"] = True
            if after is not None:
                ch["after_sensitive"]["value"] = True
        if inst.action[0:2] in (["delete", "create"], ["create", "delete"]):
            ch["replace_paths"] = [["name"]]
        rc["change"] = ch
        if inst.action == ["delete"]:
            rc["action_reason"] = "delete_because_no_resource_config"
        elif len(inst.action) == 2:
            rc["action_reason"] = "replace_because_cannot_update"
        return dumps(rc)

    def config_str(self, b):
        rel = f"{b.rtype}.{b.name}"
        ex = {"tags": {"references": ["local.common_tags"]}}
        if b.rtype == "aws_ecr_repository":
            ex["name"] = {"references": ["each.key"]} if b.kind == "for_each" else {"constant_value": b.name}
            ex["image_scanning_configuration"] = [{"scan_on_push": {"references": ["var.scan_on_push"]}}]
            ex["image_tag_mutability"] = {"references": ["var.image_tag_mutability"]}
        elif b.rtype in ("aws_iam_role", "aws_iam_policy", "aws_s3_bucket", "aws_sqs_queue", "aws_lambda_function"):
            ex["name"] = {"references": ["local.name_prefix"]}
            ex["policy"] = {"references": [f"data.aws_iam_policy_document.{b.name}.json",
                                           f"data.aws_iam_policy_document.{b.name}"]}
        o = {"address": rel, "mode": "managed", "type": b.rtype, "name": b.name,
             "provider_config_key": b.rtype.split("_", 1)[0],
             "expressions": ex, "schema_version": SCHEMA[b.rtype]}
        if b.kind == "count":
            o["count_expression"] = {"references": ["var.instance_count"]}
        elif b.kind == "for_each":
            o["for_each_expression"] = {"references": ["var.items"]}
        return dumps(o)


def write_values_tree(w, gen, by_module, children, module, fn, pad):
    """Write one module of a values tree (planned_values / prior_state), as Terraform does: resources sorted by
    address, then the address (not for the root), then child modules sorted by address; empty fields omitted."""
    objs = [s for s in (fn(inst, pad) for inst in by_module.get(module, [])) if s is not None]
    fields = []
    if objs:
        fields.append("resources")
    if module:
        fields.append("address")
    kids = sorted(children.get(module, []))
    if kids:
        fields.append("child_modules")
    w("{")
    for n, field in enumerate(fields):
        if n:
            w(",")
        if field == "resources":
            w('"resources":[')
            w(",".join(objs))
            w("]")
        elif field == "address":
            w('"address":' + json.dumps(module))
        else:
            w('"child_modules":[')
            for k, child in enumerate(kids):
                if k:
                    w(",")
                write_values_tree(w, gen, by_module, children, child, fn, pad)
            w("]")
    w("}")


def module_children(modules_with_content):
    children = {}
    for m in modules_with_content:
        cur = m
        while cur:
            parent = cur.rsplit(".module.", 1)[0] if ".module." in cur else ""
            children.setdefault(parent, set()).add(cur)
            cur = parent
    return children


def write_config_module(w, gen, blocks_by_module, children, module):
    w('{"resources":[')
    w(",".join(gen.config_str(b) for b in blocks_by_module.get(module, [])))
    w("]")
    kids = sorted(children.get(module, []))
    if kids:
        w(',"module_calls":{')
        for n, child in enumerate(kids):
            if n:
                w(",")
            call = child.rsplit("module.", 1)[1]
            w(json.dumps(call) + ':{"source":' + json.dumps(f"./modules/{call}") +
              ',"expressions":{"items":{"references":["local.items"]}},"module":')
            write_config_module(w, gen, blocks_by_module, children, child)
            w("}")
        w("}")
    if not module:
        w(',"variables":{"environment":{"default":"prod"},"region":{"default":"eu-west-1"},'
          '"image_tag_mutability":{"default":"IMMUTABLE"},"scan_on_push":{"default":true}}')
    w("}")


def generate(n, target_mb, seed, out):
    t0 = time.time()
    gen = Generator(n, seed)
    insts = gen.insts
    by_module = {}
    for inst in sorted(insts, key=lambda x: x.address):
        by_module.setdefault(inst.module, []).append(inst)
    planned_mods = {i.module for i in insts if i.action != ["delete"] and i.module}
    prior_mods = {i.module for i in insts if i.action != ["create"] and i.module}
    blocks_by_module = {}
    for b in gen.blocks:
        if not b.deleted:
            blocks_by_module.setdefault(b.module, []).append(b)
    for ms in blocks_by_module.values():
        ms.sort(key=lambda b: f"{b.rtype}.{b.name}")
    config_mods = {m for m in blocks_by_module if m}

    # ---- calibrate the padding: bytes per instance = a + b * pad, from a sample ----
    target = int(target_mb * 1_000_000)
    step = max(1, len(insts) // 4000)
    sample = insts[::step]

    def sample_bytes(pad):
        total = 0
        for inst in sample:
            total += len(gen.change_str(inst, pad))
            for fn in (gen.planned_str, gen.prior_str):
                s = fn(inst, pad)
                total += len(s) + 1 if s is not None else 0
        return total * len(insts) / len(sample)

    config_bytes = sum(len(gen.config_str(b)) + 1 for bs in blocks_by_module.values() for b in bs)
    p1 = 6000
    base = sample_bytes(0) + config_bytes + 4096
    slope = (sample_bytes(p1) - sample_bytes(0)) / p1
    pad = int((target - base) / slope) if target > base and slope > 0 else 0
    for _ in range(2):  # padding grows in steps (whole statements, rules): refine on the sample
        if pad <= 0:
            break
        est = sample_bytes(pad) + config_bytes + 4096
        pad = max(0, int(pad + (target - est) / slope))
    if pad == 0:
        print(f"gen_plan: warning: {n} resources already take about {base / 1e6:.0f} MB without padding; "
              f"--target-mb {target_mb:g} cannot be reached", file=sys.stderr)

    # ---- write ----
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8", buffering=4 * 1024 * 1024) as f:
        w = f.write
        w('{"format_version":"1.2","terraform_version":"' + TF_VERSION + '",')
        w('"variables":{"environment":{"value":"prod"},"image_tag_mutability":{"value":"IMMUTABLE"},'
          '"region":{"value":"eu-west-1"},"scan_on_push":{"value":true}},')
        w('"planned_values":{"outputs":{"registry_id":{"sensitive":false,"type":"string","value":"' + ACCOUNT +
          '"}},"root_module":')
        write_values_tree(w, gen, by_module, module_children(planned_mods), "", gen.planned_str, pad)
        w('},"resource_changes":[')
        first = True
        for inst in sorted(insts, key=lambda x: x.address):
            if not first:
                w(",")
            first = False
            w(gen.change_str(inst, pad))
        w('],"output_changes":{"registry_id":{"actions":["no-op"],"before":"' + ACCOUNT + '","after":"' + ACCOUNT +
          '","after_unknown":false,"before_sensitive":false,"after_sensitive":false}},')
        w('"prior_state":{"format_version":"1.0","terraform_version":"' + TF_VERSION +
          '","values":{"outputs":{"registry_id":{"sensitive":false,"value":"' + ACCOUNT +
          '","type":"string"}},"root_module":')
        write_values_tree(w, gen, by_module, module_children(prior_mods), "", gen.prior_str, pad)
        w('}},"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"' + AWS +
          '","version_constraint":"~> 6.10","expressions":{"region":{"references":["var.region"]}}},'
          '"random":{"name":"random","full_name":"' + RANDOM + '","version_constraint":"~> 3.6"}},"root_module":')
        write_config_module(w, gen, blocks_by_module, module_children(config_mods), "")
        ecr_addrs = [i.address for i in insts if i.rtype == "aws_ecr_repository" and i.action != ["create"]][:3]
        w('},"relevant_attributes":' + dumps([{"resource": a, "attribute": ["image_tag_mutability"]}
                                              for a in ecr_addrs]))
        w(',"timestamp":"2025-10-14T09:12:44Z","applyable":true,"complete":true,"errored":false}\n')

    size = os.path.getsize(out)
    ecr = [i for i in insts if i.rtype == "aws_ecr_repository"]
    judged = [i for i in ecr if i.action != ["delete"]]
    kinds = {}
    for i in judged:
        kinds[i.ecr] = kinds.get(i.ecr, 0) + 1
    in_modules = sum(1 for i in judged if i.module)
    print(f"resources: {len(insts)}", file=sys.stderr)
    print(f"ecr_repositories: {len(ecr)} (judged {len(judged)}, deleted {len(ecr) - len(judged)}, "
          f"in modules {in_modules}; " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")",
          file=sys.stderr)
    print(f"bytes: {size} ({size / 1e6:.1f} MB; target {target_mb:g} MB; padding {pad} characters per padded attribute)",
          file=sys.stderr)
    print(f"seconds: {time.time() - t0:.1f}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resources", type=int, default=None,
                    help="number of resource instances (default: %d per MB of --target-mb, i.e. %d for 110 MB; "
                         "realistic values take about 2.8 kB per resource before padding)"
                         % (RESOURCES_PER_MB, RESOURCES_PER_MB * 110))
    ap.add_argument("--target-mb", type=float, default=110, help="approximate file size in MB of 10^6 bytes (default 110)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--out", required=True, help="output file")
    a = ap.parse_args()
    if a.resources is None:
        a.resources = int(round(a.target_mb * RESOURCES_PER_MB))
    if a.resources < 10:
        ap.error("--resources must be at least 10")
    generate(a.resources, a.target_mb, a.seed, a.out)


if __name__ == "__main__":
    main()
