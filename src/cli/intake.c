/*
 * intake.c - 'prudent intake': record a client's answers, from a file or by
 * asking the questionnaire in a terminal.
 *
 * Either way the answers are checked against the library's questionnaire
 * before anything is stored, and stored as a new version only when something
 * changed.  The terminal dialogue reads one line per answer, so it works the
 * same when another program types into it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "cli/cli.h"
#include "engine/eng.h"

/* ----------------------------------------------------------- dialogue */

struct dialogue {
	struct cli *cli;
	const struct library *lib;
	json_t *answers; /* being built */
	FILE *in;
};


/* Read one line without its newline; false at end of input. */
static bool
read_line(FILE *in, char *buf, size_t cap)
{
	size_t n;

	if (!fgets(buf, (int)cap, in))
		return false;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	while (buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
	return true;
}

/* An answer as it reads on one line, for the prompt and the summary. */
static void
describe(json_t *v, struct str *out)
{
	size_t i;
	json_t *x;

	if (!v) {
		str_puts(out, "(not answered)");
	} else if (json_is_boolean(v)) {
		str_puts(out, json_is_true(v) ? "yes" : "no");
	} else if (json_is_integer(v)) {
		str_appendf(out, "%lld", (long long)json_integer_value(v));
	} else if (json_is_string(v)) {
		str_puts(out, json_string_value(v));
	} else if (json_is_array(v)) {
		if (json_array_size(v) == 0)
			str_puts(out, "none");
		json_array_foreach(v, i, x)
			str_appendf(out, "%s%s", i ? ", " : "", json_string_value(x) ? json_string_value(x) : "?");
	}
}

static const char *
hint(const struct lib_question *q)
{
	switch (q->type) {
	case LIB_Q_YESNO: return "yes or no";
	case LIB_Q_NUMBER: return "a number";
	case LIB_Q_CHOICE: return "the number of one choice";
	case LIB_Q_MULTI: return "numbers separated by commas, or none";
	case LIB_Q_US_STATES: return "state codes separated by commas, such as OH, PA";
	case LIB_Q_COUNTRIES: return "country codes separated by commas, such as US, CA";
	case LIB_Q_TEXT_LIST: return "items separated by commas, or none";
	default: return "text";
	}
}

/* Ask the questions in order; returns 0 when every asked question has an
 * answer or was skipped, ERR_INPUT when the input ends first. */
static int
ask_all(struct dialogue *d)
{
	const struct library *lib = d->lib;
	size_t *asked = xcalloc(lib->n_questions + 1, sizeof(size_t)), n_asked = 0, i = 0;
	struct str line_s = STR_INIT, why = STR_INIT;
	char line[2048];
	int rc = 0;

	while (i < lib->n_questions) {
		const struct lib_question *q = &lib->questions[i];
		json_t *current, *value;

		if (q->when && !eng_cond_holds(q->when, d->answers)) {
			eng_answer_set(d->answers, q->key, NULL); /* not asked: no answer */
			i++;
			continue;
		}
		current = eng_answer(d->answers, q->key);
		fprintf(d->cli->out, "\n%s\n  Why we ask: %s\n", q->prompt, q->why);
		for (size_t k = 0; k < q->n_options; k++)
			fprintf(d->cli->out, "  %2zu) %s\n", k + 1, q->options[k].label);
		str_clear(&line_s);
		describe(current, &line_s);
		fprintf(d->cli->out, "  Answer (%s%s%s; 'back' for the previous question%s): ", hint(q),
			current ? "; Enter keeps " : "", current ? line_s.buf : "",
			q->required ? "" : "; Enter skips");
		fflush(d->cli->out);
		if (!read_line(d->in, line, sizeof(line))) {
			rc = err_set(&d->cli->err, ERR_INPUT, "the intake ended before every question "
				     "was answered; nothing was saved");
			break;
		}
		if (strcmp(line, "back") == 0) {
			if (n_asked > 0)
				i = asked[--n_asked];
			continue;
		}
		if (line[0] == '\0') {
			if (!current && q->required) {
				fputs("  This question needs an answer.\n", d->cli->out);
				continue;
			}
			asked[n_asked++] = i++;
			continue;
		}
		str_clear(&why);
		if (!(value = app_intake_value(q, line, &why))) {
			fprintf(d->cli->out, "  Sorry: %s.\n", why.buf);
			continue;
		}
		eng_answer_set(d->answers, q->key, value);
		asked[n_asked++] = i++;
	}
	free(asked);
	str_free(&line_s);
	str_free(&why);
	return rc;
}

/* Show every answer and ask to save. */
static int
confirm(struct dialogue *d)
{
	struct str s = STR_INIT;
	char line[64];

	fputs("\nSummary of the answers:\n", d->cli->out);
	for (size_t i = 0; i < d->lib->n_questions; i++) {
		json_t *v = eng_answer(d->answers, d->lib->questions[i].key);

		if (!v)
			continue;
		str_clear(&s);
		describe(v, &s);
		fprintf(d->cli->out, "  %-40s %s\n", d->lib->questions[i].key, s.buf);
	}
	str_free(&s);
	for (;;) {
		fputs("Save these answers? (yes/no): ", d->cli->out);
		fflush(d->cli->out);
		if (!read_line(d->in, line, sizeof(line)))
			break;
		if (!strcasecmp(line, "yes") || !strcasecmp(line, "y"))
			return 0;
		if (!strcasecmp(line, "no") || !strcasecmp(line, "n"))
			break;
	}
	return err_set(&d->cli->err, ERR_INPUT, "the answers were not saved");
}

/* ---------------------------------------------------------- command */

/* Check answers, print every problem, and store them as a new version when
 * they differ from the current one. */
static int
record(struct cli *cli, struct store *db, const struct library *lib, const struct store_client *c,
       json_t *old, json_t *answers, const char *by)
{
	struct eng_problems problems = {0};
	char hash[8 + HASH_SHA256_HEX_LEN];
	int version, rc;

	rc = app_intake_save(db, lib, c, old, answers, by, cli->arena, &problems, &version,
			     &cli->err);
	for (size_t i = 0; rc == ERR_INPUT && i < problems.n_lines; i++)
		fprintf(stderr, "prudent: %s\n", problems.lines[i]);
	if (rc == 0 && version == 0)
		fprintf(cli->out, "No answer changed; the current version of %s's intake stays.\n",
			c->slug);
	if (rc == 0 && version > 0) {
		eng_profile_hash(answers, hash);
		fprintf(cli->out, "Saved version %d of %s's intake (%s). Next: prudent obligations "
			"%s\n", version, c->name, hash, c->slug);
	}
	return rc;
}

/*
** COMMAND: intake
** SUMMARY: Record a client's intake answers, in a terminal or from a file
**
** Usage: prudent intake CLIENT [--answers FILE] [--by NAME]
**
** Without --answers, asks the questionnaire one question at a time, starting
** from the client's current answers: type the answer, Enter to keep the
** current one (or to skip a question that is optional), 'back' to return to
** the previous question.  Questions that do not apply (card channels when the
** business takes no cards) are not asked.  At the end it shows every answer
** and asks before saving.
**
** With --answers FILE (JSON or YAML; '-' reads standard input), the file is
** the whole profile.  Every problem is printed on its own line naming the key
** (an unknown key with the nearest valid one, a wrong type, a value outside
** the list, a missing answer), and nothing is saved unless there are none.
**
** Answers are kept as versions: each save that changes something adds one,
** with who and when; 'prudent client show CLIENT' lists them.
**
**   --answers FILE  read the answers from FILE instead of asking
**   --by NAME       who is recording the answers (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_intake(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *file = NULL, *by = NULL, *dir = NULL, *pos[1];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--answers", CLI_VALUE, &file},
		{"--by", CLI_VALUE, &by}, {"--library", CLI_VALUE, &dir}};
	struct store_tenant tenant;
	struct store_profile cur = {0};
	struct store_client c;
	struct store *db = NULL;
	struct library *lib = NULL;
	json_t *old = NULL, *answers = NULL;
	json_error_t je;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "intake", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) < 0 ||
	    (rc = store_client_get(db, tenant.id, pos[0], &c, &cli->err)) < 0)
		goto done;
	rc = store_profile_current(db, &c, &cur, &cli->err);
	if (rc == 0)
		old = json_loads(cur.answers, 0, &je);
	else if (rc != ERR_NOTFOUND)
		goto done;
	if (file) {
		char *data;
		size_t len;

		if ((rc = cli_read_input(cli, file, ENG_MAX_ANSWERS_SIZE, &data, &len)) < 0)
			goto done;
		rc = eng_answers_parse(data, len, &answers, &cli->err);
		free(data);
		if (rc < 0)
			goto done;
	} else {
		struct dialogue d = {cli, lib, old ? json_deep_copy(old) : json_object(), stdin};

		if (!old)
			eng_answer_set(d.answers, "name", json_string(c.name));
		fprintf(cli->out, "Intake for %s: %zu questions at most; only those that apply are "
			"asked.\n", c.name, lib->n_questions);
		answers = d.answers;
		if ((rc = ask_all(&d)) < 0 || (rc = confirm(&d)) < 0)
			goto done;
	}
	rc = record(cli, db, lib, &c, old, answers, cli_actor(by));
done:
	json_decref(old);
	json_decref(answers);
	store_profile_clear(&cur);
	store_close(db);
	lib_free(lib);
	return rc;
}
