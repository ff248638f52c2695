#!/bin/sh
# A sharded run on one machine with xargs -P: SHARDS processes check one shard each, then merge
# runs the cross-note rules over every shard's summary file. Same findings as one run; each
# process holds only its shard's notes, and on a machine with many cores the shards run side by
# side.
#
#   examples/local/groupnote-lint-sharded.sh <shards> <summaries folder> <files, folders or globs...>
#
# Prints the complete report as JSON on stdout; exit code as groupnote-lint's (1 errors found,
# 2 a file could not be read or a shard failed). GNU parallel works the same way:
#   parallel groupnote-lint --shard {}/4 --summary-out out/shard-{}.ndjson notes ::: 1 2 3 4
# test/cli-shards-engines.test.ts and bench/run.mjs (--only shards) run this script.
set -eu
shards=$1
out=$2
shift 2
mkdir -p "$out" || exit 2
# each shard: exit code 1 (errors found) is the merge's verdict; only 2 stops the run
seq 1 "$shards" | xargs -P "$shards" -I '{}' sh -c '
  out=$1; shift
  groupnote-lint --jobs 1 --format json --shard "{}/$0" --summary-out "$out/shard-{}.ndjson" "$@" > "$out/shard-{}.json" || [ $? -eq 1 ]
' "$shards" "$out" "$@" || { echo 'groupnote-lint-sharded: a shard could not finish (its error is above)' >&2; exit 2; }
exec groupnote-lint merge --format json "$out"/shard-*.ndjson
