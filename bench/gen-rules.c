/* gen-rules.c — writes a large, valid rulebook for the loading benchmark:
 * sections of twenty questions of every type, most with conditions on earlier
 * answers, a failed-access procedure of steps, actions (one per ten questions,
 * with deadlines and escalation) and risks. The result passes
 * `homevisit rules check`. usage: gen-rules QUESTIONS > FILE */
#include <stdio.h>
#include <stdlib.h>

#define PER_SECTION 20

/* Folded paragraphs of guidance, a line each (NULL ends one). */
static const char *const guidance[][4] = {
	{"Every time we visit a family's home there is a purpose to that visit. Practitioners",
	 "should ensure that they understand the purpose of the visit and how it contributes",
	 "to the overall plan for this family.", NULL},
	{"Who are you expecting to be present in the home? What are the names and relationship",
	 "of people who live or are likely to be present to the child or young person?", NULL},
	{"Is it safe to go alone or is there a need for a joint visit with a colleague or",
	 "another practitioner? Agree each person's role and a contingency plan.", NULL},
	{"Record what was done at each step and when; note each call or message, the number",
	 "used and what happened.", NULL},
};

/* "guidance: >" at indent, then paragraph g two spaces further in. */
static void print_guidance(int indent, long g)
{
	const char *const *l;

	printf("%*sguidance: >\n", indent, "");
	for (l = guidance[g % 4]; *l != NULL; l++)
		printf("%*s%s\n", indent + 2, "", *l);
}

static const char *const words[] = {"family", "child", "home", "visit", "worker", "plan",
				    "contact", "school", "health", "risk"};

/* The question at index j (0..19) of a section whose first question is q0. */
static void question(long q0, int j, long q, int procedure)
{
	const char *pfx = procedure ? "      " : "";
	long p = q0; /* earlier questions of the section, by position */

	printf("%s      - id: q%06ld\n", pfx, q);
	switch (j % 10) {
	case 0:
		printf("%s        type: yesno\n", pfx);
		break;
	case 1:
	case 5:
		printf("%s        type: choice\n", pfx);
		break;
	case 2:
		printf("%s        type: multi\n", pfx);
		break;
	case 3:
		printf("%s        type: text\n", pfx);
		break;
	case 4:
		printf("%s        type: longtext\n", pfx);
		break;
	case 6:
		printf("%s        type: %s\n", pfx, j < 10 ? "date" : "time");
		break;
	case 7:
		printf("%s        type: datetime\n", pfx);
		break;
	case 8:
		printf("%s        type: people\n", pfx);
		break;
	case 9:
		printf("%s        type: yesno\n", pfx);
		break;
	}
	printf("%s        text: Question %ld about the %s and the %s (%s)?\n", pfx, q,
	       words[q % 10], words[(q / 10) % 10], j < 10 ? "first part" : "second part");
	print_guidance(procedure ? 14 : 8, q);
	printf("%s        source: {doc: %s, page: %ld}\n", pfx, procedure ? "proc" : "guide",
	       procedure ? 1 : 1 + q % 7);
	if (j % 10 == 0)
		printf("%s        required: true\n%s        reason_if: [\"no\"]\n", pfx, pfx);
	if (j % 10 == 1 || j % 10 == 5)
		printf("%s        options:\n"
		       "%s          - {id: opt-a, label: The first answer}\n"
		       "%s          - {id: opt-b, label: The second answer}\n"
		       "%s          - {id: opt-c, label: The third answer}\n"
		       "%s          - {id: other, label: Something else}\n",
		       pfx, pfx, pfx, pfx, pfx);
	if (j % 10 == 5)
		printf("%s        reason_if: [other]\n", pfx);
	if (j % 10 == 2)
		printf("%s        options:\n"
		       "%s          - {id: neglect, label: Neglect}\n"
		       "%s          - {id: emotional, label: Emotional harm}\n"
		       "%s          - {id: physical, label: Physical harm}\n"
		       "%s          - {id: domestic, label: Domestic abuse}\n"
		       "%s          - {id: none, label: None of these}\n",
		       pfx, pfx, pfx, pfx, pfx, pfx);
	if (j % 10 == 3)
		printf("%s        hint: One line; the full account goes in the case note.\n", pfx);
	if (j == 18 && q0 > PER_SECTION)
		printf("%s        prefill: q%06ld\n", pfx, q0 - PER_SECTION + 8);
	/* conditions on earlier questions of the same section */
	switch (j) {
	case 1:
		printf("%s        when: {equals: {question: q%06ld, value: \"yes\"}}\n", pfx, p);
		break;
	case 3:
		printf("%s        when: {includes: {question: q%06ld, value: domestic}}\n", pfx, p + 2);
		break;
	case 4:
		printf("%s        when:\n%s          any:\n"
		       "%s            - {equals: {question: q%06ld, value: opt-a}}\n"
		       "%s            - {equals: {question: q%06ld, value: \"no\"}}\n",
		       pfx, pfx, pfx, p + 1, pfx, p);
		break;
	case 7:
		printf("%s        when: {answered: q%06ld}\n", pfx, p + 6);
		break;
	case 9:
		printf("%s        when: {person: {question: q%06ld, present: \"yes\", risk: \"yes\"}}\n",
		       pfx, p + 8);
		break;
	case 11:
		printf("%s        when: {one_of: {question: q%06ld, values: [\"no\", \"unknown\"]}}\n", pfx,
		       p + 10);
		break;
	case 13:
		printf("%s        when: {not: {equals: {question: q%06ld, value: opt-c}}}\n", pfx, p + 5);
		break;
	case 14:
		printf("%s        when:\n%s          all:\n"
		       "%s            - {equals: {question: visit.kind, value: unannounced}}\n"
		       "%s            - any:\n"
		       "%s                - {includes: {question: q%06ld, value: neglect}}\n"
		       "%s                - {equals: {question: q%06ld, value: \"yes\"}}\n",
		       pfx, pfx, pfx, pfx, pfx, p + 12, pfx, p + 9);
		break;
	case 17:
		printf("%s        when: {person: {question: q%06ld, risk: \"yes\"}}\n", pfx, p + 8);
		break;
	}
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000, q = 0, sec = 0, step = 0, a, nsec, nplan;

	if (n < 2 * PER_SECTION || n % PER_SECTION != 0) {
		fprintf(stderr, "usage: %s QUESTIONS (a multiple of %d, at least %d)\n", argv[0],
			PER_SECTION, 2 * PER_SECTION);
		return 64;
	}
	nsec = n / PER_SECTION;
	nplan = nsec - (nsec / 10 > 0 ? nsec / 10 : 1); /* the last tenth are procedure steps */
	printf("# A generated rulebook of %ld questions (bench/gen-rules.c), for timing the loader.\n\n"
	       "rulebook:\n  id: generated-%ld\n  title: Generated rulebook of %ld questions\n"
	       "  version: \"1\"\n\n"
	       "sources:\n"
	       "  - id: guide\n    title: Generated multi-agency guidance on home visits\n"
	       "    edition: Version 1\n    pages: 7\n"
	       "  - id: proc\n    title: Generated procedure for failed home visits\n    pages: 1\n\n"
	       "roles:\n"
	       "  - {id: practitioner, label: The visiting practitioner}\n"
	       "  - {id: team-manager, label: Team Manager}\n"
	       "  - {id: service-manager, label: Service Manager}\n"
	       "  - {id: police, label: Police}\n\n"
	       "escalation:\n"
	       "  - {id: none, label: No escalation}\n"
	       "  - {id: team-manager, label: Team Manager discussion}\n"
	       "  - {id: service-manager, label: Consider involving the Service Manager}\n"
	       "  - {id: police, label: Discuss with the police}\n\n"
	       "sections:\n",
	       n, n, n);
	for (sec = 0; sec < nplan; sec++) {
		int j;

		printf("  - id: s%05ld\n    title: Section %ld\n    stage: %s\n"
		       "    source: {doc: guide, page: %ld}\n",
		       sec, sec, sec < nplan * 3 / 4 ? "plan" : "outcome", 1 + sec % 7);
		if (sec % 2 == 0)
			print_guidance(4, sec);
		if (sec % 5 == 4)
			printf("    when: {equals: {question: q%06ld, value: \"yes\"}}\n", q - PER_SECTION);
		if (sec % 50 == 0)
			printf("    summary: true\n");
		printf("    questions:\n");
		for (j = 0; j < PER_SECTION; j++, q++)
			question(q - j, j, q, 0);
	}
	printf("\nprocedures:\n  - id: failed-access\n    title: Failed home visit\n"
	       "    stage: outcome\n    source: {doc: proc, page: 1}\n"
	       "    when: {equals: {question: q%06ld, value: \"no\"}}\n",
	       (long)0);
	print_guidance(4, 3);
	printf("    steps:\n");
	for (step = 0; sec < nsec; sec++, step++) {
		int j;

		printf("      - id: fa.step%04ld\n        title: Step %ld\n"
		       "        source: {doc: proc, page: 1}\n",
		       step, step + 1);
		print_guidance(8, step);
		if (step % 3 == 2)
			printf("        when: {answered: q%06ld}\n", q - PER_SECTION + 3);
		printf("        questions:\n");
		for (j = 0; j < PER_SECTION; j++, q++)
			question(q - j, j, q, 1);
	}
	/* one action per ten questions, each on a question of its ten */
	printf("\nactions:\n");
	for (a = 0; a < n / 10; a++) {
		long b = a * 10, s0 = b / PER_SECTION * PER_SECTION;
		static const char *const urg[] = {"routine", "same-day", "before-visit", "immediate"};
		static const char *const due[] = {"+7d", "same-day", "before-visit", "immediately"};
		int u = (int)(a % 4);

		printf("  - id: act.%05ld\n    text: Follow up question %ld with the %s.\n"
		       "    owner: %s\n    urgency: %s\n    due: %s\n",
		       a, b, words[a % 10], a % 3 ? "practitioner" : "team-manager", urg[u], due[u]);
		if (u == 0 && b % PER_SECTION == 0)
			printf("    from: q%06ld\n", s0 + 7);
		else if (u == 1)
			printf("    from: outcome\n");
		if (a % 5 == 3)
			printf("    escalation: %s\n", a % 15 == 3 ? "police" : "team-manager");
		printf("    source: {doc: %s, page: 1}\n", a % 2 ? "proc" : "guide");
		print_guidance(4, a);
		if (b % PER_SECTION == 0)
			printf("    when: {equals: {question: q%06ld, value: \"no\"}}\n", b);
		else
			printf("    when:\n      any:\n"
			       "        - {one_of: {question: q%06ld, values: [opt-b, other]}}\n"
			       "        - {person: {question: q%06ld, risk: \"yes\"}}\n",
			       s0 + 5, s0 + 8);
	}
	if (n / 50 > 0)
		printf("\nrisks:\n");
	for (a = 0; a < n / 50; a++)
		printf("  - id: risk.%04ld\n    text: Risk from section %ld\n"
		       "    source: {doc: guide, page: 2}\n"
		       "    when: {includes: {question: q%06ld, value: %s}}\n",
		       a, a * 50 / PER_SECTION, a * 50 / PER_SECTION * PER_SECTION + 2,
		       a % 2 ? "physical" : "domestic");
	return 0;
}
