"""Reads `jstat -gc` samples on stdin; prints the largest used heap (survivors, eden, old) in MB."""
import sys

peak = 0.0
header = None
for line in sys.stdin:
    fields = line.split()
    if not fields:
        continue
    if fields[0] == "S0C":
        header = fields
        continue
    if header:
        row = dict(zip(header, fields))
        used = sum(float(row[column]) for column in ("S0U", "S1U", "EU", "OU"))
        peak = max(peak, used)
print(f"{peak / 1024:.1f}")
