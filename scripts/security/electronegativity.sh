#!/usr/bin/env bash
# Electron security scan of src/ (TypeScript sources), gated on its CSV report. electronegativity is
# run with npx (as a devDependency it breaks next to TypeScript 7) at a pinned version, offline:
# its network lookups are stubbed to fail fast (offline-got.cjs), since on Node 24 they crash it.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p out/security
report=out/security/electronegativity.csv
# electronegativity can exit before its CSV is fully written (seen on a loaded machine: a report cut
# mid-row). The checker exits 75 for a report it cannot read; the scan then runs again, up to 3 times.
for attempt in 1 2 3; do
  rm -f "$report"
  NODE_OPTIONS="--require $PWD/scripts/security/offline-got.cjs" npx -y @doyensec/electronegativity@1.10.3 \
    -i src -e 45.5.0 -o "$report" -r >out/security/electronegativity.log 2>&1 || {
    cat out/security/electronegativity.log >&2
    exit 1
  }
  [ -s "$report" ] || { echo "electronegativity wrote no report" >&2; cat out/security/electronegativity.log >&2; exit 1; }
  status=0
  node scripts/security/check-electronegativity.ts "$report" scripts/security/electronegativity-allow.json || status=$?
  [ "$status" -ne 75 ] && exit "$status"
  echo "electronegativity's report was cut short (attempt $attempt of 3); scanning again." >&2
done
exit 1
