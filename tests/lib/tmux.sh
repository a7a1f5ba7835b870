# tmux.sh — drive the real program in a real terminal: start it in a private
# tmux server, send keys, and poll the screen until text appears (no fixed sleeps).
TMUX_SOCK="hv-$$-$RANDOM"
TMUX_CONF="$TESTTMP/tmux.conf"
cat >"$TMUX_CONF" <<'CONF'
set -g remain-on-exit on
set -g default-terminal tmux-256color
set -g history-limit 2000
CONF
trap 'tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; rm -rf "$TESTTMP"' EXIT

tm() { tmux -L "$TMUX_SOCK" -f "$TMUX_CONF" "$@"; }

# tm_start COLS ROWS COMMAND...: a fresh session running COMMAND.
# The program's exit status is written to a file by a small shell around it
# (tmux alone sometimes closes a pane before it has collected the status).
TM_STATUS="$TESTTMP/tm-status"
tm_start() {
	local cols=$1 rows=$2; shift 2
	tm kill-server 2>/dev/null
	rm -f "$TM_STATUS"
	tm new-session -d -s t -x "$cols" -y "$rows" \
		sh -c '"$@"; echo $? >"$0"' "$TM_STATUS" env LC_ALL=C.UTF-8 TERM=tmux-256color "$@"
}

# tm_pid: the process id of the program in the pane (the shell's child).
tm_pid() {
	local shell waited=0 pid
	shell=$(tm display-message -p -t t '#{pane_pid}')
	while :; do
		pid=$(pgrep -P "$shell" | head -n 1)
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.05; waited=$((waited + 1))
		[ "$waited" -ge 100 ] && return 1
	done
}

tm_screen() { tm capture-pane -p -J -S -200 -t t; }
tm_keys() { tm send-keys -t t "$@"; }
tm_type() { tm send-keys -t t -l "$1"; }	# literal text, UTF-8 included

# tm_wait TEXT [SECONDS]: until TEXT is on the screen; false on timeout.
tm_wait() {
	local text=$1 limit=${2:-10} waited=0
	while ! tm_screen 2>/dev/null | grep -qF -- "$text"; do
		sleep 0.05; waited=$((waited + 1))
		[ "$waited" -ge $((limit * 20)) ] && return 1
	done
	return 0
}

# tm_wait_gone TEXT [SECONDS]: until TEXT has left the screen.
tm_wait_gone() {
	local text=$1 limit=${2:-10} waited=0
	while tm_screen 2>/dev/null | grep -qF -- "$text"; do
		sleep 0.05; waited=$((waited + 1))
		[ "$waited" -ge $((limit * 20)) ] && return 1
	done
	return 0
}

# tm_wait_exit [SECONDS]: until the program has ended; prints its exit status
# (or 128 + the signal that ended it, as a shell reports).
tm_wait_exit() {
	local limit=${1:-10} waited=0
	while [ ! -s "$TM_STATUS" ]; do
		sleep 0.05; waited=$((waited + 1))
		[ "$waited" -ge $((limit * 20)) ] && { echo timeout; return 1; }
	done
	cat "$TM_STATUS"
}

tm_resize() { tm resize-window -t t -x "$1" -y "$2"; }

# check_screen NAME TEXT: passes if TEXT appears within the timeout.
check_screen() {
	if tm_wait "$2" "${3:-10}"; then tap_ok "$1"; else tap_fail "$1" "never saw: $2" "screen:" "$(tm_screen)"; fi
}
