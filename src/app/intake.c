/*
 * intake.c - turning typed answers into a profile and saving it, for the
 * terminal dialogue and the web form alike.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "app/app.h"

/* The keys whose answers differ between two profiles, as a JSON list. */
static json_t *
changed_keys(const struct library *lib, json_t *old, json_t *new)
{
	json_t *list = json_array();

	for (size_t i = 0; i < lib->n_questions; i++) {
		const char *key = lib->questions[i].key;
		json_t *a = old ? eng_answer(old, key) : NULL, *b = eng_answer(new, key);

		if ((a || b) && !(a && b && json_equal(a, b)))
			json_array_append_new(list, json_string(key));
	}
	return list;
}

/* An option by number (1-based) or by value. */
static const char *
pick_option(const struct lib_question *q, const char *word)
{
	char *end;
	long k = strtol(word, &end, 10);

	if (*word && *end == '\0' && k >= 1 && (size_t)k <= q->n_options)
		return q->options[k - 1].value;
	for (size_t i = 0; i < q->n_options; i++)
		if (strcmp(q->options[i].value, word) == 0)
			return q->options[i].value;
	return NULL;
}

json_t *
app_intake_value(const struct lib_question *q, const char *line, struct str *why)
{
	json_t *list;
	char *copy, *save = NULL, *word;

	switch (q->type) {
	case LIB_Q_YESNO:
		if (!strcasecmp(line, "y") || !strcasecmp(line, "yes"))
			return json_true();
		if (!strcasecmp(line, "n") || !strcasecmp(line, "no"))
			return json_false();
		str_puts(why, "answer yes or no");
		return NULL;
	case LIB_Q_NUMBER: {
		char *end;
		long long x = strtoll(line, &end, 10);

		if (*line && *end == '\0' && (!q->has_min || x >= q->min) && (!q->has_max || x <= q->max))
			return json_integer(x);
		str_puts(why, "type a whole number");
		if (q->has_min || q->has_max)
			str_appendf(why, " from %lld to %lld", (long long)(q->has_min ? q->min : 0),
				    (long long)(q->has_max ? q->max : INT64_MAX));
		return NULL;
	}
	case LIB_Q_CHOICE: {
		const char *v = pick_option(q, line);

		if (v)
			return json_string(v);
		str_appendf(why, "type a number from 1 to %zu", q->n_options);
		return NULL;
	}
	case LIB_Q_TEXT:
		if (!utf8_valid(line, strlen(line)) || strlen(line) > 500) {
			str_puts(why, "type one line of up to 500 characters");
			return NULL;
		}
		return json_string(line);
	default:
		break;
	}
	list = json_array();
	if (!strcasecmp(line, "none"))
		return list;
	copy = xstrdup(line);
	for (word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		const char *value = NULL;
		char up[3] = {0};

		while (*word == ' ')
			word++;
		for (size_t n = strlen(word); n > 0 && word[n - 1] == ' '; n--)
			word[n - 1] = '\0';
		if (!*word)
			continue;
		if (q->type == LIB_Q_MULTI) {
			value = pick_option(q, word);
		} else if (q->type == LIB_Q_US_STATES || q->type == LIB_Q_COUNTRIES) {
			if (strlen(word) == 2) {
				up[0] = (char)toupper((unsigned char)word[0]);
				up[1] = (char)toupper((unsigned char)word[1]);
				if (q->type == LIB_Q_US_STATES ? lib_us_state_valid(up) : lib_country_valid(up))
					value = up;
			}
		} else if (utf8_valid(word, strlen(word)) && strlen(word) <= 500) {
			value = word;
		}
		if (!value) {
			str_appendf(why, "'%.40s' is not %s", word,
				    q->type == LIB_Q_MULTI ? "one of the numbers or values listed"
				    : q->type == LIB_Q_US_STATES ? "a two-letter state code"
				    : q->type == LIB_Q_COUNTRIES ? "a two-letter country code" : "usable");
			json_decref(list);
			free(copy);
			return NULL;
		}
		json_array_append_new(list, json_string(value));
	}
	free(copy);
	return list;
}


int
app_intake_save(struct store *db, const struct library *lib, const struct store_client *c,
		json_t *old, json_t *answers, const char *by, struct arena *arena,
		struct eng_problems *problems, int *version, struct err *e)
{
	char hash[8 + HASH_SHA256_HEX_LEN];
	json_t *changes;
	char *canon, *changes_text;
	int rc;

	*version = 0;
	if (eng_profile_check(lib, answers, arena, problems) > 0)
		return err_set(e, ERR_INPUT, "%zu problem%s in the answers; nothing was saved",
			       problems->n_lines, problems->n_lines == 1 ? "" : "s");
	changes = changed_keys(lib, old, answers);
	if (old && json_array_size(changes) == 0) {
		json_decref(changes);
		return 0;
	}
	canon = eng_profile_canonical(answers);
	changes_text = json_dumps(changes, JSON_COMPACT);
	eng_profile_hash(answers, hash);
	rc = store_profile_add(db, c, by, canon, hash, lib->version, changes_text, version, e);
	free(canon);
	free(changes_text);
	json_decref(changes);
	return rc;
}
