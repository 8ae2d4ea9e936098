#!/usr/bin/python3
"""Segmentflow against the Python/scikit-learn pipeline it replaces, on the same file, side by side.

Run from the repository root after `mvn -q -DskipTests package`:

    src/bench/side_by_side.py                       # 1,000,000 customers, 5 runs each, alternating
    src/bench/side_by_side.py --customers 100000 --runs 7

The reference is ../shared/bench/seg_sklearn.py (pandas + scikit-learn), run with Debian's
/usr/bin/python3 (apt-get install python3-sklearn python3-pandas). It cannot read the demo
generator's broken rows (text in a number column breaks its mean), so the comparison file holds
only complete, valid rows: generated customers with every broken or incomplete row left out, the
first N kept. On such a file both pipelines use the same customers and no value is imputed.

Both run as whole processes, start-up included (JVM and Camel Main; Python interpreter and
imports), alternating ours and theirs, each --runs times. Printed: every wall time, the medians,
their ratio, peak RSS, and the SSE of both in the same space: plain z-scores of total_spent,
purchase_count, avg_session_time and recency_days, k = 4 (ours with
--set segmentation.scale.per-feature= to switch log1p off, as StandardScaler does not log).

Ours runs in up to three configurations in the same rotation:
  ours              the Python script's outputs, as issue 8 defines the comparison: per-segment CSVs
                    and a summary; no database rows, saved model, mail or report, and neither the
                    bootstrap stability check nor the silhouette, which the script does not compute
                    (Calinski-Harabasz and Davies-Bouldin stay in our summary)
  ours-with-checks  the same with our default quality and stability checks on (--with-checks=no to leave out)
  ours-untuned      "ours" in the JVM as started, without the tuned JVM the jar starts ('' to leave out)
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time

from datetime import date

JAR = "target/segmentflow.jar"
SKLEARN = "../shared/bench/seg_sklearn.py"
NUMBER = re.compile(r"^\d+(\.\d+)?$")


def comparison_file(n, work, seed):
    """N complete, valid customers: generated with ~10% to spare, broken or incomplete rows dropped."""
    path = os.path.join(work, f"complete-{n}-seed{seed}.csv")
    if os.path.exists(path):
        return path
    raw = os.path.join(work, f"raw-{n}-seed{seed}.csv")
    subprocess.run(["java", "-jar", JAR, "generate", "--customers", str(int(n * 1.15) + 100), "--seed", str(seed),
                    "--out", raw], check=True, stdout=subprocess.DEVNULL)
    seen = set()
    kept = 0
    with open(raw, newline="") as src, open(path + ".part", "w", newline="") as dst:
        rows = csv.reader(src)
        out = csv.writer(dst, lineterminator="\n")
        out.writerow(next(rows))
        for row in rows:
            if kept == n:
                break
            if len(row) != 5 or not row[0] or row[0] in seen:
                continue
            if not all(NUMBER.match(v) for v in row[1:4]):
                continue
            try:
                date.fromisoformat(row[4])
            except ValueError:
                continue
            seen.add(row[0])
            out.writerow(row)
            kept += 1
    os.remove(raw)
    if kept < n:
        sys.exit(f"only {kept} complete rows; generate more")
    os.replace(path + ".part", path)
    return path


def timed(cmd, time_log):
    t0 = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", "-o", time_log, *cmd], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    with open(time_log) as f:
        rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1)) / 1024
    return wall, rss_mb, proc.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5, help="runs of each, alternating (at least 5 for the record)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--java-opts", default="-Xmx1g")
    ap.add_argument("--with-checks", default="yes", choices=["yes", "no"],
                    help="also run ours with the default silhouette and stability checks, in the same rotation")
    ap.add_argument("--untuned-java-opts", default="-Dsegmentflow.jvm-tuning=off -Xmx1g",
                    help="a second configuration of ours, run in the same rotation: the JVM as started, without the"
                         " tuned JVM the jar starts for one-shot commands ('' to leave it out)")
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--sklearn", default=SKLEARN, help="path of seg_sklearn.py")
    ap.add_argument("--work", default="target/bench")
    args = ap.parse_args()
    for needed in (JAR, args.sklearn, args.python):
        if not os.path.exists(needed):
            sys.exit(f"{needed} is missing (build with mvn -q -DskipTests package; run from the repository root)")
    os.makedirs(args.work, exist_ok=True)
    data = comparison_file(args.customers, args.work, args.seed)
    # The Python script computes neither a silhouette nor a bootstrap stability check.
    same_outputs = ["--set", "segmentation.stability.resamples=0", "--set", "segmentation.quality.silhouette=false"]
    configs = [("ours", args.java_opts.split(), same_outputs)]
    if args.with_checks == "yes":
        configs.append(("ours-with-checks", args.java_opts.split(), []))
    if args.untuned_java_opts.strip():
        configs.append(("ours-untuned", args.untuned_java_opts.split(), same_outputs))

    def ours_cmd(java_opts, extra):
        return ["java", *java_opts, "-jar", JAR, "segment", data, "--out", os.path.join(args.work, "sbs-ours"),
                "--no-report", "--set", "segmentation.scale.per-feature=",
                # The same outputs as the Python script (per-segment CSVs and a summary): no database rows,
                # no saved model, no mail.
                "--set", "segmentation.database.write-back=false", "--set", "segmentation.model.enabled=false",
                "--set", "segmentation.mail.enabled=false", *extra]
    theirs_json = os.path.join(args.work, "sbs-sklearn.jsonl")
    theirs_cmd = [args.python, args.sklearn, "--csv", data, "--out", os.path.join(args.work, "sbs-sklearn"),
                  "--json", theirs_json]
    if os.path.exists(theirs_json):
        os.remove(theirs_json)

    print(f"# side by side on {data} ({args.customers:,} complete customers), {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {os.getloadavg()[0]:.1f}")
    for name, opts, extra in configs:
        print(f"# {name}: {' '.join(ours_cmd(opts, extra))}")
    print(f"# theirs: {' '.join(theirs_cmd)}")
    # The first one-shot run after a build writes the jar's class-data archive (TunedJvm), as a user's
    # first run does; it is not one of the timed runs.
    subprocess.run(ours_cmd(configs[0][1], configs[0][2]), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours = {name: [] for name, _, _ in configs}
    theirs = []
    for r in range(args.runs):
        line = []
        for name, opts, extra in configs:
            w, rss, _ = timed(ours_cmd(opts, extra), os.path.join(args.work, "sbs-time-ours.txt"))
            with open(os.path.join(args.work, "sbs-ours", "summary.json")) as f:
                ours[name].append((w, rss, json.load(f)))
            line.append(f"{name} {w:.2f} s ({rss:.0f} MB)")
        w2, rss2, out = timed(theirs_cmd, os.path.join(args.work, "sbs-time-sklearn.txt"))
        theirs.append((w2, rss2, json.loads(out.strip().splitlines()[-1])))
        print(f"run {r + 1}: {', '.join(line)}, scikit-learn {w2:.2f} s ({rss2:.0f} MB)", flush=True)

    theirs_median = statistics.median(x[0] for x in theirs)
    theirs_sse = theirs[-1][2]["inertia_std_space"]
    print()
    print(f"scikit-learn: median wall {theirs_median:.2f} s, peak RSS {max(x[1] for x in theirs):.0f} MB, "
          f"SSE {theirs_sse:.4f}, rows {theirs[-1][2]['rows']:,}")
    for name, runs in ours.items():
        median = statistics.median(x[0] for x in runs)
        sse = runs[-1][2]["sse"]
        print(f"{name}: median wall {median:.2f} s, ratio ours/theirs {median / theirs_median:.2f} (target: at most 0.50), "
              f"peak RSS {max(x[1] for x in runs):.0f} MB (target: at most 600), "
              f"SSE {sse:.4f}, ours/theirs {sse / theirs_sse:.6f} (target: at most 1), "
              f"rows {runs[-1][2]['input']['rowsLoaded']:,} loaded of {runs[-1][2]['input']['rowsRead']:,}")
    last = ours[configs[0][0]][-1][2]
    print(f"our stages (last run, ms): {last['timingsMs']}")
    print(f"their phases (last run, s): {theirs[-1][2]['phases_s']}")
    print(f"our approximation: {last['algorithm']['approximation']}")

if __name__ == "__main__":
    main()
