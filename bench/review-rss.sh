#!/usr/bin/env bash
# review-rss.sh DB — runs `homevisit review` on DB in a private tmux server,
# pages, filters and searches as a manager would, and prints its peak resident
# memory (VmHWM) in kB.
set -u
cd "$(dirname "$0")/.."
DB=$1
SOCK="hv-bench-$$"
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
wait_for() {
	local i
	for i in $(seq 200); do T capture-pane -p -t b | grep -qF -- "$1" && return 0; sleep 0.05; done
	return 1
}

T new-session -d -s b -x 140 -y 45 env LC_ALL=C.UTF-8 TERM=tmux-256color \
	./homevisit --rules data/rules/home-visit.yaml --db "$DB" review
wait_for "Review records" || { echo 0; T kill-server; exit 1; }
pid=$(pgrep -P "$(T display -p -t b '#{pane_pid}')" | head -n 1)
[ -n "$pid" ] || pid=$(T display -p -t b '#{pane_pid}')
for k in NPage NPage NPage NPage NPage NPage End Home u o a c; do T send-keys -t b "$k"; sleep 0.05; done
T send-keys -t b / ; sleep 0.05
for c in C - 0 0 1 2; do T send-keys -t b -l "$c"; sleep 0.05; done
T send-keys -t b Escape; sleep 0.1
T send-keys -t b Enter; wait_for "Record " ; T send-keys -t b End Escape; sleep 0.2
T send-keys -t b d; sleep 1; T send-keys -t b Escape; sleep 0.2
awk '/VmHWM/ { print $2 }' "/proc/$pid/status"
T send-keys -t b q
sleep 0.2
T kill-server 2>/dev/null || true
