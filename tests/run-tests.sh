#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: restore, build (which applies the TorchSharp native fix where the
# system needs it), and every test. Ends with one summary line: "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests use: Chromium (the chart tests open exported figures in it; Playwright never downloads a
# browser) and Jupyter's own executor (nbconvert, nbclient, jupyter-client), which runs every notebook in the real kernel.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The figure layout tests measure text in Liberation Sans (Arial's metrics), the figures' font on Linux; without it Chromium
# falls back to a wider font and the measured boxes differ.
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation)
command -v jupyter-nbconvert >/dev/null || missing+=(jupyter-nbconvert)
/usr/bin/python3 -c "import nbclient, jupyter_client" 2>/dev/null || missing+=(python3-nbclient jupyter-client)
# Slurm and munge: the Slurm tests start a one-node cluster on this machine (their own munged, slurmctld and slurmd) and submit to it.
[ -x /usr/sbin/slurmctld ] || missing+=(slurmctld)
[ -x /usr/sbin/slurmd ] || missing+=(slurmd)
command -v sbatch >/dev/null || missing+=(slurm-client)
[ -x /usr/sbin/munged ] || missing+=(munge)
# CI also checks that a system LibTorch (Debian's libtorch-dev, LibTorch 1.13) does not shadow TorchSharp's own in the kernel.
if [ "${CI:-}" = true ] && [ ! -e /usr/lib/x86_64-linux-gnu/libtorch_cpu.so ]; then missing+=(libtorch-dev); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]} for the browser and notebook tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) ||
      echo "warning: could not install ${missing[*]}; the browser or notebook tests will fail" >&2
  else
    echo "warning: missing ${missing[*]}; install them (sudo apt-get install ${missing[*]}) for the browser and notebook tests" >&2
  fi
fi

# The .NET Interactive kernel that VS Code and Jupyter run, pinned, in the build output (not the user's global tools).
kernel_version=$(sed -n 's:.*<DotNetInteractiveToolVersion>\(.*\)</DotNetInteractiveToolVersion>.*:\1:p' Directory.Packages.props)
kernel_dir=artifacts/tools/dotnet-interactive
if [ ! -x "$kernel_dir/dotnet-interactive" ] ||
   ! dotnet tool list --tool-path "$kernel_dir" 2>/dev/null | grep -qi "microsoft.dotnet-interactive *$kernel_version"; then
  echo "Installing the .NET Interactive kernel tool $kernel_version into $kernel_dir..."
  rm -rf "$kernel_dir"
  dotnet tool install --tool-path "$kernel_dir" Microsoft.dotnet-interactive --version "$kernel_version" >/dev/null ||
    echo "warning: could not install Microsoft.dotnet-interactive $kernel_version; the notebook tests will fail" >&2
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
