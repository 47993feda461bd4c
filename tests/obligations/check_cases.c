/*
 * check_cases.c - golden obligation cases: realistic client profiles, each with
 * what a careful compliance lawyer expects Prudent to derive.
 *
 * Usage: check_cases [--prudent BINARY] DIR
 *
 * Every DIR/NAME.yaml is one case:
 *
 *   profile:   a complete profile (docs/intake-and-rules.md)
 *   expect:
 *     obligations:       EXACTLY these frameworks, each {framework, strength,
 *                        variant}; no variant means an empty one
 *     reasons_mention:   {FRAMEWORK: [WORD, ...]}: each word appears (ignoring
 *                        case) in some reason of that framework
 *     citations_mention: the same, for citations
 *     safe_harbor:       [{state, client_frameworks_named}]: exactly these
 *                        states, in this order; the client frameworks each
 *                        names, as a set (absent: no safe-harbor facts)
 *     warnings:          a number of warnings, or a list with one item per
 *                        warning: a word or a list of words that warning must
 *                        contain, ignoring case, in any order (absent: none)
 *
 * By default the engine runs in-process (lib_load_builtin, eng_profile_check,
 * eng_obligations, eng_result_json).  With --prudent, each profile is written
 * to a temporary JSON file and `BINARY obligations --answers FILE --json` is
 * run instead, so the command line is checked end to end; both compare the
 * same JSON.  Prints one "FAIL case: what differed" line per difference and
 * exits 1 on any, else "N cases passed".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/eng.h"

static int n_fail_lines;
static const char *case_name;

static void fail(const char *fmt, ...) PRINTF_LIKE(1, 2);

static void
fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s: ", case_name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	n_fail_lines++;
}

/* ------------------------------------------------------------ helpers */

/* s, or dflt when s is NULL. */
static const char *
sv(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* Case-insensitive substring search. */
static bool
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

/* Does any string of the JSON list mention word? */
static bool
list_mentions(json_t *list, const char *word)
{
	json_t *s;
	size_t i;

	json_array_foreach(list, i, s)
		if (json_is_string(s) && contains_ci(json_string_value(s), word))
			return true;
	return false;
}

static bool
list_has_string(json_t *list, const char *s)
{
	json_t *x;
	size_t i;

	json_array_foreach(list, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), s) == 0)
			return true;
	return false;
}

/* A JSON value as compact text, for messages (malloc'd). */
static char *
compact(json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

	return s ? s : strdup("(none)");
}

/* "a, b, c" of a list of strings, in a static buffer of one of two slots. */
static const char *
joined(json_t *list)
{
	static char buf[2][2048];
	static int slot;
	char *out = buf[slot ^= 1];
	size_t used = 0;
	json_t *x;
	size_t i;

	out[0] = '\0';
	json_array_foreach(list, i, x) {
		int n = snprintf(out + used, sizeof(buf[0]) - used, "%s%s", i ? ", " : "",
				 json_is_string(x) ? json_string_value(x) : "?");

		if (n < 0 || (size_t)n >= sizeof(buf[0]) - used)
			break;
		used += (size_t)n;
	}
	return out;
}

/* The obligation for framework id in the result's list, or NULL. */
static json_t *
find_obligation(json_t *obligations, const char *id)
{
	json_t *o;
	size_t i;

	json_array_foreach(obligations, i, o)
		if (strcmp(sv(json_string_value(json_object_get(o, "framework")), ""), id) == 0)
			return o;
	return NULL;
}

/* Are two variant objects equal as maps of text to text? (a NULL is empty) */
static bool
variant_equal(json_t *a, json_t *b)
{
	const char *k;
	json_t *v;

	if ((a ? json_object_size(a) : 0) != (b ? json_object_size(b) : 0))
		return false;
	json_object_foreach(a, k, v) {
		json_t *w = json_object_get(b, k);

		if (!json_is_string(v) || !json_is_string(w) ||
		    strcmp(json_string_value(v), json_string_value(w)) != 0)
			return false;
	}
	return true;
}

/* Check that obj has only keys from the NULL-terminated allowed list. */
static bool
only_keys(json_t *obj, const char *where, const char *const *allowed)
{
	const char *k;
	json_t *v;
	bool ok = true;

	json_object_foreach(obj, k, v) {
		size_t i;

		for (i = 0; allowed[i] && strcmp(allowed[i], k) != 0; i++)
			;
		if (!allowed[i]) {
			fail("case file: unknown key '%s' in %s", k, where);
			ok = false;
		}
	}
	return ok;
}

/* ----------------------------------------------------------- warnings */

/* Can expected items from i on be matched to distinct warnings not yet used? */
static bool
match_warnings(json_t *expected, size_t i, json_t *warnings, bool *used)
{
	json_t *item = json_array_get(expected, i);

	if (i == json_array_size(expected))
		return true;
	for (size_t w = 0; w < json_array_size(warnings); w++) {
		const char *msg = json_string_value(json_array_get(warnings, w));
		bool all = true;

		if (used[w] || !msg)
			continue;
		if (json_is_string(item)) {
			all = contains_ci(msg, json_string_value(item));
		} else {
			json_t *word;
			size_t k;

			json_array_foreach(item, k, word)
				all &= json_is_string(word) && contains_ci(msg, json_string_value(word));
		}
		if (!all)
			continue;
		used[w] = true;
		if (match_warnings(expected, i + 1, warnings, used))
			return true;
		used[w] = false;
	}
	return false;
}

static void
check_warnings(json_t *expected, json_t *warnings)
{
	size_t n = json_array_size(warnings);

	if (!expected || json_is_integer(expected)) {
		json_int_t want = expected ? json_integer_value(expected) : 0;

		if ((json_int_t)n != want) {
			fail("%zu warning%s, expected %lld", n, n == 1 ? "" : "s", (long long)want);
			for (size_t i = 0; i < n; i++)
				fail("  warning: %s", json_string_value(json_array_get(warnings, i)));
		}
		return;
	}
	if (!json_is_array(expected)) {
		fail("case file: expect.warnings must be a number or a list");
		return;
	}
	if (json_array_size(expected) != n) {
		fail("%zu warning%s, expected %zu", n, n == 1 ? "" : "s", json_array_size(expected));
		for (size_t i = 0; i < n; i++)
			fail("  warning: %s", json_string_value(json_array_get(warnings, i)));
	} else if (n) {
		bool *used = calloc(n, sizeof(*used));

		if (!used)
			abort();
		if (!match_warnings(expected, 0, warnings, used)) {
			char *want = compact(expected);

			fail("the warnings do not contain the words %s (one item per warning)", want);
			for (size_t i = 0; i < n; i++)
				fail("  warning: %s", json_string_value(json_array_get(warnings, i)));
			free(want);
		}
		free(used);
	}
}

/* -------------------------------------------------------- obligations */

static void
check_obligations(json_t *expected, json_t *actual)
{
	json_t *e, *a;
	size_t i;

	if (!json_is_array(expected)) {
		fail("case file: expect.obligations must be a list");
		return;
	}
	json_array_foreach(expected, i, e) {
		static const char *const keys[] = {"framework", "strength", "variant", NULL};
		const char *id = json_string_value(json_object_get(e, "framework"));
		const char *want = json_string_value(json_object_get(e, "strength"));
		json_t *want_variant = json_object_get(e, "variant");
		const char *got;

		if (!json_is_object(e) || !id || !want || !only_keys(e, "an obligation", keys) ||
		    (want_variant && !json_is_object(want_variant))) {
			fail("case file: obligation %zu needs framework, strength and an optional "
			     "variant mapping", i + 1);
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(sv(json_string_value(json_object_get(json_array_get(expected, k),
								       "framework")), ""), id) == 0)
				fail("case file: obligation %s listed twice", id);
		if ((a = find_obligation(actual, id)) == NULL) {
			fail("missing obligation %s (%s)", id, want);
			continue;
		}
		got = json_string_value(json_object_get(a, "strength"));
		if (!got || strcmp(got, want) != 0)
			fail("%s is %s, expected %s (reasons: %s)", id, got ? got : "?", want,
			     joined(json_object_get(a, "reasons")));
		if (!variant_equal(want_variant, json_object_get(a, "variant"))) {
			char *g = compact(json_object_get(a, "variant"));
			char *w = compact(want_variant ? want_variant : NULL);

			fail("%s variant is %s, expected %s", id, g, want_variant ? w : "{}");
			free(g);
			free(w);
		}
	}
	json_array_foreach(actual, i, a) {
		const char *id = json_string_value(json_object_get(a, "framework"));
		bool expected_it = false;
		size_t k;

		json_array_foreach(expected, k, e)
			expected_it |= strcmp(sv(json_string_value(json_object_get(e, "framework")), ""),
					      id ? id : "") == 0;
		if (!expected_it) {
			char *v = compact(json_object_get(a, "variant"));

			fail("unexpected obligation %s (%s, variant %s; rules %s; reasons: %s)",
			     id ? id : "?", sv(json_string_value(json_object_get(a, "strength")), "?"), v,
			     joined(json_object_get(a, "rules")), joined(json_object_get(a, "reasons")));
			free(v);
		}
	}
}

/* reasons_mention / citations_mention: {FRAMEWORK: [WORD...]} against field. */
static void
check_mentions(json_t *spec, const char *field, const char *what, json_t *expected_obs,
	       json_t *actual)
{
	const char *id;
	json_t *words;

	if (!spec)
		return;
	if (!json_is_object(spec)) {
		fail("case file: expect.%s_mention must be a mapping", field);
		return;
	}
	json_object_foreach(spec, id, words) {
		json_t *a = find_obligation(actual, id), *word;
		size_t i;

		if (!find_obligation(expected_obs, id))
			fail("case file: %s_mention names %s, which is not an expected obligation",
			     field, id);
		if (!json_is_array(words)) {
			fail("case file: %s_mention.%s must be a list of words", field, id);
			continue;
		}
		if (!a)
			continue; /* already reported missing */
		json_array_foreach(words, i, word) {
			json_t *list = json_object_get(a, field);

			if (!json_is_string(word))
				fail("case file: %s_mention.%s has a non-text item", field, id);
			else if (!list_mentions(list, json_string_value(word)))
				fail("%s %s do not mention '%s' (%s: %s)", id, what,
				     json_string_value(word), field, joined(list));
		}
	}
}

/* -------------------------------------------------------- safe harbor */

static void
check_safe_harbor(json_t *expected, json_t *actual)
{
	json_t *e, *a, *want_states = json_array(), *got_states = json_array();
	size_t i;

	if (expected && !json_is_array(expected)) {
		fail("case file: expect.safe_harbor must be a list");
		goto done;
	}
	json_array_foreach(expected, i, e)
		json_array_append_new(want_states,
				      json_string(sv(json_string_value(json_object_get(e, "state")), "?")));
	json_array_foreach(actual, i, a)
		json_array_append_new(got_states,
				      json_string(sv(json_string_value(json_object_get(a, "state")), "?")));
	if (!json_equal(want_states, got_states)) {
		char *w = compact(want_states), *g = compact(got_states);

		fail("safe-harbor facts for states %s, expected %s", g, w);
		free(w);
		free(g);
	}
	json_array_foreach(expected, i, e) {
		static const char *const keys[] = {"state", "client_frameworks_named", NULL};
		const char *state = json_string_value(json_object_get(e, "state"));
		json_t *want = json_object_get(e, "client_frameworks_named"), *got = NULL, *entry = NULL, *x;
		size_t k;

		if (!json_is_object(e) || !state || !json_is_array(want) ||
		    !only_keys(e, "a safe_harbor entry", keys)) {
			fail("case file: safe_harbor entry %zu needs state and client_frameworks_named",
			     i + 1);
			continue;
		}
		json_array_foreach(actual, k, a)
			if (strcmp(sv(json_string_value(json_object_get(a, "state")), ""), state) == 0)
				entry = a;
		got = entry ? json_object_get(entry, "client_frameworks_named") : NULL;
		if (!got)
			continue; /* the state list difference is reported above */
		json_array_foreach(want, k, x)
			if (json_is_string(x) && !list_has_string(got, json_string_value(x)))
				fail("%s safe harbor does not name client framework %s (names: %s; the "
				     "statute's list here: %s)", state, json_string_value(x), joined(got),
				     joined(json_object_get(entry, "frameworks_named")));
		json_array_foreach(got, k, x)
			if (!list_has_string(want, sv(json_string_value(x), "")))
				fail("%s safe harbor names client framework %s, not expected", state,
				     sv(json_string_value(x), "?"));
	}
done:
	json_decref(want_states);
	json_decref(got_states);
}

/* ------------------------------------------------------------ running */

/* Run BINARY obligations --answers FILE --json; the parsed JSON, or NULL. */
static json_t *
run_prudent(const char *binary, json_t *profile)
{
	char path[] = "/tmp/prudent-case-XXXXXX";
	int fd = mkstemp(path), pipefd[2], status;
	char *text = NULL;
	size_t len = 0, cap = 0;
	json_t *out = NULL;
	json_error_t jerr;
	pid_t pid;
	FILE *f;

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		fail("cannot write a temporary file: %s", strerror(errno));
		return NULL;
	}
	json_dumpf(profile, f, JSON_INDENT(1));
	fclose(f);
	if (pipe(pipefd) < 0 || (pid = fork()) < 0) {
		fail("cannot run %s: %s", binary, strerror(errno));
		unlink(path);
		return NULL;
	}
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		execl(binary, binary, "obligations", "--answers", path, "--json", (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		ssize_t got;

		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 65536;
			if ((text = realloc(text, cap)) == NULL)
				abort();
		}
		got = read(pipefd[0], text + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	unlink(path);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("%s obligations exited with status %d", binary,
		     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else if ((out = json_loadb(text ? text : "", len, 0, &jerr)) == NULL)
		fail("%s obligations printed JSON that does not parse: %s", binary, jerr.text);
	free(text);
	return out;
}

/* Derive in-process: the JSON 'prudent obligations --json' would print. */
static json_t *
run_engine(const struct library *lib, json_t *profile)
{
	struct arena *arena = arena_new();
	struct eng_problems problems;
	struct eng_result result;
	json_t *out = NULL;

	if (eng_profile_check(lib, profile, arena, &problems) > 0) {
		for (size_t i = 0; i < problems.n_lines; i++)
			fail("profile: %s", problems.lines[i]);
	} else {
		eng_obligations(lib, profile, arena, &result);
		out = eng_result_json(&result);
	}
	arena_free(arena);
	return out;
}

static void
check_case(const struct library *lib, const char *binary, const char *path)
{
	static const char *const top_keys[] = {"profile", "expect", NULL};
	static const char *const expect_keys[] = {"obligations", "reasons_mention",
		"citations_mention", "safe_harbor", "warnings", NULL};
	json_t *doc = NULL, *profile, *expect, *result = NULL;
	struct err e = {0};
	char *data = NULL;
	size_t len;

	if (file_read_all(path, ENG_MAX_ANSWERS_SIZE, &data, &len, &e) < 0 ||
	    eng_answers_parse(data, len, &doc, &e) < 0) {
		fail("case file: %s", e.msg);
		goto done;
	}
	profile = json_object_get(doc, "profile");
	expect = json_object_get(doc, "expect");
	if (!only_keys(doc, "the case", top_keys) || !json_is_object(profile) ||
	    !json_is_object(expect) || !only_keys(expect, "expect", expect_keys) ||
	    !json_object_get(expect, "obligations")) {
		fail("case file: needs a profile mapping and an expect mapping with obligations");
		goto done;
	}
	/* Even in --prudent mode the profile must pass the questionnaire. */
	if (binary) {
		struct arena *arena = arena_new();
		struct eng_problems problems;
		size_t n_problems = eng_profile_check(lib, profile, arena, &problems);

		for (size_t i = 0; i < n_problems; i++)
			fail("profile: %s", problems.lines[i]);
		arena_free(arena);
		result = n_problems ? NULL : run_prudent(binary, profile);
	} else {
		result = run_engine(lib, profile);
	}
	if (!result)
		goto done;
	check_obligations(json_object_get(expect, "obligations"), json_object_get(result, "obligations"));
	check_mentions(json_object_get(expect, "reasons_mention"), "reasons", "reasons",
		       json_object_get(expect, "obligations"), json_object_get(result, "obligations"));
	check_mentions(json_object_get(expect, "citations_mention"), "citations", "citations",
		       json_object_get(expect, "obligations"), json_object_get(result, "obligations"));
	check_safe_harbor(json_object_get(expect, "safe_harbor"), json_object_get(result, "safe_harbor"));
	check_warnings(json_object_get(expect, "warnings"), json_object_get(result, "warnings"));
done:
	json_decref(result);
	json_decref(doc);
	free(data);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	const char *binary = NULL, *dir = NULL;
	struct lib_report report = {0};
	struct library *lib = NULL;
	struct err e = {0};
	char **names = NULL;
	size_t n = 0, cap = 0, failed = 0;
	struct dirent *d;
	DIR *dp;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--prudent") == 0 && i + 1 < argc)
			binary = argv[++i];
		else if (!dir && argv[i][0] != '-')
			dir = argv[i];
		else
			dir = NULL, i = argc;
	}
	if (!dir) {
		fprintf(stderr, "usage: check_cases [--prudent BINARY] DIR\n");
		return 2;
	}
	if (hash_init(&e) < 0 || lib_load_builtin(&lib, &report, &e) < 0) {
		fprintf(stderr, "check_cases: built-in library: %s\n", e.msg);
		for (size_t i = 0; i < report.n_diags; i++)
			fprintf(stderr, "  %s:%d: %s\n", report.diags[i].file, report.diags[i].line,
				report.diags[i].msg);
		lib_report_free(&report);
		return 2;
	}
	lib_report_free(&report);
	if ((dp = opendir(dir)) == NULL) {
		fprintf(stderr, "check_cases: %s: %s\n", dir, strerror(errno));
		lib_free(lib);
		return 2;
	}
	while ((d = readdir(dp)) != NULL) {
		size_t l = strlen(d->d_name);

		if (l <= 5 || strcmp(d->d_name + l - 5, ".yaml") != 0 || d->d_name[0] == '.')
			continue;
		if (n == cap && (names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names))) == NULL)
			abort();
		if ((names[n++] = strdup(d->d_name)) == NULL)
			abort();
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		int before = n_fail_lines;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		names[i][strlen(names[i]) - 5] = '\0';
		case_name = names[i];
		check_case(lib, binary, path);
		failed += n_fail_lines > before;
		free(names[i]);
	}
	free(names);
	lib_free(lib);
	if (n == 0) {
		printf("FAIL: no cases in %s\n", dir);
		return 1;
	}
	if (failed) {
		printf("%zu of %zu cases failed\n", failed, n);
		return 1;
	}
	printf("%zu cases passed\n", n);
	return 0;
}
