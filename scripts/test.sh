#!/usr/bin/env bash
# The one test command (`npm test`): type-check, lint, then the unit, database and browser suites.
#   scripts/test.sh            everything
#   scripts/test.sh unit|db|e2e  one suite (no type-check/lint)
# Database suites run on PGlite unless DATABASE_URL is set (then on that PostgreSQL server).
# Node 20's test runner does not expand globs nor find .ts files by itself, so the file lists are built here,
# and an empty list is an error (a suite that runs nothing must not pass).
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-all}"

unit_files() { find src -name '*.test.ts' -o -name '*.test.tsx' | grep -vE '\.(repository|routes|db)\.test\.tsx?$' | sort; }
db_files() { find src -name '*.test.ts' -o -name '*.test.tsx' | grep -E '\.(repository|routes|db)\.test\.tsx?$' | sort; }
e2e_files() { find e2e -name '*.spec.ts' | sort; }

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
  local name="$1"; shift
  local files rc=0
  files=$("${name}_files")
  if [ -z "$files" ]; then echo "no $name tests found" >&2; exit 1; fi
  echo "== $name tests ($(echo "$files" | wc -l) files) =="
  # shellcheck disable=SC2086
  node --import tsx --test --test-reporter=tap --test-concurrency="${TEST_CONCURRENCY:-2}" $files | tee "$log" || rc=$?
  local p f
  p=$(grep -E '^# pass [0-9]+$' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+$' "$log" | tail -1 | awk '{print $3}')
  if [ -z "$p" ] || [ "$p" -eq 0 ]; then echo "the $name suite ran no test" >&2; exit 1; fi
  passed=$((passed + p))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then echo "tests: $passed passed, $failed failed"; exit "$rc"; fi
}

case "$suite" in
  all)
    echo "== type-check =="; npx tsc -p .
    echo "== lint =="; npx biome check .
    run_suite unit
    run_suite db
    run_suite e2e
    ;;
  unit|db|e2e) run_suite "$suite" ;;
  *) echo "unknown suite: $suite (all, unit, db, e2e)" >&2; exit 2 ;;
esac
echo "tests: $passed passed, $failed failed"
