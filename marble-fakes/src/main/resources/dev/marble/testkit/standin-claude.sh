#!/usr/bin/env bash
# Stand-in for the Claude Code CLI (`claude -p ... --output-format stream-json --verbose`), for fast tests.
# Written by dev.marble.testkit.StandInClaude. Pure bash, no python: it must run wherever the tests run.
# Behaviour comes from the environment: STANDIN_CLAUDE_LOG, _REPLY, _COST, _USAGE, _ERROR, _EXIT, _SLEEP, _PIDFILE,
# _AGENT.
set -u

# esc VAR TEXT: sets VAR to TEXT as JSON string contents. Backslash and quote first, then every control
# character. No command substitution, so no fork: the stand-in stays fast.
esc() {
  local s=$2 i c u
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  if [[ $s =~ [[:cntrl:]] ]]; then
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    for ((i = 1; i < 32; i++)); do
      printf -v c '%02x' "$i"
      printf -v c "\\x$c"
      printf -v u '\\u%04x' "$i"
      s=${s//"$c"/"$u"}
    done
  fi
  printf -v "$1" '%s' "$s"
}

session="00000000-0000-4000-8000-000000000000"
model="claude-sonnet-4-6"
partial=false
read_stdin=false
prompt=
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  next=${args[i+1]-}
  case ${args[i]} in
    -p|--print)
      # No value (the next argument is an option, or there is none): the prompt comes on stdin.
      if ((i + 1 >= ${#args[@]})) || [[ $next == --* ]]; then read_stdin=true; else prompt=$next; fi ;;
    --session-id|--resume|-r) session=$next ;;
    --model) model=$next ;;
    --include-partial-messages) partial=true ;;
  esac
done
case $model in
  sonnet) model="claude-sonnet-4-6" ;;
  opus) model="claude-opus-4-6" ;;
  haiku) model="claude-haiku-4-5" ;;
esac

esc j_cwd "$PWD"
if [[ -n ${STANDIN_CLAUDE_LOG-} ]]; then
  argv=""
  for a in "$@"; do
    esc j_arg "$a"
    argv+="${argv:+,}\"$j_arg\""
  done
  claudecode=false
  [[ -n ${CLAUDECODE+set} ]] && claudecode=true
  line="{\"argv\":[$argv],\"cwd\":\"$j_cwd\",\"claudecode\":$claudecode"
  if $read_stdin; then
    stdin=$(cat; printf x) # the x keeps trailing newlines from being stripped
    esc j_stdin "${stdin%x}"
    line+=",\"stdin\":\"$j_stdin\""
  fi
  printf '%s}\n' "$line" >>"$STANDIN_CLAUDE_LOG"
elif $read_stdin; then
  cat >/dev/null
fi

if [[ -n ${STANDIN_CLAUDE_AGENT-} ]]; then
  # Plays the agent's own work (writing the handoff, say): a command run in the CLI's cwd, with the prompt and
  # session in its environment. Its stdout, if any, becomes the reply.
  agent_out=$(STANDIN_CLAUDE_PROMPT="$prompt" STANDIN_CLAUDE_SESSION="$session" bash -c "$STANDIN_CLAUDE_AGENT")
  agent_rc=$?
  if ((agent_rc != 0)); then
    echo "stand-in agent failed ($agent_rc)" >&2
    exit "$agent_rc"
  fi
  [[ -n $agent_out ]] && STANDIN_CLAUDE_REPLY=$agent_out
fi

if [[ -n ${STANDIN_CLAUDE_SLEEP-} ]]; then
  # A child process, so a test can check that killing the process tree also kills it.
  sleep "$STANDIN_CLAUDE_SLEEP" &
  child=$!
  [[ -n ${STANDIN_CLAUDE_PIDFILE-} ]] && echo "$child" >"$STANDIN_CLAUDE_PIDFILE"
  wait "$child"
fi

if [[ -n ${STANDIN_CLAUDE_EXIT-} ]]; then
  echo "stand-in failure" >&2
  exit "$STANDIN_CLAUDE_EXIT"
fi

esc j_session "$session"
esc j_model "$model"
echo "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"$j_session\",\"model\":\"$j_model\",\"tools\":[],\"cwd\":\"$j_cwd\"}"

if [[ -n ${STANDIN_CLAUDE_ERROR-} ]]; then
  # What the real CLI does when the API fails: a synthetic assistant message, an error result, exit 1.
  esc j_result "API Error: 500 $STANDIN_CLAUDE_ERROR"
  echo "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_standin\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"<synthetic>\",\"content\":[{\"type\":\"text\",\"text\":\"$j_result\"}],\"stop_reason\":\"stop_sequence\",\"usage\":{\"input_tokens\":0,\"output_tokens\":0}},\"session_id\":\"$j_session\"}"
  echo "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":500,\"result\":\"$j_result\",\"session_id\":\"$j_session\",\"num_turns\":1,\"total_cost_usd\":0,\"usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0},\"stop_reason\":null}"
  exit 1
fi

reply=${STANDIN_CLAUDE_REPLY-stand-in reply}
cost=${STANDIN_CLAUDE_COST-0.0123}
# STANDIN_CLAUDE_USAGE="input output cache_read cache_write" (default "12 7 3 2")
read -r u_in u_out u_read u_write <<<"${STANDIN_CLAUDE_USAGE-12 7 3 2}"

esc j_reply "$reply"

# Moves cut point $1 (a variable name) past UTF-8 continuation bytes: under a C locale bash counts bytes, and a
# piece must not end in the middle of a character.
char_boundary() {
  while ((${!1} < ${#reply})) && [[ ${reply:${!1}:1} == [$'\x80'-$'\xbf'] ]]; do
    printf -v "$1" '%d' $((${!1} + 1))
  done
}

if $partial; then
  cut1=$((${#reply} / 3))
  cut2=$((2 * ${#reply} / 3))
  char_boundary cut1
  char_boundary cut2
  for piece in "${reply:0:cut1}" "${reply:cut1:cut2-cut1}" "${reply:cut2}"; do
    esc j_piece "$piece"
    echo "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"$j_piece\"}},\"session_id\":\"$j_session\"}"
  done
fi

echo "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_standin\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"$j_model\",\"content\":[{\"type\":\"text\",\"text\":\"$j_reply\"}],\"stop_reason\":null,\"usage\":{\"input_tokens\":$u_in,\"output_tokens\":$u_out}},\"session_id\":\"$j_session\"}"
echo "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"$j_reply\",\"session_id\":\"$j_session\",\"num_turns\":1,\"total_cost_usd\":$cost,\"usage\":{\"input_tokens\":$u_in,\"output_tokens\":$u_out,\"cache_read_input_tokens\":$u_read,\"cache_creation_input_tokens\":$u_write},\"stop_reason\":\"end_turn\"}"
exit 0
