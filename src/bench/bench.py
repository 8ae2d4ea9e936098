#!/usr/bin/python3
"""Segmentflow benchmark: N generated customers through the real `segment` command.

Run from the repository root after `mvn -q -DskipTests package`:

    src/bench/bench.py                                  # 10k, 100k, 1M customers, -Xmx1g
    src/bench/bench.py --sizes 10000000 --java-opts=-Xmx4g --runs 1

For each size it generates the demo file once (cached in target/bench/), then runs
`java OPTS -jar target/segmentflow.jar segment FILE --out DIR --no-report` under /usr/bin/time -v
and prints the wall time of the whole process (JVM and Camel Main start included), the time of
each stage (summary.json timingsMs), the start-up and shut-down overhead (wall minus stages),
rows per second, peak Java heap (largest used heap before a GC or at exit, from -Xlog:gc), peak
RSS and the SSE. Not a unit test: numbers, not assertions.
"""
import argparse
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import time

STAGES = ["ingest", "clean", "features", "scale", "cluster", "quality", "stability", "profile", "deliver", "database"]
JAR = "target/segmentflow.jar"


def generate(n, work, seed):
    path = os.path.join(work, f"customers-{n}-seed{seed}.csv")
    if not os.path.exists(path):
        subprocess.run(["java", "-jar", JAR, "generate", "--customers", str(n), "--seed", str(seed), "--out", path],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def peak_heap_mb(gc_logs):
    """Largest used heap in the GC logs: 'NNNM->' before each collection and the heap used at exit
    (G1: 'garbage-first heap ... used NK'; serial: the 'def new generation' and 'tenured generation' lines)."""
    peak = 0.0
    for gc_log in gc_logs:
        with open(gc_log) as f:
            at_exit = 0.0
            for line in f:
                for m in re.finditer(r"(\d+)M->\d+M\(", line):
                    peak = max(peak, float(m.group(1)))
                m = re.search(r"(garbage-first heap|def new generation|tenured generation)\s+total \d+K, used (\d+)K", line)
                if m:
                    at_exit += int(m.group(2)) / 1024
            peak = max(peak, at_exit)
    return peak


def run_segment(csv, out, java_opts, extra_sets, work, tag):
    # %p: one log per JVM, as the jar runs one-shot commands in a second, tuned JVM (TunedJvm)
    for old in glob.glob(os.path.join(work, f"gc-{tag}-*.log")):
        os.remove(old)
    gc_log = os.path.join(work, f"gc-{tag}-%p.log")
    time_log = os.path.join(work, f"time-{tag}.txt")
    cmd = ["/usr/bin/time", "-v", "-o", time_log, "java", *java_opts, f"-Xlog:gc,gc+heap+exit:file={gc_log}",
           "-jar", JAR, "segment", csv, "--out", out, "--no-report"]
    for s in extra_sets:
        cmd += ["--set", s]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"segment failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    with open(time_log) as f:
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1))
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    heap = peak_heap_mb(glob.glob(os.path.join(work, f"gc-{tag}-*.log")))
    return {"wall": wall, "rss_mb": rss_kb / 1024, "heap_mb": heap, "summary": summary}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated customer counts")
    ap.add_argument("--runs", type=int, default=3, help="runs per size; the median run is shown")
    ap.add_argument("--seed", type=int, default=1, help="generator seed")
    ap.add_argument("--java-opts", default="-Xmx1g",
                    help="JVM options, space-separated (add -Dsegmentflow.jvm-tuning=off for the JVM as started)")
    ap.add_argument("--set", action="append", default=[], help="extra --set key=value for segment")
    ap.add_argument("--work", default="target/bench")
    ap.add_argument("--write-back", action="store_true",
                    help="also write every run back to the embedded H2 database (the product default; off here, as the"
                         " Python pipeline writes only files, and H2 takes longer than the rest of the run at 1M)")
    args = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: run `mvn -q -DskipTests package` first (from the repository root)")
    os.makedirs(args.work, exist_ok=True)
    java_opts = args.java_opts.split()
    sets = args.set + ([] if args.write_back else ["segmentation.database.write-back=false"]) + [
        "segmentation.model.enabled=false", "segmentation.mail.enabled=false"]  # the pipeline itself, as side by side
    print(f"# segmentflow bench: java {' '.join(java_opts)}, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {os.getloadavg()[0]:.1f}")
    header = ["customers", "wall s"] + [f"{s} ms" for s in STAGES] + ["other ms", "rows/s", "heap MB", "RSS MB", "SSE", "fitted on"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    warmed = False
    for n in [int(x) for x in args.sizes.split(",")]:
        csv = generate(n, args.work, args.seed)
        if not warmed:  # the first run after a build writes the jar's class-data archive (TunedJvm): not timed
            run_segment(csv, os.path.join(args.work, f"out-{n}"), java_opts, sets, args.work, "warm-up")
            warmed = True
        runs = []
        for r in range(args.runs):
            out = os.path.join(args.work, f"out-{n}")
            runs.append(run_segment(csv, out, java_opts, sets, args.work, f"{n}-{r}"))
        runs.sort(key=lambda x: x["wall"])
        m = runs[len(runs) // 2]
        s = m["summary"]
        stages = [s["timingsMs"].get(k, 0) for k in STAGES]
        other = m["wall"] * 1000 - sum(stages)
        rows = s["input"]["rowsRead"]
        row = [f"{n:,}", f"{m['wall']:.2f}"] + [str(x) for x in stages] + [
            f"{other:.0f}", f"{rows / m['wall']:,.0f}", f"{m['heap_mb']:.0f}", f"{m['rss_mb']:.0f}",
            f"{s['sse']:.1f}", f"{s['algorithm']['fittedOn']:,}"]
        print("| " + " | ".join(row) + " |", flush=True)
        if args.runs > 1:
            walls = ", ".join("%.2f" % x["wall"] for x in runs)
            rss = ", ".join("%.0f" % x["rss_mb"] for x in runs)
            print(f"#   {n:,}: wall of all runs {walls} s; RSS {rss} MB", flush=True)


if __name__ == "__main__":
    main()
