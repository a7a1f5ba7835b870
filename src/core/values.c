/* values.c — canonical answer values: checking them, parsing what people type
 * for dates and times, and the people-list and multi-choice encodings. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"
#include "util.h"

#define TEXT_MAX 1000       /* bytes in a one-line answer */
#define LONGTEXT_MAX 20000  /* bytes in a long answer */

static void say(char *msg, size_t len, const char *fmt, ...) HV_PRINTF(3, 4);
static void say(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (msg == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
}

static const char *const month_names[12] = {"January", "February", "March",     "April",
					    "May",     "June",     "July",      "August",
					    "September", "October", "November", "December"};

static int days_in_month(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool ymd_valid(int y, int m, int d, char *msg, size_t msglen)
{
	if (y < 1900 || y > 2999) {
		say(msg, msglen, "the year %d is out of range", y);
		return false;
	}
	if (m < 1 || m > 12) {
		say(msg, msglen, "there is no month %d", m);
		return false;
	}
	if (d < 1 || d > days_in_month(y, m)) {
		say(msg, msglen, "%d %s %d does not exist", d, month_names[m - 1], y);
		return false;
	}
	return true;
}

/* "YYYY-MM-DD" into out (at least 11 bytes); the modulo keeps the widths fixed. */
static void put_ymd(char *out, int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

static bool canon_date(const char *s, int *y, int *m, int *d)
{
	return strlen(s) >= 10 && digits(s, 4, y) && s[4] == '-' && digits(s + 5, 2, m) &&
	       s[7] == '-' && digits(s + 8, 2, d);
}

static bool canon_time(const char *s, int *h, int *mi)
{
	return digits(s, 2, h) && s[2] == ':' && digits(s + 3, 2, mi) && *h < 24 && *mi < 60;
}

static void trim(const char *in, char *out, size_t outlen)
{
	size_t n;

	while (isspace((unsigned char)*in))
		in++;
	n = strlen(in);
	while (n > 0 && isspace((unsigned char)in[n - 1]))
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, in, n);
	out[n] = '\0';
}

bool core_date_parse(const char *text, time_t now, char out[17], char *msg, size_t msglen)
{
	char buf[64];
	int y, m, d, off = 0;
	struct tm tm;

	trim(text, buf, sizeof(buf));
	if (buf[0] == '\0') {
		say(msg, msglen, "type a date, such as 2026-11-23, 23/11/2026, today or tomorrow");
		return false;
	}
	if (strcasecmp(buf, "today") == 0 || strcasecmp(buf, "tomorrow") == 0 ||
	    strcasecmp(buf, "yesterday") == 0) {
		off = strcasecmp(buf, "today") == 0 ? 0 : strcasecmp(buf, "tomorrow") == 0 ? 1 : -1;
		localtime_r(&now, &tm);
		tm.tm_mday += off;
		tm.tm_hour = 12; /* clear of any DST change */
		tm.tm_isdst = -1;
		mktime(&tm);
		put_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		return true;
	}
	if (strlen(buf) == 10 && canon_date(buf, &y, &m, &d)) {
		/* YYYY-MM-DD */
	} else {
		/* D/M/YYYY, as written in the UK */
		char *p = buf, *end;
		long a, b, c;

		a = strtol(p, &end, 10);
		if (end == p || (*end != '/' && *end != '.'))
			goto bad;
		p = end + 1;
		b = strtol(p, &end, 10);
		if (end == p || (*end != '/' && *end != '.'))
			goto bad;
		p = end + 1;
		c = strtol(p, &end, 10);
		if (end == p || *end != '\0' || end - p != 4)
			goto bad;
		d = (int)a;
		m = (int)b;
		y = (int)c;
	}
	if (!ymd_valid(y, m, d, msg, msglen))
		return false;
	put_ymd(out, y, m, d);
	return true;
bad:
	say(msg, msglen, "'%s' is not a date (use 2026-11-23, 23/11/2026, today or tomorrow)", buf);
	return false;
}

bool core_time_parse(const char *text, char out[6], char *msg, size_t msglen)
{
	char buf[32];
	char *p, *end;
	long h, mi = 0;
	bool minutes = false;

	trim(text, buf, sizeof(buf));
	p = buf;
	if (!isdigit((unsigned char)*p))
		goto bad;
	h = strtol(p, &end, 10);
	if (end - p > 2)
		goto bad;
	p = end;
	if (*p == ':' || *p == '.') {
		p++;
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
			goto bad;
		mi = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		minutes = true;
	}
	while (*p == ' ')
		p++;
	if (strcasecmp(p, "am") == 0 || strcasecmp(p, "pm") == 0) {
		if (h < 1 || h > 12)
			goto bad;
		if (h == 12)
			h = 0;
		if (tolower((unsigned char)p[0]) == 'p')
			h += 12;
	} else if (*p != '\0' || !minutes) {
		goto bad; /* a bare number is too easy to mistype */
	}
	if (h > 23 || mi > 59) {
		say(msg, msglen, "'%s' is not a time of day (use 24-hour HH:MM, such as 14:30)", buf);
		return false;
	}
	snprintf(out, 6, "%02u:%02u", (unsigned)h % 100u, (unsigned)mi % 100u);
	return true;
bad:
	say(msg, msglen, "'%s' is not a time (use HH:MM, such as 09:00 or 14:30)", buf);
	return false;
}

bool core_datetime_parse(const char *text, time_t now, char out[17], char *msg, size_t msglen)
{
	char buf[64], date[17], tm[6];
	char *sep;

	trim(text, buf, sizeof(buf));
	sep = strchr(buf, 'T');
	if (sep != NULL && sep - buf == 10)
		*sep = ' ';
	sep = strchr(buf, ' ');
	if (sep == NULL) {
		if (core_date_parse(buf, now, date, NULL, 0))
			say(msg, msglen, "give a time as well, such as '%s 14:30'", buf);
		else
			say(msg, msglen,
			    "'%s' is not a date and time (use 2026-11-23 14:30, today 14:30 or tomorrow 9:00)",
			    buf);
		return false;
	}
	*sep = '\0';
	if (!core_date_parse(buf, now, date, msg, msglen))
		return false;
	if (!core_time_parse(sep + 1, tm, msg, msglen))
		return false;
	memcpy(out, date, 10);
	out[10] = ' ';
	memcpy(out + 11, tm, 6);
	return true;
}

bool core_time_from_text(const char *canon, enum core_qtype type, time_t base, time_t *out)
{
	struct tm tm;
	int y, m, d, h = 0, mi = 0;

	memset(&tm, 0, sizeof(tm));
	if (canon == NULL)
		return false;
	if (type == CORE_Q_TIME) {
		if (base == 0 || strlen(canon) != 5 || !canon_time(canon, &h, &mi))
			return false;
		localtime_r(&base, &tm);
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = 0;
	} else {
		if (!canon_date(canon, &y, &m, &d) || !ymd_valid(y, m, d, NULL, 0))
			return false;
		if (type == CORE_Q_DATETIME &&
		    (strlen(canon) != 16 || canon[10] != ' ' || !canon_time(canon + 11, &h, &mi)))
			return false;
		if (type == CORE_Q_DATE && strlen(canon) != 10)
			return false;
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
	}
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out != (time_t)-1;
}

void core_time_format(time_t t, char out[17])
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL) {
		out[0] = '\0';
		return;
	}
	put_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	snprintf(out + 10, 7, " %02u:%02u", (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u);
}

/* ---- people ---- */

static bool yn_valid(const char *s)
{
	return strcmp(s, "yes") == 0 || strcmp(s, "no") == 0 || strcmp(s, "unknown") == 0;
}

size_t core_people_parse(const char *value, struct core_person **out)
{
	const char *line = value, *nl;
	size_t n = 0, cap = 0;
	struct core_person *v = NULL;

	while (line != NULL && *line != '\0') {
		const char *f[4], *e[4];
		const char *p;
		int k;

		nl = strchr(line, '\n');
		e[3] = nl ? nl : line + strlen(line);
		f[0] = line;
		for (k = 0, p = line; k < 3; k++) {
			const char *tab = memchr(p, '\t', (size_t)(e[3] - p));

			if (tab == NULL)
				break;
			e[k] = tab;
			f[k + 1] = tab + 1;
			p = tab + 1;
		}
		if (k == 3 && e[3] > f[0]) {
			struct core_person *ps;
			size_t lp = (size_t)(e[2] - f[2]), lr = (size_t)(e[3] - f[3]);

			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			ps = &v[n++];
			ps->name = xstrndup(f[0], (size_t)(e[0] - f[0]));
			ps->relationship = xstrndup(f[1], (size_t)(e[1] - f[1]));
			snprintf(ps->present, sizeof(ps->present), "%.*s", (int)(lp < 7 ? lp : 7), f[2]);
			snprintf(ps->risk, sizeof(ps->risk), "%.*s", (int)(lr < 7 ? lr : 7), f[3]);
		}
		line = nl ? nl + 1 : NULL;
	}
	*out = v;
	return n;
}

void core_people_free(struct core_person *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].name);
		free(p[i].relationship);
	}
	free(p);
}

char *core_people_format(const struct core_person *p, size_t n)
{
	struct strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_addc(&sb, '\n');
		sb_addf(&sb, "%s\t%s\t%s\t%s", p[i].name, p[i].relationship ? p[i].relationship : "",
			p[i].present, p[i].risk);
	}
	return sb_take(&sb);
}

bool core_multi_has(const char *value, const char *id)
{
	size_t n = strlen(id);
	const char *p = value;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && memcmp(p, id, n) == 0)
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

/* ---- checking canonical values ---- */

/* Text a person typed: valid UTF-8, no control characters (newline and tab
 * allowed in long text only). */
static bool text_ok(const char *s, bool multiline, size_t max, char *msg, size_t msglen)
{
	size_t n = strlen(s), i;

	if (n > max) {
		say(msg, msglen, "the answer is longer than %zu bytes", max);
		return false;
	}
	if (utf8_invalid_at(s, n) != (size_t)-1) {
		say(msg, msglen, "the answer is not valid UTF-8 text");
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7F) {
			say(msg, msglen, "the answer holds a control character (0x%02X)", c);
			return false;
		}
	}
	return true;
}

static bool multi_ok(const struct core_question *q, const char *v, char *msg, size_t msglen)
{
	const char *p = v;
	size_t last = 0, count = 0;

	if (*v == '\0') {
		say(msg, msglen, "choose at least one option");
		return false;
	}
	while (p != NULL) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p), i;

		for (i = 0; i < q->noptions; i++)
			if (strlen(q->options[i].id) == len && memcmp(q->options[i].id, p, len) == 0)
				break;
		if (i == q->noptions) {
			say(msg, msglen, "'%.*s' is not an option of this question", (int)len, p);
			return false;
		}
		if (count > 0 && i <= last) {
			say(msg, msglen, "options must be listed once each, in the rule file's order");
			return false;
		}
		last = i;
		count++;
		p = comma ? comma + 1 : NULL;
	}
	return true;
}

static bool people_ok(const char *v, char *msg, size_t msglen)
{
	const char *line = v;
	int lineno = 1;

	if (!text_ok(v, true, LONGTEXT_MAX, msg, msglen))
		return false;
	while (line != NULL && *line != '\0') {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *copy = xstrndup(line, len), *fields[5], *p = copy;
		int k = 0;

		while (k < 5 && p != NULL) {
			fields[k++] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = '\0';
		}
		if (k != 4 || fields[0][0] == '\0' || !yn_valid(fields[2]) || !yn_valid(fields[3])) {
			say(msg, msglen,
			    "person %d must be: name, relationship, present (yes/no/unknown), risk (yes/no/unknown)",
			    lineno);
			free(copy);
			return false;
		}
		free(copy);
		line = nl ? nl + 1 : NULL;
		lineno++;
	}
	return true;
}

bool core_value_check(const struct core_question *q, const char *v, char *msg, size_t msglen)
{
	int y, m, d, h, mi;
	char tmp[160];

	if (v == NULL || *v == '\0') {
		say(msg, msglen, "no answer given");
		return false;
	}
	switch (q->type) {
	case CORE_Q_YESNO:
		if (yn_valid(v))
			return true;
		say(msg, msglen, "'%s' is not yes, no or unknown", v);
		return false;
	case CORE_Q_CHOICE:
		if (core_option_find(q, v) != NULL)
			return true;
		say(msg, msglen, "'%s' is not an option of this question", v);
		return false;
	case CORE_Q_MULTI:
		return multi_ok(q, v, msg, msglen);
	case CORE_Q_TEXT:
		if (!text_ok(v, false, TEXT_MAX, msg, msglen))
			return false;
		trim(v, tmp, sizeof(tmp));
		if (tmp[0] == '\0') {
			say(msg, msglen, "the answer is blank");
			return false;
		}
		return true;
	case CORE_Q_LONGTEXT:
		return text_ok(v, true, LONGTEXT_MAX, msg, msglen);
	case CORE_Q_DATE:
		if (strlen(v) == 10 && canon_date(v, &y, &m, &d))
			return ymd_valid(y, m, d, msg, msglen);
		say(msg, msglen, "'%s' is not a date in the form YYYY-MM-DD", v);
		return false;
	case CORE_Q_TIME:
		if (strlen(v) == 5 && canon_time(v, &h, &mi))
			return true;
		say(msg, msglen, "'%s' is not a time in the form HH:MM", v);
		return false;
	case CORE_Q_DATETIME:
		if (strlen(v) == 16 && canon_date(v, &y, &m, &d) && v[10] == ' ' &&
		    canon_time(v + 11, &h, &mi))
			return ymd_valid(y, m, d, msg, msglen);
		say(msg, msglen, "'%s' is not a date and time in the form YYYY-MM-DD HH:MM", v);
		return false;
	case CORE_Q_PEOPLE:
		return people_ok(v, msg, msglen);
	default:
		say(msg, msglen, "unknown question type");
		return false;
	}
}
