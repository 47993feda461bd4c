/*
 * answers.c - reading an answers file (JSON or YAML) into a profile object.
 *
 * Both forms end up as the same jansson tree, so everything after this file
 * sees one shape.  The input is untrusted (it comes from another program or a
 * person's editor): size, depth, duplicate keys, NUL bytes and invalid UTF-8
 * are all refused with the line they are on.
 */
#include <libfyaml.h>
#include <stdlib.h>

#include "engine/eng.h"

/* Line number of byte offset pos (1-based). */
static int
line_of(const char *data, size_t pos)
{
	int line = 1;

	for (size_t i = 0; i < pos; i++)
		line += data[i] == '\n';
	return line;
}

static int
depth_ok(json_t *v, int depth)
{
	const char *key;
	json_t *item;
	size_t i;

	if (depth > ENG_MAX_DEPTH)
		return 0;
	if (json_is_object(v)) {
		json_object_foreach(v, key, item)
			if (!depth_ok(item, depth + 1))
				return 0;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			if (!depth_ok(item, depth + 1))
				return 0;
	}
	return 1;
}

static int
parse_json(const char *data, size_t len, json_t **out, struct err *e)
{
	json_error_t je;
	json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);

	if (!v)
		return err_set(e, ERR_INPUT, "answers, line %d: %s", je.line, je.text);
	*out = v;
	return 0;
}

/* A YAML node as JSON; NULL (with e set) on something JSON cannot hold. */
static json_t *
yaml_to_json(struct fy_node *n, int depth, struct err *e)
{
	const struct fy_mark *m;
	const char *s;
	size_t len;
	json_t *v;
	void *iter = NULL;

	if (depth > ENG_MAX_DEPTH) {
		err_set(e, ERR_INPUT, "answers nest deeper than %d levels", ENG_MAX_DEPTH);
		return NULL;
	}
	if (fy_node_is_alias(n)) {
		m = fy_token_start_mark(fy_node_get_scalar_token(n));
		err_set(e, ERR_INPUT, "answers, line %d: YAML aliases are not accepted",
			m ? m->line + 1 : 0);
		return NULL;
	}
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR:
		s = fy_node_get_scalar(n, &len);
		if (fy_node_get_style(n) == FYNS_PLAIN) {
			char *end;
			long long x;

			if (len == 0 || (len == 1 && s[0] == '~') || (len == 4 && !memcmp(s, "null", 4)))
				return json_null();
			if (len == 4 && !memcmp(s, "true", 4))
				return json_true();
			if (len == 5 && !memcmp(s, "false", 5))
				return json_false();
			if (len < 19 && strspn(s, "-0123456789") == len && len > (s[0] == '-')) {
				char buf[24];

				memcpy(buf, s, len);
				buf[len] = '\0';
				x = strtoll(buf, &end, 10);
				if (*end == '\0')
					return json_integer(x);
			}
		}
		if (!utf8_valid(s, len) || memchr(s, '\0', len)) {
			m = fy_token_start_mark(fy_node_get_scalar_token(n));
			err_set(e, ERR_INPUT, "answers, line %d: text that is not valid UTF-8",
				m ? m->line + 1 : 0);
			return NULL;
		}
		return json_stringn(s, len);
	case FYNT_SEQUENCE: {
		struct fy_node *item;

		v = json_array();
		while ((item = fy_node_sequence_iterate(n, &iter)) != NULL) {
			json_t *x = yaml_to_json(item, depth + 1, e);

			if (!x) {
				json_decref(v);
				return NULL;
			}
			json_array_append_new(v, x);
		}
		return v;
	}
	case FYNT_MAPPING: {
		struct fy_node_pair *pair;

		v = json_object();
		while ((pair = fy_node_mapping_iterate(n, &iter)) != NULL) {
			struct fy_node *k = fy_node_pair_key(pair);
			const char *key = k && fy_node_get_type(k) == FYNT_SCALAR ? fy_node_get_scalar0(k) : NULL;
			json_t *x;

			if (!key || !utf8_valid(key, strlen(key))) {
				m = k && fy_node_get_type(k) == FYNT_SCALAR
					    ? fy_token_start_mark(fy_node_get_scalar_token(k)) : NULL;
				err_set(e, ERR_INPUT, "answers, line %d: every key must be plain text",
					m ? m->line + 1 : 0);
				json_decref(v);
				return NULL;
			}
			if (!(x = fy_node_pair_value(pair) ? yaml_to_json(fy_node_pair_value(pair), depth + 1, e)
							   : json_null())) {
				json_decref(v);
				return NULL;
			}
			json_object_set_new(v, key, x);
		}
		return v;
	}
	}
	err_set(e, ERR_INPUT, "answers: something YAML allows but a profile cannot hold");
	return NULL;
}

static void
fy_quiet(struct fy_diag *d, void *user, const char *buf, size_t len)
{
	(void)d, (void)user, (void)buf, (void)len;
}

static int
parse_yaml(const char *data, size_t len, json_t **out, struct err *e)
{
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *diag;
	struct fy_document *doc;
	json_t *v = NULL;
	int rc = 0;

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = fy_quiet;
	if (!(diag = fy_diag_create(&dcfg)))
		panic("libfyaml: cannot create a diagnostics object");
	fy_diag_set_collect_errors(diag, true);
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE;
	pcfg.diag = diag;
	doc = fy_document_build_from_string(&pcfg, data, len);
	if (!doc || fy_diag_got_error(diag)) {
		struct fy_diag_error *de;
		void *iter = NULL;

		de = fy_diag_errors_iterate(diag, &iter);
		rc = err_set(e, ERR_INPUT, "answers, line %d: YAML syntax: %s", de ? de->line : 0,
			     de && de->msg ? de->msg : "error");
	} else if (!fy_document_root(doc)) {
		rc = err_set(e, ERR_INPUT, "the answers file is empty");
	} else if (!(v = yaml_to_json(fy_document_root(doc), 0, e))) {
		rc = ERR_INPUT;
	}
	fy_document_destroy(doc);
	fy_diag_destroy(diag);
	*out = v;
	return rc;
}

int
eng_answers_parse(const char *data, size_t len, json_t **out, struct err *e)
{
	size_t bad, start;
	json_t *v = NULL;
	int rc;

	*out = NULL;
	if (len > ENG_MAX_ANSWERS_SIZE)
		return err_set(e, ERR_INPUT, "the answers file is larger than %d bytes",
			       ENG_MAX_ANSWERS_SIZE);
	if (memchr(data, '\0', len))
		return err_set(e, ERR_INPUT, "answers, line %d: a NUL byte; answers are text",
			       line_of(data, (size_t)((const char *)memchr(data, '\0', len) - data)));
	/* libfyaml can spin on some invalid UTF-8: refuse it before parsing. */
	if ((bad = utf8_valid_prefix(data, len)) < len)
		return err_set(e, ERR_INPUT, "answers, line %d: text that is not valid UTF-8",
			       line_of(data, bad));
	start = strspn(data, " \t\r\n");
	if (start == len)
		return err_set(e, ERR_INPUT, "the answers file is empty");
	rc = data[start] == '{' ? parse_json(data, len, &v, e) : parse_yaml(data, len, &v, e);
	if (rc < 0)
		return rc;
	if (!json_is_object(v)) {
		json_decref(v);
		return err_set(e, ERR_INPUT, "the answers must be an object of keys and values");
	}
	if (!depth_ok(v, 0)) {
		json_decref(v);
		return err_set(e, ERR_INPUT, "answers nest deeper than %d levels", ENG_MAX_DEPTH);
	}
	*out = v;
	return 0;
}
