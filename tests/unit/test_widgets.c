/* test_widgets.c — the widgets' logic, apart from drawing: the UTF-8 line editor's
 * keys, word wrapping, and how keys become answers in each question widget. */
#include "testutil.h"

#include <locale.h>

#include <curses.h>

#include "../../src/tui/edit.h"
#include "../../src/tui/widget.h"

static struct tui_key ch(wint_t c)
{
	struct tui_key k = {c, false};

	return k;
}

static struct tui_key code(wint_t c)
{
	struct tui_key k = {c, true};

	return k;
}

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

static void typing_a_name_with_accents_keeps_every_character(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "", false, 0);
	assert_true(edit_insert(&e, "Zoë Ó'Brien", strlen("Zoë Ó'Brien")));
	assert_string_equal(e.buf, "Zoë Ó'Brien");
	assert_int_equal(e.cur, e.len);
	edit_set(&e, "");
	assert_true(edit_insert_wc(&e, 0x141)); /* Ł */
	assert_true(edit_insert(&e, "ukasz", 5));
	assert_string_equal(e.buf, "Łukasz");
	edit_free(&e);
}

static void cursor_keys_move_by_whole_characters(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "Zoë", false, 0);
	edit_left(&e); /* before ë (two bytes) */
	assert_int_equal(e.cur, 2);
	edit_left(&e);
	assert_int_equal(e.cur, 1);
	edit_right(&e);
	edit_right(&e);
	assert_int_equal(e.cur, 4);
	edit_right(&e); /* at the end already */
	assert_int_equal(e.cur, 4);
	edit_home(&e);
	assert_int_equal(e.cur, 0);
	edit_end(&e);
	assert_int_equal(e.cur, 4);
	edit_free(&e);
}

static void backspace_and_delete_remove_whole_characters(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "Łukasz", false, 0);
	edit_home(&e);
	edit_delete(&e);
	assert_string_equal(e.buf, "ukasz");
	edit_end(&e);
	edit_backspace(&e);
	assert_string_equal(e.buf, "ukas");
	edit_set(&e, "Zoë");
	edit_backspace(&e);
	assert_string_equal(e.buf, "Zo");
	edit_home(&e);
	edit_backspace(&e); /* nothing before the start */
	assert_string_equal(e.buf, "Zo");
	edit_free(&e);
}

static void ctrl_u_and_ctrl_w_cut_as_in_a_shell(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "Anna Nowak  mother", false, 0);
	edit_kill_word(&e);
	assert_string_equal(e.buf, "Anna Nowak  ");
	edit_kill_word(&e);
	assert_string_equal(e.buf, "Anna ");
	edit_end(&e);
	edit_insert(&e, "Smith", 5);
	edit_left(&e);
	edit_left(&e);
	edit_kill_to_start(&e);
	assert_string_equal(e.buf, "th");
	assert_int_equal(e.cur, 0);
	edit_free(&e);
}

static void control_characters_and_broken_utf8_are_not_typed(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "", false, 0);
	edit_insert(&e, "a\tb\nc\x1b[2Jd\xff", 11);
	assert_string_equal(e.buf, "abc[2Jd");
	edit_free(&e);
	edit_init(&e, "", true, 0);
	edit_insert(&e, "line one\nline two", 17);
	assert_string_equal(e.buf, "line one\nline two");
	edit_free(&e);
}

static void the_length_limit_holds(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "", false, 4);
	assert_true(edit_insert(&e, "abcd", 4));
	assert_false(edit_insert(&e, "e", 1));
	assert_string_equal(e.buf, "abcd");
	edit_free(&e);
}

static void up_and_down_keep_the_column_in_long_text(void **state)
{
	struct edit e;

	(void)state;
	edit_init(&e, "first line\nab\nthird line", true, 0);
	edit_up(&e); /* from the end of "third line" (col 10) to "ab" end */
	assert_int_equal(e.cur, 13);
	edit_up(&e);
	assert_int_equal(e.cur, 2); /* col 2 on the first line */
	edit_down(&e);
	assert_int_equal(e.cur, 13);
	edit_down(&e);
	assert_int_equal(e.cur, 16);
	edit_down(&e); /* no line below */
	assert_int_equal(e.cur, 16);
	edit_free(&e);
}

static void wrapping_breaks_at_spaces_and_counts_columns_not_bytes(void **state)
{
	const char *text = "Zoë Ó'Brien is the mother of Łukasz";
	size_t *st, *ln, n;

	(void)state;
	n = edit_wrap(text, 12, &st, &ln);
	assert_int_equal(n, 4);
	assert_int_equal(ln[0], strlen("Zoë Ó'Brien")); /* 11 columns, 13 bytes */
	assert_int_equal(ln[1], 6);
	assert_memory_equal(text + st[1], "is the", 6);
	assert_int_equal(ln[2], 9);
	assert_memory_equal(text + st[2], "mother of", 9);
	assert_memory_equal(text + st[3], "Łukasz", ln[3]);
	free(st);
	free(ln);
	n = edit_wrap("one\n\ntwo", 20, &st, &ln);
	assert_int_equal(n, 3);
	assert_int_equal(ln[1], 0);
	free(st);
	free(ln);
	n = edit_wrap("abcdefghij", 4, &st, &ln); /* a word longer than the line */
	assert_int_equal(n, 3);
	assert_int_equal(ln[0], 4);
	assert_int_equal(ln[2], 2);
	free(st);
	free(ln);
}

static void display_width_counts_wide_characters_twice(void **state)
{
	(void)state;
	assert_int_equal(edit_width("Łukasz", strlen("Łukasz")), 6);
	assert_int_equal(edit_width("日本", strlen("日本")), 4);
}

static void a_no_that_needs_a_reason_is_saved_then_asks_why(void **state)
{
	static const char *const reason_if[] = {"no"};
	struct core_question q = {.id = "seen.alone", .type = CORE_Q_YESNO, .text = "Seen alone?",
				  .reason_if = reason_if, .nreason_if = 1};
	struct qwidget w;
	char *value, *reason;
	const char *typed = "Asleep; not woken";

	(void)state;
	qwidget_init(&w, &q, NULL, NULL, NULL);
	assert_int_equal(qwidget_key(&w, ch('n'), monday_morning(), &value, &reason), WIDGET_SAVE);
	assert_string_equal(value, "no"); /* saved at once, before the reason */
	assert_null(reason);
	free(value);
	assert_true(w.in_reason);
	assert_true(qwidget_typing(&w)); /* letters now go to the reason */
	for (; *typed; typed++)
		assert_int_equal(qwidget_key(&w, ch((wint_t)*typed), 0, &value, &reason), WIDGET_NONE);
	assert_int_equal(qwidget_key(&w, ch('\r'), 0, &value, &reason), WIDGET_DONE);
	assert_string_equal(value, "no");
	assert_string_equal(reason, "Asleep; not woken");
	free(value);
	free(reason);
	qwidget_free(&w);
}

static void a_yes_moves_on_without_a_reason(void **state)
{
	static const char *const reason_if[] = {"no"};
	struct core_question q = {.id = "q", .type = CORE_Q_YESNO, .reason_if = reason_if,
				  .nreason_if = 1};
	struct qwidget w;
	char *value, *reason;

	(void)state;
	qwidget_init(&w, &q, NULL, NULL, NULL);
	assert_int_equal(qwidget_key(&w, code(KEY_DOWN), 0, &value, &reason), WIDGET_NONE);
	assert_int_equal(qwidget_key(&w, code(KEY_UP), 0, &value, &reason), WIDGET_NONE);
	assert_int_equal(qwidget_key(&w, ch('\r'), 0, &value, &reason), WIDGET_DONE);
	assert_string_equal(value, "yes");
	free(value);
	free(reason);
	assert_int_equal(qwidget_key(&w, ch('g'), 0, &value, &reason), WIDGET_UNHANDLED);
	assert_int_equal(qwidget_key(&w, ch('\t'), 0, &value, &reason), WIDGET_NEXT);
	assert_int_equal(qwidget_key(&w, code(KEY_BTAB), 0, &value, &reason), WIDGET_PREV);
	qwidget_free(&w);
}

static void space_ticks_several_and_enter_saves_them_in_rule_order(void **state)
{
	static const struct core_option opts[] = {
		{"neglect", "Neglect"}, {"domestic-abuse", "Domestic abuse"}, {"physical-harm", "Physical harm"}};
	struct core_question q = {.id = "q", .type = CORE_Q_MULTI, .options = opts, .noptions = 3};
	struct qwidget w;
	char *value, *reason;

	(void)state;
	qwidget_init(&w, &q, NULL, NULL, NULL);
	assert_int_equal(qwidget_key(&w, ch('\r'), 0, &value, &reason), WIDGET_NONE);
	assert_true(strlen(w.msg) > 0); /* nothing ticked yet */
	qwidget_key(&w, ch('j'), 0, &value, &reason);
	qwidget_key(&w, ch('j'), 0, &value, &reason);
	qwidget_key(&w, ch(' '), 0, &value, &reason);   /* physical-harm */
	qwidget_key(&w, ch('1'), 0, &value, &reason);   /* neglect */
	assert_int_equal(qwidget_key(&w, ch('\r'), 0, &value, &reason), WIDGET_DONE);
	assert_string_equal(value, "neglect,physical-harm");
	free(value);
	free(reason);
	qwidget_free(&w);
}

static void a_date_is_typed_as_a_person_would_and_saved_as_a_date(void **state)
{
	struct core_question q = {.id = "q", .type = CORE_Q_DATETIME};
	struct qwidget w;
	char *value, *reason;
	const char *p;

	(void)state;
	qwidget_init(&w, &q, NULL, NULL, NULL);
	for (p = "tomorrow 9:00"; *p; p++)
		qwidget_key(&w, ch((wint_t)*p), 0, &value, &reason);
	assert_string_equal(qwidget_pending(&w), "tomorrow 9:00");
	assert_int_equal(qwidget_key(&w, ch('\r'), monday_morning(), &value, &reason), WIDGET_DONE);
	assert_string_equal(value, "2026-11-25 09:00");
	assert_string_equal(w.text.buf, "2026-11-25 09:00");
	assert_null(qwidget_pending(&w));
	free(value);
	free(reason);
	edit_set(&w.text, "2026-02-30 10:00");
	assert_int_equal(qwidget_key(&w, ch('\r'), monday_morning(), &value, &reason), WIDGET_NONE);
	assert_string_equal(w.msg, "30 February 2026 does not exist");
	qwidget_free(&w);
}

static void long_text_takes_enter_as_a_new_line_and_ctrl_e_for_the_editor(void **state)
{
	struct core_question q = {.id = "q", .type = CORE_Q_LONGTEXT};
	struct qwidget w;
	char *value, *reason;

	(void)state;
	qwidget_init(&w, &q, NULL, NULL, NULL);
	qwidget_key(&w, ch('a'), 0, &value, &reason);
	assert_int_equal(qwidget_key(&w, ch('\r'), 0, &value, &reason), WIDGET_NONE);
	qwidget_key(&w, ch('b'), 0, &value, &reason);
	assert_string_equal(w.text.buf, "a\nb");
	assert_int_equal(qwidget_key(&w, ch(5), 0, &value, &reason), WIDGET_EXTERNAL);
	assert_int_equal(qwidget_key(&w, ch('\t'), 0, &value, &reason), WIDGET_NEXT);
	assert_true(qwidget_commit(&w, 0, &value, &reason));
	assert_string_equal(value, "a\nb");
	free(value);
	free(reason);
	qwidget_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typing_a_name_with_accents_keeps_every_character),
		cmocka_unit_test(cursor_keys_move_by_whole_characters),
		cmocka_unit_test(backspace_and_delete_remove_whole_characters),
		cmocka_unit_test(ctrl_u_and_ctrl_w_cut_as_in_a_shell),
		cmocka_unit_test(control_characters_and_broken_utf8_are_not_typed),
		cmocka_unit_test(the_length_limit_holds),
		cmocka_unit_test(up_and_down_keep_the_column_in_long_text),
		cmocka_unit_test(wrapping_breaks_at_spaces_and_counts_columns_not_bytes),
		cmocka_unit_test(display_width_counts_wide_characters_twice),
		cmocka_unit_test(a_no_that_needs_a_reason_is_saved_then_asks_why),
		cmocka_unit_test(a_yes_moves_on_without_a_reason),
		cmocka_unit_test(space_ticks_several_and_enter_saves_them_in_rule_order),
		cmocka_unit_test(a_date_is_typed_as_a_person_would_and_saved_as_a_date),
		cmocka_unit_test(long_text_takes_enter_as_a_new_line_and_ctrl_e_for_the_editor),
	};

	setlocale(LC_ALL, "C.UTF-8");
	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("widgets", tests, NULL, NULL);
}
