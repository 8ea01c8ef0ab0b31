"""Writes bench/compare.sh's report (Markdown, stdout) from its results: label, query, run, then wrk_summary.py's
fields (wrk, name, concurrency, req/s, p50, p99, non-2xx, socket errors, CPU ms per request)."""
import statistics
import sys

path, before, after, first_users, other_users, seconds = sys.argv[1:7]
runs = {}
for line in open(path):
    label, query, _run, _wrk, _name, _conc, rate, _p50, _p99, non2xx, errors, cpu = line.rstrip("\n").split("\t")
    runs.setdefault((label, query), []).append((float(cpu), float(rate), int(non2xx), errors))

queries = list(dict.fromkeys(query for _label, query in runs))
print(f"# Before and after: {before} against {after}\n")
print(f"One customer with {int(first_users):,} users and four with {int(other_users):,}, generated into a fresh "
      "embedded database for each version by today's seeded generator; wrk at 16 connections, every read warmed "
      f"up for {seconds} s before any is measured, then the median of three {seconds} s runs of each. Service CPU is the JVM's user and system time "
      "(`/proc/<pid>/stat`) divided by the requests answered.\n")
print("| query | service CPU ms/request before | after | change | req/s before | after | non-2xx | socket errors |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for query in queries:
    old, new = runs[("before", query)], runs[("after", query)]
    cpu_old, cpu_new = statistics.median(r[0] for r in old), statistics.median(r[0] for r in new)
    rate_old, rate_new = statistics.median(r[1] for r in old), statistics.median(r[1] for r in new)
    non2xx = sum(r[2] for r in old + new)
    socket = "; ".join(r[3] for r in old + new if r[3]) or "none"
    change = f"{(cpu_new - cpu_old) * 100 / cpu_old:+.0f}%" if cpu_old else "no requests before"
    print(f"| {query} | {cpu_old:.2f} | {cpu_new:.2f} | {change} | {rate_old:,.0f} | {rate_new:,.0f} | {non2xx} "
          f"| {socket} |")
