#!/usr/bin/env bash
# Runs every MedSpa test on a fresh machine of our kind (Debian, .NET 10 SDK, Node 20, root) and ends with one line:
#   N passed, N failed[, N skipped]
# It installs what it needs itself: Debian's chromium for the browser tests, npm packages for the web app, the
# Cosmos emulator and the local sign-in provider. Suites: .NET (xunit), web unit tests (vitest), e2e (Playwright).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$(mktemp -d /tmp/medspa-test-results.XXXXXX)"
status=0
# Steps that failed before any test could run (a build, lint): each counts as a failure in the last line.
broken=0

step() { printf '\n==> %s\n' "$*"; }

step "Prerequisites"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "could not install chromium"
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "could not install chromium"
  fi
fi
for dir in web functions/MedSpa.LocalHost/oidc functions/MedSpa.LocalHost/azurite tests/cosmos-emulator tests/e2e; do
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $dir"; status=1; broken=$((broken+1)); }
  fi
done

# The web's lint, build and unit tests run beside the .NET builds: they share no files, and each leaves a core idle at
# times (restores, linking, jsdom starting), so side by side they end sooner. The web's output is shown when both are done.
(
  web_status=0 web_broken=0
  step "Web: lint, build and unit tests"
  (cd web && npm run lint) || { echo "web lint failed"; web_status=1; web_broken=$((web_broken+1)); }
  (cd web && npm run build >"$results/web-build.log" 2>&1) || { cat "$results/web-build.log"; echo "web build failed"; web_status=1; web_broken=$((web_broken+1)); }
  (cd web && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json") || web_status=1
  echo "$web_status $web_broken" >"$results/web.status"
) >"$results/web.log" 2>&1 &
web=$!

step ".NET: build and tests"
dotnet build MedSpa.Functions.sln -p:SkipWebBuild=true -nologo -clp:ErrorsOnly || { status=1; broken=$((broken+1)); }

step "Azure build: the Functions SDK variant compiles and generates functions.metadata (compared with LocalHost's catalog)"
dotnet build functions/MedSpa.Functions -p:AzureFunctions=true -nologo -clp:ErrorsOnly || { status=1; broken=$((broken+1)); }

wait "$web"
cat "$results/web.log"
read -r web_status web_broken <"$results/web.status" 2>/dev/null || { web_status=1; web_broken=1; }
[ "$web_status" = 0 ] || status=1
broken=$((broken + web_broken))

step ".NET: tests"
dotnet test MedSpa.Functions.sln --no-build -p:SkipWebBuild=true --logger "trx" --results-directory "$results/trx" || status=1

if [ -d tests/e2e ]; then
  step "End to end: the app on MedSpa.LocalHost in Debian's chromium"
  # Two files at a time (each starts its own app on its own ports): most of a file's time is waiting on a browser or
  # an app starting, so two share the 2 cores well (about 4.5 minutes instead of 7-8 for the whole set).
  # The longest files first (by size, which follows their running time), so the two at a time end together rather than
  # one long file running alone at the end.
  (cd tests/e2e && node --test --test-concurrency=2 --test-reporter=spec --test-reporter-destination=stdout \
     --test-reporter=tap --test-reporter-destination="$results/e2e.tap" $(ls -S ./*.test.mjs)) || status=1
fi

step "Summary"
node "$root/tests/summarize.mjs" "$results" "$broken" || status=1
exit $status
