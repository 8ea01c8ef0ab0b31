"""Reads wrk --latency output on stdin; prints: wrk, name, concurrency, req/s, p50 ms, p99 ms, non-2xx count,
socket errors, service CPU ms per request (from the service's CPU clock ticks during the run, argv 3 and 4)."""
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def millis(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


output = sys.stdin.read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
p50 = millis(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
p99 = millis(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
socket_errors = re.search(r"Socket errors: (.*)", output)
requests = int(re.search(r"(\d+) requests in", output).group(1))
cpu_ms = int(sys.argv[3]) * 1000 / int(sys.argv[4]) / requests if requests else 0
print("\t".join(["wrk", sys.argv[1], sys.argv[2], f"{rate:.1f}", f"{p50:.2f}", f"{p99:.2f}",
                 errors.group(1) if errors else "0", socket_errors.group(1) if socket_errors else "",
                 f"{cpu_ms:.2f}"]))
