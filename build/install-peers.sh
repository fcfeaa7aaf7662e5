#!/usr/bin/env bash
# Installs the real programs Marble's tests meet (see docs/testing.md and PEERS.md): Stoplight Prism,
# which validates wire traffic against the official API specs, and the Claude Code CLI. They go to
# target/peers of the repository, never into the repository itself, pinned to versions that worked.
# Without npm (or the registry) this says so and exits 0: the tests that need a peer then say why
# they cannot run, and fail instead when MARBLE_REQUIRE_PEERS=1 (as CI sets it).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
dest="$root/target/peers"
packages=(@stoplight/prism-cli@5.16.0 @anthropic-ai/claude-code@2.1.329)
stamp="$dest/.installed"

if [[ -f "$stamp" && "$(cat "$stamp")" == "${packages[*]}" && -x "$dest/node_modules/.bin/prism" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "[peers] npm is not installed: the Prism and Claude Code CLI tests will not run here" >&2
  exit 0
fi
echo "[peers] installing ${packages[*]} into $dest (once; about 400 MB)" >&2
mkdir -p "$dest"
# --no-save keeps package.json out of it; the install scripts npm skips are not needed
# (the Claude Code package carries its native binary).
if npm install --prefix "$dest" --no-save --no-audit --no-fund --loglevel=error "${packages[@]}" >&2; then
  echo "${packages[*]}" > "$stamp"
else
  echo "[peers] npm install failed: the Prism and Claude Code CLI tests will not run here" >&2
fi
exit 0
