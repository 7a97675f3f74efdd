#!/usr/bin/env python3
"""Medians of bench/run.sh raw lines -> the markdown table for BENCHMARKS.md."""
import re, statistics, sys
from collections import defaultdict

path, hz = sys.argv[1], int(sys.argv[2])
runs = defaultdict(list)
rss = None
for line in open(path):
    if line.startswith("gateway_peak_rss_kb="):
        rss = int(line.split("=")[1]) / 1024
        continue
    kv = dict(re.findall(r"(\w+)=([\d.]+)", line))
    if not kv:
        continue
    name = line.split()[0]
    runs[(name, int(kv["conns"]), int(kv["stream"]))].append(kv)

def med(rows, key):
    return statistics.median(float(r[key]) for r in rows)

print("| mode | conns | direct req/s | gateway req/s | ratio | direct p50 µs | gateway p50 µs | added p50 µs | direct p99 µs | gateway p99 µs | gateway CPU µs/req | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for stream in (0, 1):
    for conns in (1, 32):
        d, g = runs.get(("direct", conns, stream)), runs.get(("gateway", conns, stream))
        if not d or not g:
            continue
        cpu = statistics.median(float(r["gw_cpu_ticks"]) / hz * 1e6 / float(r["requests"]) for r in g)
        errs = sum(int(r["non2xx"]) + int(r["errors"]) for r in g)
        print(f"| {'stream' if stream else 'json'} | {conns} | {med(d,'rps'):.0f} | {med(g,'rps'):.0f} | "
              f"{med(g,'rps')/med(d,'rps')*100:.0f} % | {med(d,'p50_us'):.0f} | {med(g,'p50_us'):.0f} | "
              f"{med(g,'p50_us')-med(d,'p50_us'):+.0f} | {med(d,'p99_us'):.0f} | {med(g,'p99_us'):.0f} | {cpu:.0f} | {errs} |")
if rss:
    print(f"\nGateway peak resident memory (VmHWM): {rss:.0f} MiB")
