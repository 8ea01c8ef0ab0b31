"""Prints a bulk write of 1000 valid users (W3); the argument makes the emails unique per run."""
import json
import sys

run = sys.argv[1]
names = ["Anna", "Erik", "Åsa", "Björn", "Karin", "Olof", "Märta", "Nils"]
users = [{"first_name": names[i % len(names)], "last_name": "Bulkström", "detail_access": i % 3,
          "email": f"w3.{run}.{i}@bench.se", "phone_number": f"+46701{i:06d}", "custom_id": f"W3-{run}-{i}"}
         for i in range(1000)]
print(json.dumps(users))
