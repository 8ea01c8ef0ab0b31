"""Prints the number of objects in a response body and a digest of their ids in order, for bench/peer.sh's check
that the service and the peer give the same rows: READ P6 is JSON Lines, the others a JSON array or one object."""
import hashlib
import json
import sys

body = sys.stdin.read()
if sys.argv[1] == "P6":
    objects = [json.loads(line) for line in body.splitlines() if line]
else:
    parsed = json.loads(body)
    objects = parsed if isinstance(parsed, list) else [parsed]
ids = "\n".join(str(item["id"]) for item in objects)
print(len(objects), hashlib.sha256(ids.encode()).hexdigest()[:16])
