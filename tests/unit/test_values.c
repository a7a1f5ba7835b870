/* test_values.c — answer values: what a practitioner may type for dates and
 * times, and which canonical values each question type accepts. */
#include "testutil.h"

#include "core.h"

/* 2026-11-24 10:00 local (tests run with TZ=Europe/London or UTC alike). */
static time_t monday_morning(void)
{
	struct tm tm = {0};

	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 24;
	tm.tm_hour = 10;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void dates_in_every_accepted_form(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"2026-11-23", "2026-11-23"}, {"23/11/2026", "2026-11-23"}, {"1/2/2027", "2027-02-01"},
		{"today", "2026-11-24"},      {"Tomorrow", "2026-11-25"},   {"yesterday", "2026-11-23"},
		{"  2028-02-29 ", "2028-02-29"}, {"31.12.2026", "2026-12-31"},
	};
	char out[17], msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(core_date_parse(cases[i].in, monday_morning(), out, msg, sizeof(msg)));
		assert_string_equal(out, cases[i].out);
	}
}

static void impossible_dates_are_refused_with_a_reason(void **state)
{
	static const struct {
		const char *in, *msg;
	} cases[] = {
		{"2026-02-30", "30 February 2026 does not exist"},
		{"2027-02-29", "29 February 2027 does not exist"},
		{"31/04/2026", "31 April 2026 does not exist"},
		{"2026-13-01", "there is no month 13"},
		{"next week", "'next week' is not a date (use 2026-11-23, 23/11/2026, today or tomorrow)"},
		{"", "type a date, such as 2026-11-23, 23/11/2026, today or tomorrow"},
	};
	char out[17], msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_false(core_date_parse(cases[i].in, monday_morning(), out, msg, sizeof(msg)));
		assert_string_equal(msg, cases[i].msg);
	}
}

static void times_in_every_accepted_form(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"14:30", "14:30"}, {"9:00", "09:00"}, {"09.15", "09:15"}, {"2pm", "14:00"},
		{"2:30 pm", "14:30"}, {"12am", "00:00"}, {"12:05pm", "12:05"}, {"0:00", "00:00"},
	};
	char out[6], msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(core_time_parse(cases[i].in, out, msg, sizeof(msg)));
		assert_string_equal(out, cases[i].out);
	}
}

static void impossible_times_are_refused(void **state)
{
	static const char *const bad[] = {"25:00", "14:60", "1430", "14", "13pm", "noon", "", "9:5"};
	char out[6], msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(core_time_parse(bad[i], out, msg, sizeof(msg)));
		assert_true(strlen(msg) > 0);
	}
	assert_false(core_time_parse("25:00", out, msg, sizeof(msg)));
	assert_string_equal(msg, "'25:00' is not a time of day (use 24-hour HH:MM, such as 14:30)");
}

static void date_times_as_the_issue_writes_them(void **state)
{
	char out[17], msg[160];

	(void)state;
	assert_true(core_datetime_parse("2026-11-23 14:30", monday_morning(), out, msg, sizeof(msg)));
	assert_string_equal(out, "2026-11-23 14:30");
	assert_true(core_datetime_parse("today 14:30", monday_morning(), out, msg, sizeof(msg)));
	assert_string_equal(out, "2026-11-24 14:30");
	assert_true(core_datetime_parse("tomorrow 9:00", monday_morning(), out, msg, sizeof(msg)));
	assert_string_equal(out, "2026-11-25 09:00");
	assert_true(core_datetime_parse("2026-11-23T08:05", monday_morning(), out, msg, sizeof(msg)));
	assert_string_equal(out, "2026-11-23 08:05");
	assert_false(core_datetime_parse("today", monday_morning(), out, msg, sizeof(msg)));
	assert_string_equal(msg, "give a time as well, such as 'today 14:30'");
	assert_false(core_datetime_parse("2026-02-30 10:00", monday_morning(), out, msg, sizeof(msg)));
	assert_string_equal(msg, "30 February 2026 does not exist");
}

static void canonical_text_round_trips_through_time(void **state)
{
	time_t t;
	char out[17];

	(void)state;
	assert_true(core_time_from_text("2026-11-24 10:00", CORE_Q_DATETIME, 0, &t));
	assert_true(t == monday_morning());
	core_time_format(t, out);
	assert_string_equal(out, "2026-11-24 10:00");
	assert_true(core_time_from_text("16:45", CORE_Q_TIME, monday_morning(), &t));
	core_time_format(t, out);
	assert_string_equal(out, "2026-11-24 16:45");
	assert_false(core_time_from_text("16:45", CORE_Q_TIME, 0, &t));
	assert_false(core_time_from_text("2026-02-30", CORE_Q_DATE, 0, &t));
}

static void people_lists_round_trip_with_accented_names(void **state)
{
	struct core_person in[2] = {
		{"Zoë Ó'Brien", "mother", "yes", "no"},
		{"Łukasz", "mother's partner", "unknown", "yes"},
	};
	struct core_person *out;
	char *text;
	size_t n;

	(void)state;
	text = core_people_format(in, 2);
	assert_string_equal(text, "Zoë Ó'Brien\tmother\tyes\tno\nŁukasz\tmother's partner\tunknown\tyes");
	n = core_people_parse(text, &out);
	assert_int_equal(n, 2);
	assert_string_equal(out[0].name, "Zoë Ó'Brien");
	assert_string_equal(out[1].relationship, "mother's partner");
	assert_string_equal(out[1].present, "unknown");
	assert_string_equal(out[1].risk, "yes");
	core_people_free(out, n);
	free(text);
}

static void multi_values_match_whole_ids_only(void **state)
{
	(void)state;
	assert_true(core_multi_has("neglect,domestic-abuse", "domestic-abuse"));
	assert_true(core_multi_has("neglect", "neglect"));
	assert_false(core_multi_has("neglect-x,abuse", "neglect"));
	assert_false(core_multi_has("", "neglect"));
}

static void value_check_by_question_type(void **state)
{
	static const struct core_option opts[] = {{"neglect", "Neglect"}, {"physical-harm", "Physical harm"}};
	struct core_question q = {.id = "q", .options = opts, .noptions = 2};
	static const struct {
		enum core_qtype type;
		const char *value;
		bool ok;
	} cases[] = {
		{CORE_Q_YESNO, "yes", true},         {CORE_Q_YESNO, "unknown", true},
		{CORE_Q_YESNO, "maybe", false},      {CORE_Q_CHOICE, "neglect", true},
		{CORE_Q_CHOICE, "abuse", false},     {CORE_Q_MULTI, "neglect,physical-harm", true},
		{CORE_Q_MULTI, "physical-harm,neglect", false}, {CORE_Q_MULTI, "neglect,neglect", false},
		{CORE_Q_TEXT, "Zoë Ó'Brien", true},  {CORE_Q_TEXT, "two\nlines", false},
		{CORE_Q_TEXT, "   ", false},         {CORE_Q_TEXT, "bad \xff byte", false},
		{CORE_Q_LONGTEXT, "two\nlines", true}, {CORE_Q_LONGTEXT, "bell\a", false},
		{CORE_Q_DATE, "2026-11-23", true},   {CORE_Q_DATE, "2026-11-31", false},
		{CORE_Q_TIME, "23:59", true},        {CORE_Q_TIME, "24:00", false},
		{CORE_Q_DATETIME, "2026-11-23 14:30", true}, {CORE_Q_DATETIME, "2026-11-23", false},
		{CORE_Q_PEOPLE, "Ann\tmother\tyes\tno", true}, {CORE_Q_PEOPLE, "Ann\tmother\tyes", false},
		{CORE_Q_PEOPLE, "\tmother\tyes\tno", false}, {CORE_Q_PEOPLE, "Ann\tmother\tperhaps\tno", false},
		{CORE_Q_YESNO, "", false},
	};
	char msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		q.type = cases[i].type;
		if (core_value_check(&q, cases[i].value, msg, sizeof(msg)) != cases[i].ok) {
			print_error("case %zu: %s '%s' expected %s\n", i, core_qtype_name(q.type),
				    cases[i].value, cases[i].ok ? "ok" : "refused");
			fail();
		}
	}
}

static void a_no_that_needs_a_reason_is_incomplete_without_one(void **state)
{
	static const char *const reason_if[] = {"no"};
	struct core_question q = {.id = "seen.alone", .type = CORE_Q_YESNO, .reason_if = reason_if,
				  .nreason_if = 1};
	struct core_answer yes = {"yes", NULL}, no = {"no", NULL}, no_why = {"no", "asleep, not woken"},
			   blank = {"no", "  "};

	(void)state;
	assert_true(core_answer_complete(&q, &yes));
	assert_false(core_answer_complete(&q, &no));
	assert_true(core_answer_complete(&q, &no_why));
	assert_false(core_answer_complete(&q, &blank));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_every_accepted_form),
		cmocka_unit_test(impossible_dates_are_refused_with_a_reason),
		cmocka_unit_test(times_in_every_accepted_form),
		cmocka_unit_test(impossible_times_are_refused),
		cmocka_unit_test(date_times_as_the_issue_writes_them),
		cmocka_unit_test(canonical_text_round_trips_through_time),
		cmocka_unit_test(people_lists_round_trip_with_accented_names),
		cmocka_unit_test(multi_values_match_whole_ids_only),
		cmocka_unit_test(value_check_by_question_type),
		cmocka_unit_test(a_no_that_needs_a_reason_is_incomplete_without_one),
	};

	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("values", tests, NULL, NULL);
}
