#!/usr/bin/env python3
"""Medians of bench/run.sh raw lines -> the markdown tables for BENCHMARKS.md: each path's throughput, latency and
CPU per request, and Freeport against nginx measured in the same run."""
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

def cpus(rows):
    ticks = [r.get("cpu_ticks", r.get("gw_cpu_ticks")) for r in rows]
    return [float(t) / hz * 1e6 / float(r["requests"]) for t, r in zip(ticks, rows)]

def cpu(rows):
    return statistics.median(cpus(rows))

def paired(a, b):
    """The median of round-by-round ratios a[i] / b[i]: each round's proxies ran minutes apart at most, so a drift of
    the machine's speed between rounds cancels out of each ratio (the lines of one round share their index)."""
    return statistics.median(x / y for x, y in zip(a, b)) if a and b else float("nan")

print("| mode | conns | direct req/s | nginx req/s | relay req/s | Freeport req/s | direct p50 µs | nginx p50 µs "
      "| relay p50 µs | Freeport p50 µs | nginx CPU µs/req | relay CPU µs/req | Freeport CPU µs/req | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
targets = []
def fmt(rows, f):
    return f(rows) if rows else float("nan")
for stream in (0, 1):
    for conns in (1, 32):
        d, n, r, g = (runs.get((k, conns, stream)) for k in ("direct", "nginx", "relay", "gateway"))
        if not d or not n or not g:
            continue
        errs = sum(int(x["non2xx"]) + int(x["errors"]) for x in n + g + (r or []))
        mode = "stream" if stream else "json"
        rps = lambda rows: med(rows, "rps")
        p50 = lambda rows: med(rows, "p50_us")
        print(f"| {mode} | {conns} | {rps(d):.0f} | {rps(n):.0f} | {fmt(r, rps):.0f} | {rps(g):.0f} | "
              f"{p50(d):.0f} | {p50(n):.0f} | {fmt(r, p50):.0f} | {p50(g):.0f} | {cpu(n):.0f} | {fmt(r, cpu):.0f} "
              f"| {cpu(g):.0f} | {errs} |")
        targets.append((mode, conns, rps(g) / rps(n), cpu(g) / cpu(n), p50(g) - p50(d), p50(n) - p50(d),
                        fmt(r, rps) / rps(n), fmt(r, cpu) / cpu(n), fmt(r, p50) - p50(d),
                        cpu(g) - fmt(r, cpu), fmt(r, cpu) - cpu(n),
                        paired([float(x["rps"]) for x in g], [float(x["rps"]) for x in n]),
                        paired(cpus(g), cpus(n))))
print()
print("| mode | conns | Freeport / nginx throughput (ratio of medians; median of each round's ratio) "
      "| Freeport / nginx CPU per request (same) | added p50 Freeport "
      "| added p50 nginx | relay / nginx throughput | relay / nginx CPU | added p50 relay "
      "| CPU µs/req: framework (relay − nginx) | CPU µs/req: Freeport's own (Freeport − relay) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for mode, conns, thr, c, ag, an, rthr, rc, ar, own, fw, pthr, pc in targets:
    print(f"| {mode} | {conns} | {thr*100:.0f} %; {pthr*100:.0f} % | {c:.2f} x; {pc:.2f} x | {ag:+.0f} µs "
          f"| {an:+.0f} µs | {rthr*100:.0f} % | {rc:.2f} x | {ar:+.0f} µs | {fw:+.0f} | {own:+.0f} |")
def jit(rows):
    """The JIT compiler threads' CPU µs per request in the windows (lines from before the figure was kept: nan)."""
    if not rows or any("jit_ticks" not in r for r in rows):
        return float("nan")
    return statistics.median(float(r["jit_ticks"]) / hz * 1e6 / float(r["requests"]) for r in rows)

def ledger(rows):
    """The gateway's ledger thread's CPU µs per request in the windows (lines from before it was kept: nan)."""
    if not rows or any("ledger_ticks" not in r for r in rows):
        return float("nan")
    return statistics.median(float(r["ledger_ticks"]) / hz * 1e6 / float(r["requests"]) for r in rows)

print()
print("| mode | conns | JIT compiler CPU µs/req in the windows: Freeport | relay "
      "| Freeport / nginx CPU per request without its JIT's | Freeport's ledger thread CPU µs/req |")
print("|---|---|---|---|---|---|")
for stream in (0, 1):
    for conns in (1, 32):
        n, r, g = (runs.get((k, conns, stream)) for k in ("nginx", "relay", "gateway"))
        if not n or not g:
            continue
        print(f"| {'stream' if stream else 'json'} | {conns} | {jit(g):.1f} | {fmt(r, jit):.1f} "
              f"| {(cpu(g) - jit(g)) / cpu(n):.2f} x | {ledger(g):.1f} |")
if rss:
    print(f"\nGateway peak resident memory (VmHWM): {rss:.0f} MiB")
