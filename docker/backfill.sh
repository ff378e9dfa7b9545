#!/bin/sh
# event-desk-backfill FILE [global flags]: a resumable backfill for a container or a Kubernetes Job.
# The first start plans and runs a replay of FILE; a restart (after SIGTERM, a crash, a rescheduled
# pod) resumes that same job from the journal in EVENT_DESK_USER_DATA (the volume) instead of
# planning a second one, so nothing is sent twice. Global flags (--rate, --profile,
# --confirm-account NAME for a production account) go to both. SIGTERM reaches event-desk itself
# (exec), which pauses cleanly: the events in flight finish, nothing becomes "Outcome unknown".
set -eu
if [ $# -lt 1 ]; then
  echo 'Usage: event-desk-backfill FILE [--rate N] [--profile NAME] [--confirm-account NAME]' >&2
  exit 2
fi
file=$1
shift
# The newest paused or interrupted job planned from a file of this name (jobs name their source "NAME (FORMAT)").
job=$(event-desk "$@" jobs list --json | node -e '
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
    const name = require("node:path").basename(process.argv[1]);
    const job = JSON.parse(text).find((item) => ["paused", "interrupted", "running"].includes(item.state) && item.source.startsWith(`${name} (`));
    process.stdout.write(job ? String(job.id) : "");
  });
' "$file")
if [ -n "$job" ]; then
  echo "Resuming job $job ($file)." >&2
  exec event-desk "$@" jobs resume "$job" --yes
fi
exec event-desk "$@" replay "$file" --yes
