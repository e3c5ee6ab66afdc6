#!/usr/bin/env bash
# Runs a benchmark on an earlier version of the gateway and on this checkout, one after the other in the same
# session, and prints this checkout's figures as ratios against the earlier ones, so that the noise of a shared
# machine hits both sides alike.
#
#   tools/side-by-side.sh ranking REF    # CandidateRankerBenchmark (JMH), two alternating rounds per side
#   tools/side-by-side.sh flow REF       # FlowLoadBenchmark; REF must have it (from commit 1b5fc9d on)
#
# REF is any git revision (a commit, a tag, HEAD~3). The earlier version is checked out in a scratch worktree
# and built there (nothing is installed into the local Maven repository); the worktree is kept for the next run
# (git worktree remove to drop it). Needs git and python3.
set -euo pipefail

kind=${1:?"usage: tools/side-by-side.sh ranking|flow REF"}
ref=${2:?"usage: tools/side-by-side.sh ranking|flow REF"}
here=$(cd "$(dirname "$0")/.." && pwd)
sha=$(git -C "$here" rev-parse --short "$ref^{commit}")
scratch=${TMPDIR:-/tmp}/dispatch-side-by-side
base=$scratch/$sha
out=$scratch/results-$(date +%Y%m%d-%H%M%S)
mkdir -p "$scratch" "$out"
if [ ! -d "$base" ]; then
  git -C "$here" worktree add --detach "$base" "$sha" >/dev/null
fi
echo "earlier version: $sha ($(git -C "$here" log -1 --format=%s "$sha" | cut -c1-80))"
echo "this checkout:   $(git -C "$here" rev-parse --short HEAD)$([ -z "$(git -C "$here" status --porcelain)" ] \
  || echo ' with uncommitted changes')"

case "$kind" in
  ranking)
    jmh_args=(CandidateRankerBenchmark -f 1 -wi 2 -w 2 -i 3 -r 2 -prof gc)
    for side in "$base" "$here"; do
      (cd "$side" && ./mvnw -B -q -pl gateway-core test-compile \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.outputFile="$side/gateway-core/target/benchmark.classpath" -Dmdep.includeScope=test)
    done
    for round in 1 2; do
      for side in "$base" "$here"; do
        name=$([ "$side" = "$here" ] && echo current || echo earlier)
        echo "round $round: $name"
        (cd "$side/gateway-core" && java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
          org.openjdk.jmh.Main "${jmh_args[@]}" -rf json -rff "$out/$name-$round.json" >"$out/$name-$round.log")
      done
    done
    python3 - "$out" <<'EOF'
import json, statistics, sys, glob
out = sys.argv[1]
def load(name):
    figures = {}
    for path in sorted(glob.glob(f"{out}/{name}-*.json")):
        for result in json.load(open(path)):
            # versions before the plan-length parameter had plans of up to 4 jobs
            size = (int(result["params"]["technicians"]), int(result["params"].get("maxPlanJobs", 4)))
            median = result["primaryMetric"]["scorePercentiles"]["50.0"]
            alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            figures.setdefault(size, {"median": [], "alloc": []})
            figures[size]["median"].append(median)
            if alloc is not None:
                figures[size]["alloc"].append(alloc)
    return figures
earlier, current = load("earlier"), load("current")
print("\n| technicians | plans up to | earlier median | this median | ratio | earlier allocated | this allocated "
      "| ratio |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
def us(v): return f"{v / 1000:.2f} ms" if v >= 1000 else f"{v:.1f} µs"
def kb(v): return f"{v / 1e6:.2f} MB" if v >= 1e6 else f"{v / 1e3:.1f} kB"
for size in sorted(current):
    c = current[size]
    cm = statistics.median(c["median"])
    ca = statistics.median(c["alloc"]) if c["alloc"] else float("nan")
    e = earlier.get(size)
    if e is None:
        print(f"| {size[0]:,} | {size[1]} | - | {us(cm)} | - | - | {kb(ca)} | - |")
        continue
    em = statistics.median(e["median"])
    ea = statistics.median(e["alloc"]) if e["alloc"] else float("nan")
    ratio = lambda now, before: f"{now / before:.2f}" if before else "-"
    print(f"| {size[0]:,} | {size[1]} | {us(em)} | {us(cm)} | {ratio(cm, em)} | {kb(ea)} | {kb(ca)} | {ratio(ca, ea)} |")
print("\n(median per job of each side's rounds; ratio = this / earlier, below 1 is faster or smaller)")
EOF
    grep -h "ranking snapshot at" "$out"/current-1.log | sort -u || true
    ;;
  flow)
    rates=${FLOW_RATES:-50,100,200}
    seconds=${FLOW_SECONDS:-10}
    for side in "$base" "$here"; do
      name=$([ "$side" = "$here" ] && echo current || echo earlier)
      echo "$name: building and running the flow at $rates jobs/s, $seconds s each"
      (cd "$side" && ./mvnw -B -q -pl routes -am -Pflow-benchmark verify -DskipTests \
        -Dflow.rates="$rates" -Dflow.seconds="$seconds" >"$out/$name.log" 2>&1) || {
        echo "the $name run failed; its output is in $out/$name.log"; exit 1; }
    done
    python3 - "$out" <<'EOF'
import re, sys
out = sys.argv[1]
# FlowLoadBenchmark's first table: offered, sent, intake p50, p99, p99.9, failed, decided, decision p50, p99,
# decided/s, deepest queue
shown = {"intake p99": 3, "decision p50": 7, "decision p99": 8, "decided/s": 9, "deepest queue": 10}
def rows(name):
    table = {}
    for line in open(f"{out}/{name}.log"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 11 and cells[0].isdigit():
            table[cells[0]] = cells
    return table
def value(cell):
    m = re.match(r"([\d.]+)\s*(ms|s)?", cell)
    return float(m.group(1)) * (1000 if m.group(2) == "s" else 1) if m else float("nan")
earlier, current = rows("earlier"), rows("current")
print("\n| offered jobs/s | " + " | ".join(f"{s}: earlier, this, ratio" for s in shown) + " |")
print("|---:|" + "---|" * len(shown))
for rate, row in current.items():
    before = earlier.get(rate)
    if before is not None:
        cells = [f"{before[i]}, {row[i]}, " + (f"{value(row[i]) / value(before[i]):.2f}" if value(before[i]) else "-")
                 for i in shown.values()]
        print(f"| {rate} | " + " | ".join(cells) + " |")
print("\n(ratio = this / earlier: below 1 is faster for latencies and queues, above 1 for decided/s)")
EOF
    ;;
  *)
    echo "usage: tools/side-by-side.sh ranking|flow REF" >&2
    exit 2
    ;;
esac
echo "results and logs: $out"
