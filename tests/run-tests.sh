#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: restore, build (which applies the TorchSharp native fix where the
# system needs it), and every test. Ends with one summary line: "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The chart tests open exported figures in headless Chromium (Debian's package; Playwright never downloads a browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the chart tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
      echo "warning: could not install chromium; the browser tests will fail" >&2
  else
    echo "warning: /usr/bin/chromium is missing; install Debian's chromium package (sudo apt-get install chromium) for the browser tests" >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test NotebookExperiments.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed!  - Failed: a, Passed: b, Skipped: c, Total: d" line per test assembly.
read -r failed passed skipped < <(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {print f+0, p+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts as a failure
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
