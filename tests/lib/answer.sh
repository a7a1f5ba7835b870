# answer.sh — answering the questions on the screen, for tests that need a
# whole record: F10 lists what is missing, Enter jumps to it, and the answer
# is chosen by what the widget on the screen is.

# answer_current: answers the question on the screen (yes/no: "no", except
# "Will you visit alone?"; the first option; a tick; a date, time or text).
answer_current() {
	local s
	s=$(tm_screen)
	if grep -q "press a to add a person" <<<"$s"; then
		tm_keys a; tm_wait "A person who may be present"
		tm_type "Anna Nowak"; tm_keys Tab; tm_type "mother"; tm_keys Enter
		tm_wait "Anna Nowak"; tm_keys Tab
	elif grep -q "Tab keeps it as it is" <<<"$s"; then
		tm_keys Tab
	elif grep -qE '\((\*| )\) y  Yes' <<<"$s"; then
		if grep -q "Will you visit alone?" <<<"$s"; then tm_keys y; else tm_keys n; fi
		sleep 0.2
		if tm_screen | grep -q "say why"; then tm_type "Reason given for the test"; tm_keys Enter; fi
	elif grep -qE '\[( |x)\] ' <<<"$s"; then
		tm_keys Space Enter
	elif grep -qE '\((\*| )\) 1  ' <<<"$s"; then
		tm_keys Enter
		sleep 0.2
		if tm_screen | grep -q "say why"; then tm_type "Reason given for the test"; tm_keys Enter; fi
	elif grep -q "e.g. 2026-11-23 14:30" <<<"$s"; then
		tm_type "2026-12-03 13:00"; tm_keys Enter
	elif grep -q "e.g. 2026-11-23, 23/11" <<<"$s"; then
		tm_type "2026-12-03"; tm_keys Enter
	elif grep -q "e.g. 14:30" <<<"$s"; then
		tm_type "13:00"; tm_keys Enter
	else
		tm_type "Noted for the test"; tm_keys Tab
	fi
	sleep 0.2
}

# finish_by_answering_what_is_missing TEXT: F10 until TEXT (the summary) shows.
finish_by_answering_what_is_missing() {
	local rounds=0
	while [ "$rounds" -lt 80 ]; do
		rounds=$((rounds + 1))
		tm_keys F10
		sleep 0.3
		if tm_screen | grep -qF "$1"; then return 0; fi
		if tm_screen | grep -q "Required answers missing"; then
			tm_keys Enter
			sleep 0.2
			answer_current
		fi
	done
	return 1
}
