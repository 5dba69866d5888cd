#!/usr/bin/env bash
# Checks the BOM's promise: a project that imports only ecr-guard-bom and depends on ecr-guard-cdk and
# ecr-guard-cdktf resolves no version range. Every version range that a pom of that project's dependency tree
# declares (cdktf's [10.0.25,11.0.0) for constructs, aws-cdk-lib's [2.2.282], ...) must be pinned by the BOM's
# dependencyManagement (or a BOM it imports). The check reads the BOM itself rather than Maven's verdict: Maven 3
# also applies the dependencyManagement of a dependency's own parent to its transitive dependencies, which
# Gradle and Maven 4 do not, so only the BOM's pins count. A range left open fails, named.
# Needs the modules installed (mvn -pl bom,constructs/cdk,constructs/cdktf -am install) and runs offline.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -1)"
# the local repository the build installed into: .mvn/maven.config's maven.repo.local when it sets one
repo=""
if [[ -f "$root/.mvn/maven.config" ]]; then # a clean clone has none
  repo="$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' "$root/.mvn/maven.config" | head -1)"
fi
repo="${repo:-${HOME}/.m2/repository}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>bom-consumer</artifactId>
  <version>1</version>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.ecrguard</groupId>
        <artifactId>ecr-guard-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>dev.ecrguard</groupId><artifactId>ecr-guard-cdk</artifactId></dependency>
    <dependency><groupId>dev.ecrguard</groupId><artifactId>ecr-guard-cdktf</artifactId></dependency>
  </dependencies>
</project>
POM
(cd "$work" && mvn -B -o -X -Dmaven.repo.local="$repo" org.apache.maven.plugins:maven-dependency-plugin:2.8:tree \
  >"$work/tree.log" 2>&1) || { grep "^\[ERROR\] [A-Z]" "$work/tree.log" | head -5; echo "bom/verify.sh: FAIL: the consumer does not resolve" >&2; exit 1; }
python3 - "$work/tree.log" "$repo" "$version" <<'PY'
import re, sys, xml.etree.ElementTree as ET
log, repo, version = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
ns = {"m": "http://maven.apache.org/POM/4.0.0"}

def pom(g, a, v):
    return ET.parse(f"{repo}/{g.replace('.', '/')}/{a}/{v}/{a}-{v}.pom").getroot()

def properties(root):
    return {p.tag.split("}")[1]: (p.text or "").strip() for p in root.findall("m:properties/*", ns)}

def expand(text, props):
    return re.sub(r"\$\{([^}]+)\}", lambda x: props.get(x[1], x[0]), (text or "").strip())

def pinned_by(root):
    """The keys a BOM's dependencyManagement pins, following its imports."""
    props, keys = properties(root), set()
    for d in root.findall("m:dependencyManagement/m:dependencies/m:dependency", ns):
        key = (expand(d.findtext("m:groupId", "", ns), props), expand(d.findtext("m:artifactId", "", ns), props))
        if d.findtext("m:scope", "", ns) == "import":
            keys |= pinned_by(pom(*key, expand(d.findtext("m:version", "", ns), props)))
        else:
            keys.add(key)
    return keys

pinned = pinned_by(pom("dev.ecrguard", "ecr-guard-bom", version))
# the debug tree: "[DEBUG]    group:artifact:jar:version:scope (version managed from X)"
line = re.compile(r"^\[DEBUG\]\s+([\w.-]+):([\w.-]+):[\w-]+:([^:\s]+):(compile|runtime|provided|test|system)(.*)$")
tree = {}
# only the consumer's tree (the debug log also lists the dependency plugin's own dependencies)
start = log.index("[DEBUG] example:bom-consumer:jar:1")
for l in log[start:].splitlines()[1:]:
    m = line.match(l)
    if not m:
        break
    if m:
        tree[(m[1], m[2])] = m[3]
if ("dev.ecrguard", "ecr-guard-cdk") not in tree:
    sys.exit("bom/verify.sh: FAIL: no dependency tree in the Maven output")
open_ranges, ranges = [], 0
for (g, a), v in tree.items():
    try:
        root = pom(g, a, v)
    except (OSError, ET.ParseError):
        sys.exit(f"bom/verify.sh: FAIL: cannot read the pom of {g}:{a}:{v} in {repo}")
    props = properties(root)
    for d in root.findall("m:dependencies/m:dependency", ns):
        dv = expand(d.findtext("m:version", "", ns), props)
        scope = d.findtext("m:scope", "compile", ns).strip()
        key = (d.findtext("m:groupId", "", ns), d.findtext("m:artifactId", "", ns))
        if dv and dv[0] in "[(" and scope in ("compile", "runtime"):
            ranges += 1
            if key not in pinned:
                open_ranges.append(f"{g}:{a}:{v} declares {key[0]}:{key[1]} {dv}")
if open_ranges:
    sys.exit("bom/verify.sh: FAIL: version ranges the BOM leaves open:\n  " + "\n  ".join(open_ranges))
print(f"bom/verify.sh: ok: {len(tree)} artifacts, {ranges} version ranges declared, every one pinned by the BOM")
PY
