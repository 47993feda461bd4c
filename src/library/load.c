/*
 * load.c - reading and validating the content library.
 *
 * Each file is parsed by libfyaml into a document tree, then walked once
 * against the format of docs/library-format.md.  Every problem becomes a
 * diagnostic with its file and line and the walk goes on, so one run of
 * 'prudent library check' shows an author every mistake.  Only a library with
 * no problems at all is handed to the rest of the program: content that
 * decides what a client's contract says must not be half-loaded.
 *
 * Order matters and is fixed: the manifest (categories) first, then
 * the frameworks (sorted by id), then the safeguards, then the mapping files;
 * mappings are resolved against what came before them as they are read.  Input is untrusted: sizes, counts
 * and nesting are bounded, YAML aliases are refused (no "billion laughs"), and
 * every string is checked to be UTF-8 without NULs.
 */
#include <dirent.h>
#include <libfyaml.h>
#include <stdlib.h>

#include "library/loader.h"

/* ------------------------------------------------------------ diagnostics */

static void
report_add(struct loader *L, const char *file, int line, const char *msg)
{
	struct lib_report *r = L->rep;

	L->n_problems++;
	if (!r)
		return;
	if (r->n_diags == LIB_MAX_DIAGS) {
		r->n_dropped++;
		return;
	}
	if (r->n_diags == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->diags = xrealloc(r->diags, size_mul_add(r->cap, sizeof(*r->diags), 0));
	}
	r->diags[r->n_diags].file = arena_strdup(r->arena, file);
	r->diags[r->n_diags].line = line;
	r->diags[r->n_diags].msg = arena_strdup(r->arena, msg);
	r->n_diags++;
}


void
ld_diag(struct loader *L, int line, const char *fmt, ...)
{
	struct str msg = STR_INIT;
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(&msg, fmt, ap);
	va_end(ap);
	report_add(L, L->file, line, str_cstr(&msg));
	str_free(&msg);
}

void
lib_report_free(struct lib_report *r)
{
	if (!r)
		return;
	free(r->diags);
	arena_free(r->arena);
	memset(r, 0, sizeof(*r));
}

/* --------------------------------------------------------- YAML helpers */

/* The 1-based line where a node starts: a scalar's own token, a collection's
 * first scalar.  fallback when the node has none (an empty {} or []). */
int
ld_line(struct fy_node *n, int fallback)
{
	struct fy_node_pair *pair;
	const struct fy_mark *m;
	void *iter = NULL;

	if (!n)
		return fallback;
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR:
		m = fy_token_start_mark(fy_node_get_scalar_token(n));
		return m ? m->line + 1 : fallback;
	case FYNT_MAPPING:
		pair = fy_node_mapping_iterate(n, &iter);
		return pair ? ld_line(fy_node_pair_key(pair), fallback) : fallback;
	case FYNT_SEQUENCE:
		return ld_line(fy_node_sequence_iterate(n, &iter), fallback);
	}
	return fallback;
}

const char *
ld_kind(struct fy_node *n)
{
	if (fy_node_is_alias(n))
		return "an alias";
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR: return "a single value";
	case FYNT_MAPPING: return "a mapping";
	case FYNT_SEQUENCE: return "a list";
	}
	return "something else";
}

/* A plain scalar that YAML reads as null, or an empty one: a key with no value. */
static bool
scalar_is_null(struct fy_node *n)
{
	size_t len;
	const char *s = fy_node_get_scalar(n, &len);

	if (fy_node_get_style(n) != FYNS_PLAIN)
		return false;
	return len == 0 || (len == 1 && s[0] == '~') || (len == 4 && memcmp(s, "null", 4) == 0);
}

/*
 * The text of a scalar, copied to the arena; NULL (with a diagnostic) when the
 * node is not a usable text value.  max_len bounds it in bytes.
 */
const char *
ld_text(struct loader *L, struct fy_node *n, const char *key, size_t max_len)
{
	const char *s;
	size_t len;

	if (fy_node_is_alias(n)) {
		ld_diag(L, ld_line(n, 0), "'%s' uses a YAML alias; write the value out instead", key);
		return NULL;
	}
	if (fy_node_get_type(n) != FYNT_SCALAR) {
		ld_diag(L, ld_line(n, 0), "'%s' must be text, not %s", key, ld_kind(n));
		return NULL;
	}
	if (scalar_is_null(n)) {
		ld_diag(L, ld_line(n, 0), "'%s' has no value", key);
		return NULL;
	}
	s = fy_node_get_scalar(n, &len);
	if (!utf8_valid(s, len) || memchr(s, '\0', len)) {
		ld_diag(L, ld_line(n, 0), "'%s' is not valid UTF-8 text", key);
		return NULL;
	}
	if (len > max_len) {
		ld_diag(L, ld_line(n, 0), "'%s' is %zu bytes long; the limit is %zu", key, len, max_len);
		return NULL;
	}
	return arena_strndup(L->a, s, len);
}

int
ld_bool(struct loader *L, struct fy_node *n, const char *key, bool *out)
{
	const char *s;

	if (fy_node_get_type(n) == FYNT_SCALAR && !fy_node_is_alias(n) &&
	    fy_node_get_style(n) == FYNS_PLAIN) {
		s = fy_node_get_scalar0(n);
		if (s && strcmp(s, "true") == 0)
			return *out = true, 0;
		if (s && strcmp(s, "false") == 0)
			return *out = false, 0;
	}
	ld_diag(L, ld_line(n, 0), "'%s' must be true or false", key);
	return -1;
}

int
ld_int(struct loader *L, struct fy_node *n, const char *key, int64_t *out)
{
	const char *s;
	size_t len, i;
	int64_t v = 0;
	bool neg;

	if (fy_node_get_type(n) != FYNT_SCALAR || fy_node_is_alias(n) ||
	    fy_node_get_style(n) != FYNS_PLAIN)
		goto bad;
	s = fy_node_get_scalar(n, &len);
	neg = len > 0 && s[0] == '-';
	i = neg ? 1 : 0;
	if (len == i || len - i > 15)
		goto bad;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
bad:
	ld_diag(L, ld_line(n, 0), "'%s' must be a whole number", key);
	return -1;
}

/* The number of items of list n, or -1 (reported) when n is not a list. */
long
ld_list_len(struct loader *L, struct fy_node *n, const char *key)
{
	if (fy_node_is_alias(n) || fy_node_get_type(n) != FYNT_SEQUENCE) {
		ld_diag(L, ld_line(n, 0), "'%s' must be a list, not %s", key, ld_kind(n));
		return -1;
	}
	return fy_node_sequence_item_count(n);
}

/* A list of text values; n_out may be 0. */
const char **
ld_text_list(struct loader *L, struct fy_node *n, const char *key, size_t max_len,
	      size_t *n_out)
{
	const char **items;
	struct fy_node *item;
	void *iter = NULL;
	size_t k = 0;
	long count;

	*n_out = 0;
	if ((count = ld_list_len(L, n, key)) < 0)
		return NULL;
	items = arena_array(L->a, (size_t)count + 1, sizeof(*items));
	while ((item = fy_node_sequence_iterate(n, &iter)) != NULL) {
		const char *s = ld_text(L, item, key, max_len);

		if (s)
			items[k++] = s;
	}
	*n_out = k;
	return items;
}


/*
 * Match the keys of mapping n against fields: values[i] receives the value of
 * fields[i], or NULL when it is absent.  Unknown keys, keys that are not text
 * and missing required keys are reported.  Returns false (values untouched
 * beyond NULLs) when n is not a mapping at all.
 */
bool
ld_fields(struct loader *L, struct fy_node *n, const char *what, const struct ld_field *fields,
	   size_t n_fields, struct fy_node **values, int fallback_line)
{
	struct fy_node_pair *pair;
	void *iter = NULL;
	size_t i;

	for (i = 0; i < n_fields; i++)
		values[i] = NULL;
	if (!n || fy_node_is_alias(n) || fy_node_get_type(n) != FYNT_MAPPING) {
		ld_diag(L, ld_line(n, fallback_line), "%s must be a mapping of keys to values, not %s",
		     what, n ? ld_kind(n) : "empty");
		return false;
	}
	while ((pair = fy_node_mapping_iterate(n, &iter)) != NULL) {
		struct fy_node *key = fy_node_pair_key(pair);
		const char *name;

		if (!key || fy_node_get_type(key) != FYNT_SCALAR || fy_node_is_alias(key)) {
			ld_diag(L, ld_line(key, ld_line(n, fallback_line)),
			     "a key in %s is not plain text", what);
			continue;
		}
		name = fy_node_get_scalar0(key);
		for (i = 0; i < n_fields; i++)
			if (name && strcmp(name, fields[i].name) == 0)
				break;
		if (i == n_fields) {
			ld_diag(L, ld_line(key, 0), "unknown key '%.64s' in %s", name ? name : "", what);
			continue;
		}
		values[i] = fy_node_pair_value(pair);
		if (!values[i]) {
			/* "key:" with nothing after it: the value is an empty scalar. */
			ld_diag(L, ld_line(key, 0), "'%s' has no value", fields[i].name);
		}
	}
	for (i = 0; i < n_fields; i++)
		if (fields[i].required && !values[i])
			ld_diag(L, ld_line(n, fallback_line), "%s is missing the required key '%s'",
			     what, fields[i].name);
	return true;
}

/* Identifiers: lower-case words joined by hyphens (safeguards, categories), or
 * with dots as well (framework ids such as nist-csf-2.0). */
bool
ld_valid_slug(const char *s, bool allow_dot)
{
	size_t i, len = strlen(s);

	if (len == 0 || len > 64 || s[0] == '-' || s[len - 1] == '-')
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		      (allow_dot && c == '.')))
			return false;
	}
	return true;
}

/* Official control IDs vary by publisher ("PR.AA-03", "164.312(a)(2)(iv)",
 * "A.5.1"): printable ASCII without spaces, at most 64 bytes. */
static bool
valid_control_id(const char *s)
{
	size_t i, len = strlen(s);

	if (len == 0 || len > 64)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return false;
	return true;
}

bool
lib_valid_id(const char *s)
{
	return ld_valid_slug(s, false);
}

int
ld_name_index(const char *name, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

static const char *const kind_names[LIB_KIND__MAX] = {
	"framework", "regulation", "contract", "insurance", "practice"};
static const char *const rel_names[LIB_REL__MAX] = {"equal", "subset", "superset", "intersects"};
static const char *const owner_names[LIB_OWNER__MAX] = {"msp", "customer", "shared"};
static const char *const attr_type_names[LIB_ATTR__MAX] = {
	"boolean", "integer", "string", "enum", "list"};

const char *lib_kind_name(enum lib_kind k) { return k < LIB_KIND__MAX ? kind_names[k] : "?"; }
const char *lib_rel_name(enum lib_rel r) { return r < LIB_REL__MAX ? rel_names[r] : "?"; }
const char *lib_owner_name(enum lib_owner o) { return o < LIB_OWNER__MAX ? owner_names[o] : "?"; }
const char *lib_attr_type_name(enum lib_attr_type t)
{
	return t < LIB_ATTR__MAX ? attr_type_names[t] : "?";
}

/* Read an enumerated value; -1 (reported) when it is not one of names. */
int
ld_enum(struct loader *L, struct fy_node *n, const char *key, const char *const *names,
	 size_t n_names)
{
	const char *s = ld_text(L, n, key, 64);
	struct str allowed = STR_INIT;
	size_t i;
	int k;

	if (!s)
		return -1;
	k = ld_name_index(s, names, n_names);
	if (k >= 0)
		return k;
	for (i = 0; i < n_names; i++)
		str_appendf(&allowed, "%s%s", i ? ", " : "", names[i]);
	ld_diag(L, ld_line(n, 0), "'%s' is '%.64s'; it must be one of: %s", key, s, str_cstr(&allowed));
	str_free(&allowed);
	return -1;
}

/* ---------------------------------------------------------- the manifest */

/* The manifest's list of {id, name}: the categories. */
static size_t
load_named_list(struct loader *L, struct fy_node *list, const char *key, const char *what,
		struct map *index, struct lib_category **out)
{
	static const struct ld_field fields[] = {{"id", true}, {"name", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_category *items;
	void *iter = NULL;
	size_t n = 0;
	long count;

	*out = NULL;
	if ((count = ld_list_len(L, list, key)) < 0)
		return 0;
	items = arena_array(L->a, (size_t)count + 1, sizeof(*items));
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_category *c = &items[n];

		if (!ld_fields(L, item, what, fields, ARRAY_LEN(fields), v, ld_line(list, 0)) ||
		    !v[0] || !v[1])
			continue;
		c->id = ld_text(L, v[0], "id", 64);
		c->name = ld_text(L, v[1], "name", 200);
		if (!c->id || !c->name)
			continue;
		if (!ld_valid_slug(c->id, false)) {
			ld_diag(L, ld_line(v[0], 0),
			     "%s id '%s' must be lower-case letters, digits and hyphens", key, c->id);
			continue;
		}
		if (map_get(index, c->id)) {
			ld_diag(L, ld_line(v[0], 0), "duplicate %s id '%s'", what + 2, c->id);
			continue;
		}
		map_put(index, c->id, c);
		n++;
	}
	*out = items;
	return n;
}

static void
load_manifest(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {
		{"version", true}, {"name", false}, {"categories", true}};
	struct fy_node *v[ARRAY_LEN(fields)];
	struct lib_category *list;

	if (!ld_fields(L, root, "the manifest", fields, ARRAY_LEN(fields), v, 1))
		return;
	if (v[0])
		L->lib->version = ld_text(L, v[0], "version", 64);
	if (v[1])
		ld_text(L, v[1], "name", 200);
	if (v[2]) {
		L->lib->n_categories = load_named_list(L, v[2], "categories", "a category",
						       &L->category_index, &list);
		L->lib->categories = list;
	}
}

/* ---------------------------------------------------------- frameworks */

/* Controls are gathered in a growable array while the tree is walked; parents
 * are kept as indexes because the array moves.  Pointers are set at the end. */
struct control_vec {
	struct lib_control *items;
	size_t *parent; /* index + 1, 0 for none */
	size_t n_items, cap;
};

static void
load_attr_defs(struct loader *L, struct lib_framework *fw, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"name", true}, {"type", true},
		{"description", false}, {"values", false}, {"min", false}, {"max", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_attr_def *defs;
	void *iter = NULL;
	long count;
	size_t n = 0;

	if ((count = ld_list_len(L, list, "attributes")) < 0)
		return;
	defs = arena_array(L->a, (size_t)count + 1, sizeof(*defs));
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_attr_def *d = &defs[n];
		int type;
		size_t i;
		bool ok = true;

		if (!ld_fields(L, item, "an attribute declaration", fields, ARRAY_LEN(fields), v,
				ld_line(list, 0)) || !v[0] || !v[1])
			continue;
		d->name = ld_text(L, v[0], "name", 64);
		type = ld_enum(L, v[1], "type", attr_type_names, LIB_ATTR__MAX);
		if (!d->name || type < 0)
			continue;
		d->type = (enum lib_attr_type)type;
		if (strspn(d->name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(d->name)) {
			ld_diag(L, ld_line(v[0], 0), "attribute name '%s' must be lower-case letters, "
			     "digits, hyphens or underscores", d->name);
			ok = false;
		}
		for (i = 0; i < n; i++)
			if (strcmp(defs[i].name, d->name) == 0) {
				ld_diag(L, ld_line(v[0], 0), "attribute '%s' is declared twice", d->name);
				ok = false;
			}
		if (v[2])
			d->description = ld_text(L, v[2], "description", 1000);
		if (v[3]) {
			if (d->type != LIB_ATTR_ENUM && d->type != LIB_ATTR_LIST) {
				ld_diag(L, ld_line(v[3], 0), "'values' is only for enum and list attributes");
				ok = false;
			}
			d->values = ld_text_list(L, v[3], "values", 64, &d->n_values);
		}
		if (d->type == LIB_ATTR_ENUM && d->n_values == 0) {
			ld_diag(L, ld_line(item, 0), "enum attribute '%s' needs its 'values'", d->name);
			ok = false;
		}
		if ((v[4] || v[5]) && d->type != LIB_ATTR_INTEGER) {
			ld_diag(L, ld_line(v[4] ? v[4] : v[5], 0), "'min' and 'max' are only for integer attributes");
			ok = false;
		}
		if (v[4] && ld_int(L, v[4], "min", &d->min) == 0)
			d->has_min = true;
		if (v[5] && ld_int(L, v[5], "max", &d->max) == 0)
			d->has_max = true;
		if (ok)
			n++;
	}
	fw->attr_defs = defs;
	fw->n_attr_defs = n;
}

static const struct lib_attr_def *
find_attr_def(const struct lib_framework *fw, const char *name)
{
	size_t i;

	for (i = 0; i < fw->n_attr_defs; i++)
		if (strcmp(fw->attr_defs[i].name, name) == 0)
			return &fw->attr_defs[i];
	return NULL;
}

static bool
value_allowed(const struct lib_attr_def *d, const char *s)
{
	return d->n_values == 0 || ld_name_index(s, d->values, d->n_values) >= 0;
}

static void
load_control_attrs(struct loader *L, const struct lib_framework *fw, struct lib_control *c,
		   struct fy_node *map)
{
	struct fy_node_pair *pair;
	struct lib_attr *attrs;
	void *iter = NULL;
	size_t n = 0, i;

	if (fy_node_is_alias(map) || fy_node_get_type(map) != FYNT_MAPPING) {
		ld_diag(L, ld_line(map, c->line), "'attributes' of %s must be a mapping, not %s",
		     c->id, ld_kind(map));
		return;
	}
	attrs = arena_array(L->a, (size_t)fy_node_mapping_item_count(map) + 1, sizeof(*attrs));
	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		struct fy_node *key = fy_node_pair_key(pair), *val = fy_node_pair_value(pair);
		const char *name = key ? fy_node_get_scalar0(key) : NULL;
		struct lib_attr *a = &attrs[n];
		int line = ld_line(key, c->line);
		bool ok = false;

		if (!name || !(a->def = find_attr_def(fw, name))) {
			ld_diag(L, line, "control %s has attribute '%.64s', which %s does not declare",
			     c->id, name ? name : "", fw->id);
			continue;
		}
		if (!val) {
			ld_diag(L, line, "attribute '%s' of %s has no value", name, c->id);
			continue;
		}
		switch (a->def->type) {
		case LIB_ATTR_BOOLEAN:
			ok = ld_bool(L, val, name, &a->boolean) == 0;
			break;
		case LIB_ATTR_INTEGER:
			ok = ld_int(L, val, name, &a->integer) == 0;
			if (ok && ((a->def->has_min && a->integer < a->def->min) ||
				   (a->def->has_max && a->integer > a->def->max))) {
				ld_diag(L, line, "attribute '%s' of %s is %lld, outside its range", name,
				     c->id, (long long)a->integer);
				ok = false;
			}
			break;
		case LIB_ATTR_STRING:
		case LIB_ATTR_ENUM:
			a->string = ld_text(L, val, name, 1000);
			ok = a->string != NULL;
			if (ok && a->def->type == LIB_ATTR_ENUM && !value_allowed(a->def, a->string)) {
				ld_diag(L, line, "attribute '%s' of %s is '%.64s', not one of its declared values",
				     name, c->id, a->string);
				ok = false;
			}
			break;
		case LIB_ATTR_LIST:
			a->items = ld_text_list(L, val, name, 64, &a->n_items);
			ok = a->items != NULL;
			for (i = 0; ok && i < a->n_items; i++)
				if (!value_allowed(a->def, a->items[i])) {
					ld_diag(L, line, "attribute '%s' of %s has '%.64s', not one of its "
					     "declared values", name, c->id, a->items[i]);
					ok = false;
				}
			break;
		default:
			break;
		}
		if (ok)
			n++;
	}
	c->attrs = attrs;
	c->n_attrs = n;
}

static void
load_controls(struct loader *L, struct lib_framework *fw, struct control_vec *vec,
	      struct fy_node *list, size_t depth, size_t parent, const bool *assessable_level)
{
	static const struct ld_field fields[] = {{"id", true}, {"title", false}, {"text", false},
		{"description", false}, {"level", false}, {"attributes", false}, {"controls", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	void *iter = NULL;

	if (ld_list_len(L, list, "controls") < 0)
		return;
	if (depth >= LIB_MAX_DEPTH) {
		ld_diag(L, ld_line(list, 0), "controls nest deeper than %d levels", LIB_MAX_DEPTH);
		return;
	}
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_control c = {0};
		struct lib_control *prev;
		size_t self;
		int level = (int)depth;

		if (!ld_fields(L, item, "a control", fields, ARRAY_LEN(fields), v,
				ld_line(list, 0)) || !v[0])
			continue;
		c.line = ld_line(v[0], 0);
		c.file = L->file;
		c.framework = fw;
		c.id = ld_text(L, v[0], "id", 64);
		if (!c.id)
			continue;
		if (!valid_control_id(c.id)) {
			ld_diag(L, c.line, "control ID '%s' must be printable ASCII without spaces", c.id);
			continue;
		}
		if (v[1])
			c.title = ld_text(L, v[1], "title", 500);
		if (v[2]) {
			c.text = ld_text(L, v[2], "text", 20000);
			if (c.text && !fw->ships_text) {
				ld_diag(L, ld_line(v[2], c.line),
				     "control %s has 'text', but the license of %s lets us ship only IDs "
				     "and our own wording (put that in 'title' or 'description')",
				     c.id, fw->id);
				c.text = NULL;
			}
		}
		if (v[3])
			c.description = ld_text(L, v[3], "description", 20000);
		if (!v[1] && !v[2] && !v[3])
			ld_diag(L, c.line, "control %s needs a 'title', 'text' or 'description'", c.id);
		/* Below the last declared level a control must say its level: PCI
		 * DSS nests requirements under requirements (12.5.2.1), but a
		 * subcategory indented one step too far is a mistake. */
		if (v[4]) {
			const char *lv = ld_text(L, v[4], "level", 64);

			if (lv && (level = ld_name_index(lv, fw->levels, fw->n_levels)) < 0)
				ld_diag(L, ld_line(v[4], c.line),
				     "control %s has level '%.64s', which 'levels' does not name", c.id, lv);
		} else if (depth >= fw->n_levels) {
			ld_diag(L, c.line, "control %s nests deeper than the %zu level%s that 'levels' "
			     "declares; give it a 'level'", c.id, fw->n_levels,
			     fw->n_levels == 1 ? "" : "s");
			level = -1;
		}
		if (level < 0)
			level = (int)(depth < fw->n_levels ? depth : fw->n_levels - 1);
		c.level = (size_t)level;
		c.assessable = assessable_level[c.level];
		if (v[5])
			load_control_attrs(L, fw, &c, v[5]);
		if ((prev = map_get(&fw->control_index, c.id)) != NULL) {
			ld_diag(L, c.line, "duplicate control ID '%s' in %s (first at line %d)", c.id,
			     fw->id, prev->line);
			continue;
		}
		if (vec->n_items == vec->cap) {
			vec->cap = vec->cap ? vec->cap * 2 : 64;
			vec->items = xrealloc(vec->items, size_mul_add(vec->cap, sizeof(*vec->items), 0));
			vec->parent = xrealloc(vec->parent, size_mul_add(vec->cap, sizeof(*vec->parent), 0));
			/* The index points into the array: rebuild it after a move. */
			map_free(&fw->control_index);
			for (self = 0; self < vec->n_items; self++)
				map_put(&fw->control_index, vec->items[self].id, &vec->items[self]);
		}
		self = vec->n_items++;
		vec->items[self] = c;
		vec->parent[self] = parent;
		map_put(&fw->control_index, c.id, &vec->items[self]);
		if (v[6])
			load_controls(L, fw, vec, v[6], depth + 1, self + 1, assessable_level);
	}
}

/* Move the gathered controls into the arena and link parents and children. */
static void
finish_controls(struct loader *L, struct lib_framework *fw, struct control_vec *vec)
{
	struct lib_control *cs = arena_array(L->a, vec->n_items + 1, sizeof(*cs));
	size_t *n_children = xcalloc(vec->n_items + 1, sizeof(size_t));
	size_t *level_counts = arena_array(L->a, fw->n_levels, sizeof(size_t));
	size_t i;

	if (vec->n_items)
		memcpy(cs, vec->items, vec->n_items * sizeof(*cs));
	map_free(&fw->control_index);
	for (i = 0; i < vec->n_items; i++) {
		map_put(&fw->control_index, cs[i].id, &cs[i]);
		level_counts[cs[i].level]++;
		if (cs[i].assessable)
			fw->n_assessable++;
		if (vec->parent[i]) {
			cs[i].parent = &cs[vec->parent[i] - 1];
			n_children[vec->parent[i] - 1]++;
		}
	}
	for (i = 0; i < vec->n_items; i++)
		if (n_children[i])
			cs[i].children = arena_array(L->a, n_children[i], sizeof(*cs[i].children));
	for (i = 0; i < vec->n_items; i++) {
		struct lib_control *p = (struct lib_control *)cs[i].parent;

		if (p)
			p->children[p->n_children++] = &cs[i];
	}
	free(n_children);
	fw->controls = cs;
	fw->n_controls = vec->n_items;
	fw->level_counts = level_counts;
}

/* The file's base name without its extension: an id must match it. */
static const char *
file_stem(struct arena *a, const char *file)
{
	const char *base = strrchr(file, '/');
	const char *dot;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	return arena_strndup(a, base, dot ? (size_t)(dot - base) : strlen(base));
}

const char *
ld_file_id(struct loader *L, struct fy_node *n, const char *what)
{
	const char *id = ld_text(L, n, "id", 64);

	if (!id)
		return NULL;
	if (!ld_valid_slug(id, false)) {
		ld_diag(L, ld_line(n, 0), "%s id '%s' must be lower-case letters, digits and hyphens",
			what, id);
		return NULL;
	}
	if (strcmp(id, file_stem(L->a, L->file)) != 0) {
		ld_diag(L, ld_line(n, 0), "%s id '%s' must match its file name", what, id);
		return NULL;
	}
	return id;
}

static void
load_framework(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {
		{"id", true}, {"name", true}, {"version", true}, {"published", true},
		{"publisher", true}, {"kind", true}, {"license", true}, {"source", true},
		{"levels", true}, {"assessable", true}, {"attributes", false}, {"scoping", false},
		{"controls", true}};
	static const struct ld_field license_fields[] = {{"ships_text", true}, {"terms", true}};
	enum { F_ID, F_NAME, F_VERSION, F_PUBLISHED, F_PUBLISHER, F_KIND, F_LICENSE, F_SOURCE,
	       F_LEVELS, F_ASSESSABLE, F_ATTRIBUTES, F_SCOPING, F_CONTROLS };
	struct fy_node *v[ARRAY_LEN(fields)], *lv[ARRAY_LEN(license_fields)];
	struct lib_framework *fw = &L->frameworks[L->lib->n_frameworks];
	struct control_vec vec = {0};
	bool *assessable_level = NULL, structure_ok, id_ok = false;
	size_t problems = L->n_problems, structure_problems, i;
	int64_t date;
	int kind;

	memset(fw, 0, sizeof(*fw));
	fw->file = L->file;
	if (!ld_fields(L, root, "a framework file", fields, ARRAY_LEN(fields), v, 1))
		return;
	structure_problems = L->n_problems;
	/* The controls are read against the license, the levels and the attribute
	 * declarations; when those are broken, each control would only repeat the
	 * problem, so they are skipped. */
	if (v[F_LICENSE] &&
	    ld_fields(L, v[F_LICENSE], "'license'", license_fields, ARRAY_LEN(license_fields), lv,
		       ld_line(v[F_LICENSE], 0))) {
		if (lv[0])
			ld_bool(L, lv[0], "ships_text", &fw->ships_text);
		if (lv[1])
			fw->license_terms = ld_text(L, lv[1], "terms", 1000);
	}
	if (v[F_LEVELS]) {
		fw->levels = ld_text_list(L, v[F_LEVELS], "levels", 64, &fw->n_levels);
		if (fw->levels && (fw->n_levels == 0 || fw->n_levels > LIB_MAX_DEPTH))
			ld_diag(L, ld_line(v[F_LEVELS], 0), "'levels' must name 1 to %d levels",
			     LIB_MAX_DEPTH);
		for (i = 1; i < fw->n_levels; i++)
			if (ld_name_index(fw->levels[i], fw->levels, i) >= 0)
				ld_diag(L, ld_line(v[F_LEVELS], 0), "level '%s' is named twice", fw->levels[i]);
	}
	if (fw->n_levels > 0 && fw->n_levels <= LIB_MAX_DEPTH && v[F_ASSESSABLE]) {
		const char **names;
		size_t n_names = 1;

		assessable_level = xcalloc(fw->n_levels, sizeof(bool));
		if (fy_node_get_type(v[F_ASSESSABLE]) == FYNT_SEQUENCE) {
			names = ld_text_list(L, v[F_ASSESSABLE], "assessable", 64, &n_names);
		} else {
			names = arena_alloc(L->a, sizeof(*names));
			names[0] = ld_text(L, v[F_ASSESSABLE], "assessable", 64);
			n_names = names[0] ? 1 : 0;
		}
		for (i = 0; names && i < n_names; i++) {
			int k = ld_name_index(names[i], fw->levels, fw->n_levels);

			if (k < 0)
				ld_diag(L, ld_line(v[F_ASSESSABLE], 0),
				     "'assessable' names '%.64s', which is not one of the levels", names[i]);
			else
				assessable_level[k] = true;
		}
	}
	if (v[F_ATTRIBUTES])
		load_attr_defs(L, fw, v[F_ATTRIBUTES]);
	if (v[F_SCOPING])
		ld_scoping(L, fw, v[F_SCOPING]);
	structure_ok = L->n_problems == structure_problems && assessable_level;
	if (v[F_ID] && (fw->id = ld_text(L, v[F_ID], "id", 64)) != NULL) {
		if (!ld_valid_slug(fw->id, true))
			ld_diag(L, ld_line(v[F_ID], 0), "framework id '%s' must be lower-case letters, "
			     "digits, dots and hyphens", fw->id);
		else if (strcmp(fw->id, file_stem(L->a, L->file)) != 0)
			ld_diag(L, ld_line(v[F_ID], 0), "framework id '%s' must match its file name",
			     fw->id);
		else if (map_get(&L->lib->framework_index, fw->id))
			ld_diag(L, ld_line(v[F_ID], 0), "duplicate framework id '%s'", fw->id);
		else
			id_ok = true;
	}
	if (v[F_NAME])
		fw->name = ld_text(L, v[F_NAME], "name", 200);
	if (v[F_VERSION])
		fw->version = ld_text(L, v[F_VERSION], "version", 64);
	if (v[F_PUBLISHED] && (fw->published = ld_text(L, v[F_PUBLISHED], "published", 64)) &&
	    time_parse_date(fw->published, strlen(fw->published), &date, NULL) < 0)
		ld_diag(L, ld_line(v[F_PUBLISHED], 0),
		     "'published' is '%.64s'; it must be a date such as 2024-02-26", fw->published);
	if (v[F_PUBLISHER])
		fw->publisher = ld_text(L, v[F_PUBLISHER], "publisher", 200);
	if (v[F_KIND] && (kind = ld_enum(L, v[F_KIND], "kind", kind_names, LIB_KIND__MAX)) >= 0)
		fw->kind = (enum lib_kind)kind;
	if (v[F_SOURCE] && (fw->source = ld_text(L, v[F_SOURCE], "source", 500)) != NULL &&
	    strncmp(fw->source, "https://", 8) != 0 && strncmp(fw->source, "http://", 7) != 0)
		ld_diag(L, ld_line(v[F_SOURCE], 0), "'source' must be the URL of the official document");
	if (structure_ok && id_ok && v[F_CONTROLS]) {
		load_controls(L, fw, &vec, v[F_CONTROLS], 0, 0, assessable_level);
		if (vec.n_items == 0 && L->n_problems == problems)
			ld_diag(L, ld_line(v[F_CONTROLS], 0), "framework %s has no controls", fw->id);
		finish_controls(L, fw, &vec);
	}
	free(vec.items);
	free(vec.parent);
	free(assessable_level);
	/* A framework whose controls were read is registered even when some of
	 * them had problems, so mappings to it are still checked; the library as
	 * a whole is refused anyway. */
	if (fw->controls && id_ok) {
		map_put(&L->lib->framework_index, fw->id, fw);
		L->lib->n_frameworks++;
	} else {
		map_free(&fw->control_index);
	}
}

/* ---------------------------------------------------------- safeguards */

/* "Two sentences at most": count sentence ends (. ! ? before a space or the end). */
static size_t
count_sentences(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s == '.' || *s == '!' || *s == '?') && (s[1] == ' ' || s[1] == '\n' || !s[1]))
			n++;
	return n;
}

/* The key under which mapping_seen finds a mapping of sg to a control. */
static const char *
mapping_key(struct loader *L, const struct lib_safeguard *sg, const struct lib_control *c)
{
	/* On the load path for every mapping: plain copies, no printf. */
	size_t a = strlen(sg->id), b = strlen(c->framework->id), n = strlen(c->id);
	char *key = arena_alloc(L->a, a + b + n + 3);

	memcpy(key, sg->id, a);
	key[a] = '\x1f';
	memcpy(key + a + 1, c->framework->id, b);
	key[a + 1 + b] = '\x1f';
	memcpy(key + a + b + 2, c->id, n + 1);
	return key;
}

/* (Re)enter mappings[0..n) in mapping_seen: after the vector holding them moved. */
static void
index_mappings(struct loader *L, struct lib_mapping *mappings, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		map_put(&L->mapping_seen, mapping_key(L, mappings[i].safeguard, mappings[i].control),
			&mappings[i]);
}

/*
 * Record one safeguard -> control mapping, found at the current file and line.
 * Mappings come from safeguard files and from mapping files; they are
 * collected in one vector and handed out per safeguard at the end.
 */
static void
add_mapping(struct loader *L, struct lib_safeguard *sg, const struct lib_control *c,
	    enum lib_rel rel, const char *note, int line)
{
	struct lib_mapping *m, *prev = map_get(&L->mapping_seen, mapping_key(L, sg, c));

	if (prev) {
		ld_diag(L, line, "%s is mapped to %s %s twice (first at %s:%d)", sg->id,
		     c->framework->id, c->id, prev->file, prev->line);
		return;
	}
	if (L->n_maps == L->cap_maps) {
		L->cap_maps = L->cap_maps ? L->cap_maps * 2 : 256;
		L->maps = xrealloc(L->maps, size_mul_add(L->cap_maps, sizeof(*L->maps), 0));
		index_mappings(L, L->maps, L->n_maps);
	}
	m = &L->maps[L->n_maps++];
	memset(m, 0, sizeof(*m));
	m->safeguard = sg;
	m->control = c;
	m->relationship = rel;
	m->note = note;
	m->file = L->file;
	m->line = line;
	map_put(&L->mapping_seen, mapping_key(L, sg, c), m);
}

/* Look up framework fw_id and its control ctl_id, reporting what is missing. */
static const struct lib_control *
resolve_control(struct loader *L, const char *fw_id, const char *ctl_id, int fw_line,
		int ctl_line)
{
	const struct lib_framework *fw = map_get(&L->lib->framework_index, fw_id);
	const struct lib_control *c;

	if (!fw) {
		ld_diag(L, fw_line, "mapping to unknown framework '%.64s'", fw_id);
		return NULL;
	}
	c = map_get(&fw->control_index, ctl_id);
	if (!c)
		ld_diag(L, ctl_line, "mapping to control '%.64s', which %s does not have", ctl_id, fw_id);
	return c;
}

/* The `mappings:` list inside a safeguard file: each entry names its framework. */
static void
load_safeguard_mappings(struct loader *L, struct lib_safeguard *sg, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"framework", true}, {"control", true},
		{"relationship", true}, {"note", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	void *iter = NULL;

	if (ld_list_len(L, list, "mappings") < 0)
		return;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		const struct lib_control *c;
		const char *fw_id, *ctl_id, *note = NULL;
		int rel;

		if (!ld_fields(L, item, "a mapping", fields, ARRAY_LEN(fields), v,
				ld_line(list, 0)) || !v[0] || !v[1] || !v[2])
			continue;
		fw_id = ld_text(L, v[0], "framework", 64);
		ctl_id = ld_text(L, v[1], "control", 64);
		rel = ld_enum(L, v[2], "relationship", rel_names, LIB_REL__MAX);
		if (v[3])
			note = ld_text(L, v[3], "note", 1000);
		if (!fw_id || !ctl_id || rel < 0 || !sg->id)
			continue;
		c = resolve_control(L, fw_id, ctl_id, ld_line(v[0], 0), ld_line(v[1], 0));
		if (c)
			add_mapping(L, sg, c, (enum lib_rel)rel, note, ld_line(item, 0));
	}
}

static const char *const burden_names[LIB_BURDEN__MAX] = {"low", "medium", "high"};

const char *lib_burden_name(enum lib_burden b) { return b < LIB_BURDEN__MAX ? burden_names[b] : "?"; }

static void
load_safeguard(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {
		{"id", true}, {"name", true}, {"plain", true}, {"technical", true},
		{"category", true}, {"default_owner", true}, {"burden", true}, {"service", false},
		{"evidence", true}, {"tailoring", false}, {"mappings", false}, {"risk", true}};
	enum { F_ID, F_NAME, F_PLAIN, F_TECHNICAL, F_CATEGORY, F_OWNER, F_BURDEN, F_SERVICE,
	       F_EVIDENCE, F_TAILORING, F_MAPPINGS, F_RISK };
	struct fy_node *v[ARRAY_LEN(fields)];
	struct lib_safeguard *sg = &L->safeguards[L->lib->n_safeguards];
	bool id_ok = false;
	const char *name, *service_id = NULL;
	int k;

	memset(sg, 0, sizeof(*sg));
	sg->file = L->file;
	sg->line = 1;
	if (!ld_fields(L, root, "a safeguard file", fields, ARRAY_LEN(fields), v, 1))
		return;
	if (v[F_ID] && (sg->id = ld_text(L, v[F_ID], "id", 64)) != NULL) {
		if (!ld_valid_slug(sg->id, false))
			ld_diag(L, ld_line(v[F_ID], 0), "safeguard id '%s' must be lower-case letters, "
			     "digits and hyphens", sg->id);
		else if (strcmp(sg->id, file_stem(L->a, L->file)) != 0)
			ld_diag(L, ld_line(v[F_ID], 0), "safeguard id '%s' must match its file name", sg->id);
		else if (map_get(&L->lib->safeguard_index, sg->id))
			ld_diag(L, ld_line(v[F_ID], 0), "duplicate safeguard id '%s'", sg->id);
		else
			id_ok = true;
	}
	if (v[F_NAME])
		sg->name = ld_text(L, v[F_NAME], "name", 200);
	if (v[F_PLAIN] && (sg->plain = ld_text(L, v[F_PLAIN], "plain", 600)) != NULL &&
	    count_sentences(sg->plain) > 2)
		ld_diag(L, ld_line(v[F_PLAIN], 0), "'plain' must be two sentences at most");
	if (v[F_RISK] && (sg->risk = ld_text(L, v[F_RISK], "risk", 400)) != NULL &&
	    count_sentences(sg->risk) > 2)
		ld_diag(L, ld_line(v[F_RISK], 0), "'risk' must be two sentences at most");
	if (v[F_TECHNICAL])
		sg->technical = ld_text(L, v[F_TECHNICAL], "technical", 5000);
	if (v[F_CATEGORY] && (name = ld_text(L, v[F_CATEGORY], "category", 64)) != NULL &&
	    !(sg->category = map_get(&L->category_index, name)))
		ld_diag(L, ld_line(v[F_CATEGORY], 0),
		     "category '%.64s' is not one of the manifest's categories", name);
	if (v[F_OWNER] &&
	    (k = ld_enum(L, v[F_OWNER], "default_owner", owner_names, LIB_OWNER__MAX)) >= 0)
		sg->default_owner = (enum lib_owner)k;
	if (v[F_BURDEN] && (k = ld_enum(L, v[F_BURDEN], "burden", burden_names, LIB_BURDEN__MAX)) >= 0)
		sg->burden = (enum lib_burden)k;
	/* Checked once the services are read (they come after the safeguards). */
	if (v[F_SERVICE])
		service_id = ld_text(L, v[F_SERVICE], "service", 64);
	if (v[F_TAILORING])
		ld_tailoring(L, sg, v[F_TAILORING]);
	if (v[F_EVIDENCE]) {
		sg->evidence = ld_text_list(L, v[F_EVIDENCE], "evidence", 500, &sg->n_evidence);
		if (sg->evidence && sg->n_evidence == 0)
			ld_diag(L, ld_line(v[F_EVIDENCE], 0), "'evidence' needs at least one example");
	}
	/* Registered even with problems, so mapping files that name it are
	 * checked; the library as a whole is refused anyway. */
	if (!id_ok)
		return;
	map_put(&L->lib->safeguard_index, sg->id, sg);
	L->sg_service_ids[L->lib->n_safeguards] = service_id;
	L->lib->n_safeguards++;
	if (v[F_MAPPINGS])
		load_safeguard_mappings(L, sg, v[F_MAPPINGS]);
}

/* ------------------------------------------------------------ mappings */

/* A mapping file of safeguard -> control mappings for one framework. */
static void
load_framework_mappings(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"framework", true}, {"source", false},
		{"mappings", true}};
	static const struct ld_field item_fields[] = {{"safeguard", true}, {"control", true},
		{"relationship", true}, {"note", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *iv[ARRAY_LEN(item_fields)], *item;
	const char *fw_id;
	void *iter = NULL;
	int fw_line;

	if (!ld_fields(L, root, "a mapping file", fields, ARRAY_LEN(fields), v, 1) || !v[0] || !v[2])
		return;
	if (v[1])
		ld_text(L, v[1], "source", 500);
	fw_line = ld_line(v[0], 1);
	if (!(fw_id = ld_text(L, v[0], "framework", 64)))
		return;
	if (!map_get(&L->lib->framework_index, fw_id)) {
		ld_diag(L, fw_line, "mapping file for unknown framework '%.64s'", fw_id);
		return;
	}
	if (ld_list_len(L, v[2], "mappings") < 0)
		return;
	while ((item = fy_node_sequence_iterate(v[2], &iter)) != NULL) {
		struct lib_safeguard *sg;
		const struct lib_control *c;
		const char *sg_id, *ctl_id, *note = NULL;
		int rel;

		if (!ld_fields(L, item, "a mapping", item_fields, ARRAY_LEN(item_fields), iv,
				ld_line(v[2], 0)) || !iv[0] || !iv[1] || !iv[2])
			continue;
		sg_id = ld_text(L, iv[0], "safeguard", 64);
		ctl_id = ld_text(L, iv[1], "control", 64);
		rel = ld_enum(L, iv[2], "relationship", rel_names, LIB_REL__MAX);
		if (iv[3])
			note = ld_text(L, iv[3], "note", 1000);
		if (!sg_id || !ctl_id || rel < 0)
			continue;
		if (!(sg = map_get(&L->lib->safeguard_index, sg_id))) {
			ld_diag(L, ld_line(iv[0], 0), "mapping from unknown safeguard '%.64s'", sg_id);
			continue;
		}
		c = resolve_control(L, fw_id, ctl_id, fw_line, ld_line(iv[1], 0));
		if (c)
			add_mapping(L, sg, c, (enum lib_rel)rel, note, ld_line(item, 0));
	}
}

/* A crosswalk file of control -> control links between two frameworks. */
static void
load_crosswalk(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"from", true}, {"to", true}, {"source", true},
		{"mappings", true}};
	static const struct ld_field item_fields[] = {{"from", true}, {"to", true},
		{"relationship", true}, {"note", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *iv[ARRAY_LEN(item_fields)], *item;
	const char *from_fw, *to_fw, *source;
	void *iter = NULL;

	if (!ld_fields(L, root, "a crosswalk file", fields, ARRAY_LEN(fields), v, 1) || !v[0] ||
	    !v[1] || !v[2] || !v[3])
		return;
	from_fw = ld_text(L, v[0], "from", 64);
	to_fw = ld_text(L, v[1], "to", 64);
	source = ld_text(L, v[2], "source", 500);
	if (!from_fw || !to_fw || !source || ld_list_len(L, v[3], "mappings") < 0)
		return;
	if (strcmp(from_fw, to_fw) == 0) {
		ld_diag(L, ld_line(v[1], 1), "a crosswalk links two different frameworks");
		return;
	}
	while ((item = fy_node_sequence_iterate(v[3], &iter)) != NULL) {
		const struct lib_control *from, *to;
		struct lib_link *link;
		const char *from_id, *to_id, *note = NULL;
		int rel;

		if (!ld_fields(L, item, "a crosswalk entry", item_fields, ARRAY_LEN(item_fields), iv,
				ld_line(v[3], 0)) || !iv[0] || !iv[1] || !iv[2])
			continue;
		from_id = ld_text(L, iv[0], "from", 64);
		to_id = ld_text(L, iv[1], "to", 64);
		rel = ld_enum(L, iv[2], "relationship", rel_names, LIB_REL__MAX);
		if (iv[3])
			note = ld_text(L, iv[3], "note", 1000);
		if (!from_id || !to_id || rel < 0)
			continue;
		from = resolve_control(L, from_fw, from_id, ld_line(v[0], 1), ld_line(iv[0], 0));
		to = resolve_control(L, to_fw, to_id, ld_line(v[1], 1), ld_line(iv[1], 0));
		if (!from || !to)
			continue;
		if (L->n_links == L->cap_links) {
			L->cap_links = L->cap_links ? L->cap_links * 2 : 64;
			L->links = xrealloc(L->links, size_mul_add(L->cap_links, sizeof(*L->links), 0));
		}
		link = &L->links[L->n_links++];
		link->from = from;
		link->to = to;
		link->relationship = (enum lib_rel)rel;
		link->note = note;
		link->source = source;
		link->file = L->file;
		link->line = ld_line(item, 0);
	}
}

static void
load_mapping_file(struct loader *L, struct fy_node *root)
{
	/* Two shapes share the folder: `framework:` for safeguard mappings,
	 * `from:`/`to:` for a crosswalk between frameworks. */
	if (fy_node_get_type(root) == FYNT_MAPPING && fy_node_mapping_lookup_by_string(root, "from", 4))
		load_crosswalk(L, root);
	else
		load_framework_mappings(L, root);
}

/* ------------------------------------------------------ licensed text */

/*
 * A user's own licensed copy of a framework's official text (CIS, PCI DSS,
 * ISO/IEC), kept in texts/FRAMEWORK.yaml of their library directory and shown
 * beside our wording.  The built-in library never has such files.
 */
static void
load_licensed_text(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"framework", true}, {"licensed_to", true},
		{"texts", true}};
	static const struct ld_field item_fields[] = {{"control", true}, {"text", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *iv[ARRAY_LEN(item_fields)], *item;
	struct lib_framework *fw;
	const char *fw_id, *holder;
	void *iter = NULL;

	if (!ld_fields(L, root, "a licensed-text file", fields, ARRAY_LEN(fields), v, 1) ||
	    !v[0] || !v[1] || !v[2])
		return;
	fw_id = ld_text(L, v[0], "framework", 64);
	holder = ld_text(L, v[1], "licensed_to", 200);
	if (!fw_id || !holder || ld_list_len(L, v[2], "texts") < 0)
		return;
	if (!(fw = map_get(&L->lib->framework_index, fw_id))) {
		ld_diag(L, ld_line(v[0], 1), "licensed text for unknown framework '%.64s'", fw_id);
		return;
	}
	if (fw->licensed_to) {
		ld_diag(L, ld_line(v[0], 1), "a second licensed-text file for %s", fw_id);
		return;
	}
	fw->licensed_to = holder;
	while ((item = fy_node_sequence_iterate(v[2], &iter)) != NULL) {
		struct lib_control *c;
		const char *id, *text;

		if (!ld_fields(L, item, "a licensed text", item_fields, ARRAY_LEN(item_fields), iv,
				ld_line(v[2], 0)) || !iv[0] || !iv[1])
			continue;
		id = ld_text(L, iv[0], "control", 64);
		text = ld_text(L, iv[1], "text", 20000);
		if (!id || !text)
			continue;
		if (!(c = map_get(&fw->control_index, id)))
			ld_diag(L, ld_line(iv[0], 0), "licensed text for control '%.64s', which %s does not "
			     "have", id, fw_id);
		else if (c->licensed_text)
			ld_diag(L, ld_line(iv[0], 0), "a second licensed text for %s %s", fw_id, id);
		else
			c->licensed_text = text;
	}
}

/* ------------------------------------------------------ final linking */

static int
mapping_order(const void *pa, const void *pb)
{
	const struct lib_mapping *a = pa, *b = pb;
	int c = strcmp(a->safeguard->id, b->safeguard->id);

	if (c == 0)
		c = strcmp(a->control->framework->id, b->control->framework->id);
	return c ? c : strcmp(a->control->id, b->control->id);
}

/*
 * An `equal` crosswalk link makes the two controls interchangeable, so every
 * safeguard mapped to one counts for the other (equal composed with X is X).
 * Such derived mappings carry the link in `via`; only one step is taken.
 */
static size_t
derive_mappings(struct loader *L, struct lib_mapping *direct, size_t n_direct,
		struct lib_mapping **out)
{
	struct lib_mapping *derived = NULL;
	size_t n = 0, cap = 0, i, j;

	for (i = 0; i < L->n_links; i++) {
		const struct lib_link *link = &L->lib->links[i];

		if (link->relationship != LIB_REL_EQUAL)
			continue;
		for (j = 0; j < n_direct; j++) {
			const struct lib_control *target;
			const char *key;

			if (direct[j].control == link->to)
				target = link->from;
			else if (direct[j].control == link->from)
				target = link->to;
			else
				continue;
			key = mapping_key(L, direct[j].safeguard, target);
			if (map_get(&L->mapping_seen, key))
				continue; /* mapped directly, or derived already */
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				derived = xrealloc(derived, size_mul_add(cap, sizeof(*derived), 0));
				index_mappings(L, derived, n);
			}
			derived[n] = direct[j];
			derived[n].control = target;
			derived[n].via = link;
			map_put(&L->mapping_seen, key, &derived[n]);
			n++;
		}
	}
	*out = derived;
	return n;
}

/*
 * Move the mappings into the arena: direct ones sorted by safeguard (each
 * safeguard gets its slice), derived ones after; then give every control the
 * list of mappings that reach it.
 */
static void
link_mappings(struct loader *L)
{
	struct library *lib = L->lib;
	struct lib_mapping *all, *derived;
	size_t n_derived, n_all, i;

	if (L->n_maps)
		qsort(L->maps, L->n_maps, sizeof(*L->maps), mapping_order);
	lib->links = arena_array(L->a, L->n_links + 1, sizeof(*lib->links));
	if (L->n_links)
		memcpy((struct lib_link *)lib->links, L->links, L->n_links * sizeof(*L->links));
	lib->n_links = L->n_links;
	/* Sorting moved the entries the index points at. */
	index_mappings(L, L->maps, L->n_maps);
	n_derived = derive_mappings(L, L->maps, L->n_maps, &derived);
	n_all = L->n_maps + n_derived;
	all = arena_array(L->a, n_all + 1, sizeof(*all));
	if (L->n_maps)
		memcpy(all, L->maps, L->n_maps * sizeof(*all));
	if (n_derived)
		memcpy(all + L->n_maps, derived, n_derived * sizeof(*all));
	free(derived);
	lib->n_mappings = L->n_maps;
	lib->n_derived_mappings = n_derived;

	for (i = 0; i < L->n_maps; i++) {
		struct lib_safeguard *sg = (struct lib_safeguard *)all[i].safeguard;

		if (sg->n_mappings == 0)
			sg->mappings = &all[i];
		sg->n_mappings++;
	}
	for (i = 0; i < n_all; i++)
		((struct lib_control *)all[i].control)->n_mapped_by++;
	for (i = 0; i < lib->n_frameworks; i++)
		for (size_t j = 0; j < lib->frameworks[i].n_controls; j++) {
			struct lib_control *c = (struct lib_control *)&lib->frameworks[i].controls[j];

			if (c->n_mapped_by)
				c->mapped_by = arena_array(L->a, c->n_mapped_by, sizeof(*c->mapped_by));
			c->n_mapped_by = 0;
		}
	for (i = 0; i < n_all; i++) {
		struct lib_control *c = (struct lib_control *)all[i].control;

		c->mapped_by[c->n_mapped_by++] = &all[i];
	}
}

/* ------------------------------------------------------------- files */

/* In the order files are read: each kind may refer to the kinds before it. */
enum file_kind {
	FILE_MANIFEST,
	FILE_FRAMEWORK,
	FILE_TEXT,
	FILE_INTAKE,
	FILE_SAFEGUARD,
	FILE_SERVICE,
	FILE_MAPPING,
	FILE_RULES,
	FILE_CLAUSE,
	FILE_OTHER
};

static enum file_kind
classify(const char *name)
{
	const char *ext = strrchr(name, '.');
	const char *slash = strchr(name, '/');

	if (!ext || (strcmp(ext, ".yaml") != 0 && strcmp(ext, ".yml") != 0))
		return FILE_OTHER;
	if (strcmp(name, "library.yaml") == 0 || strcmp(name, "library.yml") == 0)
		return FILE_MANIFEST;
	if (!slash || strchr(slash + 1, '/'))
		return FILE_OTHER;
	if (strncmp(name, "frameworks/", 11) == 0)
		return FILE_FRAMEWORK;
	if (strncmp(name, "safeguards/", 11) == 0)
		return FILE_SAFEGUARD;
	if (strncmp(name, "mappings/", 9) == 0)
		return FILE_MAPPING;
	if (strncmp(name, "services/", 9) == 0)
		return FILE_SERVICE;
	if (strncmp(name, "texts/", 6) == 0)
		return FILE_TEXT;
	if (strncmp(name, "intake/", 7) == 0)
		return FILE_INTAKE;
	if (strncmp(name, "rules/", 6) == 0)
		return FILE_RULES;
	if (strncmp(name, "clauses/", 8) == 0)
		return FILE_CLAUSE;
	return FILE_OTHER;
}

/* A file's problems are found in the order its parts are checked; they read
 * better in the order of the file.  Insertion sort: stable, and n is small. */
static void
sort_by_line(struct lib_diag *d, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct lib_diag x = d[i];

		for (j = i; j > 0 && d[j - 1].line > x.line; j--)
			d[j] = d[j - 1];
		d[j] = x;
	}
}

/* Sink for libfyaml's own printing: its errors are collected instead. */
static void
fy_quiet(struct fy_diag *d, void *user, const char *buf, size_t len)
{
	(void)d, (void)user, (void)buf, (void)len;
}

/* Parse one file and hand its root to the reader for its kind. */
static void
load_file(struct loader *L, const struct named_file *f, enum file_kind kind)
{
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *fyd_diag;
	struct fy_document *doc;
	struct fy_node *root;
	size_t first_diag = L->rep ? L->rep->n_diags : 0, bad, i;
	int line;

	L->file = arena_strdup(L->a, f->name);
	if (strspn(f->data, " \t\r\n") >= f->len) {
		ld_diag(L, 0, "the file is empty");
		return;
	}
	if (memchr(f->data, '\0', f->len)) {
		ld_diag(L, 0, "the file contains a NUL byte; library files are UTF-8 text");
		return;
	}
	/* Checked here rather than left to libfyaml, which can loop for minutes on
	 * some invalid UTF-8 (found by fuzz_library). */
	bad = utf8_valid_prefix(f->data, f->len);
	if (bad < f->len) {
		for (i = 0, line = 1; i < bad; i++)
			line += f->data[i] == '\n';
		ld_diag(L, line, "the file is not valid UTF-8 text");
		return;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = fy_quiet;
	dcfg.colorize = false;
	fyd_diag = fy_diag_create(&dcfg);
	if (!fyd_diag)
		panic("libfyaml: cannot create a diagnostics object");
	fy_diag_set_collect_errors(fyd_diag, true);
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE | FYPCF_DISABLE_ACCELERATORS;
	pcfg.diag = fyd_diag;
	doc = fy_document_build_from_string(&pcfg, f->data, f->len);
	if (!doc || fy_diag_got_error(fyd_diag)) {
		struct fy_diag_error *de;
		void *iter = NULL;
		size_t before = L->n_problems;

		/* Unlike a struct fy_mark, a collected error's line is 1-based. */
		while ((de = fy_diag_errors_iterate(fyd_diag, &iter)) != NULL)
			ld_diag(L, de->line, "YAML syntax: %s", de->msg ? de->msg : "error");
		if (L->n_problems == before)
			ld_diag(L, 0, "YAML syntax error");
		goto done;
	}
	root = fy_document_root(doc);
	if (!root) {
		ld_diag(L, 1, "the file is empty");
		goto done;
	}
	switch (kind) {
	case FILE_MANIFEST: load_manifest(L, root); break;
	case FILE_FRAMEWORK: load_framework(L, root); break;
	case FILE_SAFEGUARD: load_safeguard(L, root); break;
	case FILE_SERVICE: ld_service(L, root); break;
	case FILE_MAPPING: load_mapping_file(L, root); break;
	case FILE_TEXT: load_licensed_text(L, root); break;
	case FILE_INTAKE: ld_intake(L, root); break;
	case FILE_RULES: ld_rules(L, root); break;
	case FILE_CLAUSE: ld_clause(L, root); break;
	default: break;
	}
done:
	fy_document_destroy(doc);
	fy_diag_destroy(fyd_diag);
	if (L->rep && L->rep->n_diags > first_diag)
		sort_by_line(L->rep->diags + first_diag, L->rep->n_diags - first_diag);
}

struct sorted_file {
	const struct named_file *f;
	enum file_kind kind;
	const char *stem;
};

/* Manifest first, then frameworks, then safeguards; by id within a kind. */
static int
by_kind_and_stem(const void *pa, const void *pb)
{
	const struct sorted_file *a = pa, *b = pb;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	c = strcmp(a->stem, b->stem);
	return c ? c : strcmp(a->f->name, b->f->name);
}

static void
hash_files(struct library *lib, const struct sorted_file *files, size_t n)
{
	struct hash_blake2b h;
	size_t i;

	hash_blake2b_init(&h);
	for (i = 0; i < n; i++) {
		unsigned char len[8];
		size_t k;

		for (k = 0; k < 8; k++)
			len[k] = (unsigned char)((uint64_t)files[i].f->len >> (8 * k));
		hash_blake2b_update(&h, files[i].f->name, strlen(files[i].f->name) + 1);
		hash_blake2b_update(&h, len, sizeof(len));
		hash_blake2b_update(&h, files[i].f->data, files[i].f->len);
	}
	hash_blake2b_final(&h, lib->hash);
}

void
lib_free(struct library *lib)
{
	size_t i;

	if (!lib)
		return;
	for (i = 0; i < lib->n_frameworks; i++)
		map_free((struct map *)&lib->frameworks[i].control_index);
	map_free(&lib->framework_index);
	map_free(&lib->safeguard_index);
	map_free(&lib->question_index);
	map_free(&lib->service_index);
	map_free(&lib->clause_index);
	arena_free(lib->arena);
}

int
lib_load_files(const struct named_file *files, size_t n_files, const char *origin,
	       struct library **out, struct lib_report *report, struct err *e)
{
	struct arena *a = arena_new();
	struct loader L = {0};
	struct sorted_file *sorted;
	struct library *lib;
	size_t n = 0, n_fw = 0, n_sg = 0, n_svc = 0, n_cl = 0, i;
	bool have_manifest = false;

	*out = NULL;
	if (report && !report->arena)
		report->arena = arena_new();
	lib = arena_alloc(a, sizeof(*lib));
	lib->arena = a;
	lib->origin = arena_strdup(a, origin);
	L.a = a;
	L.rep = report;
	L.lib = lib;

	sorted = xcalloc(n_files + 1, sizeof(*sorted));
	for (i = 0; i < n_files; i++) {
		enum file_kind kind = classify(files[i].name);

		if (kind == FILE_OTHER)
			continue;
		sorted[n].f = &files[i];
		sorted[n].kind = kind;
		sorted[n].stem = file_stem(a, files[i].name);
		n_fw += kind == FILE_FRAMEWORK;
		n_sg += kind == FILE_SAFEGUARD;
		n_svc += kind == FILE_SERVICE;
		n_cl += kind == FILE_CLAUSE;
		n++;
	}
	qsort(sorted, n, sizeof(*sorted), by_kind_and_stem);
	hash_files(lib, sorted, n);
	L.frameworks = arena_array(a, n_fw + 1, sizeof(*L.frameworks));
	L.safeguards = arena_array(a, n_sg + 1, sizeof(*L.safeguards));
	L.sg_service_ids = arena_array(a, n_sg + 1, sizeof(*L.sg_service_ids));
	L.services = arena_array(a, n_svc + 1, sizeof(*L.services));
	L.clauses = arena_array(a, n_cl + 1, sizeof(*L.clauses));
	lib->services = L.services;
	lib->clauses = L.clauses;
	lib->frameworks = L.frameworks;
	lib->safeguards = L.safeguards;
	for (i = 0; i < n; i++) {
		if (sorted[i].kind == FILE_MANIFEST) {
			if (have_manifest) {
				L.file = sorted[i].f->name;
				ld_diag(&L, 0, "a second manifest; keep only library.yaml");
				continue;
			}
			have_manifest = true;
		}
		load_file(&L, sorted[i].f, sorted[i].kind);
	}
	if (!have_manifest) {
		L.file = "library.yaml";
		ld_diag(&L, 0, "the library has no manifest (library.yaml)");
	}
	free(sorted);
	ld_services_finish(&L);
	ld_clauses_finish(&L);
	if (L.n_problems == 0) {
		link_mappings(&L);
		ld_rules_finish(&L);
	}
	ld_rules_free(&L);
	map_free(&L.category_index);
	map_free(&L.mapping_seen);
	free(L.maps);
	free(L.links);
	if (L.n_problems > 0) {
		lib_free(lib);
		return err_set(e, ERR_INPUT, "the library in %s has %zu problem%s", origin,
			       L.n_problems, L.n_problems == 1 ? "" : "s");
	}
	*out = lib;
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the .yaml/.yml files of dir/sub (sub may be "") to files. */
static int
read_dir_files(const char *root, const char *sub, struct named_file **files, size_t *n,
	       size_t *cap, struct err *e)
{
	struct str path = STR_INIT;
	char **names = NULL;
	size_t n_names = 0, i;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	str_appendf(&path, "%s%s%s", root, *sub ? "/" : "", sub);
	d = opendir(path.buf);
	str_free(&path);
	if (!d)
		return 0; /* a library need not have every folder */
	while ((de = readdir(d)) != NULL) {
		const char *ext = strrchr(de->d_name, '.');

		if (de->d_name[0] == '.' || !ext || (strcmp(ext, ".yaml") && strcmp(ext, ".yml")))
			continue;
		if (n_names + *n >= LIB_MAX_FILES) {
			rc = err_set(e, ERR_INPUT, "%s has more than %d library files", root,
				     LIB_MAX_FILES);
			break;
		}
		names = xrealloc(names, (n_names + 1) * sizeof(*names));
		names[n_names++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n_names)
		qsort(names, n_names, sizeof(*names), by_name);
	for (i = 0; i < n_names && rc == 0; i++) {
		struct str rel = STR_INIT, full = STR_INIT;
		char *data;
		size_t len;

		str_appendf(&rel, "%s%s%s", sub, *sub ? "/" : "", names[i]);
		str_appendf(&full, "%s/%s", root, rel.buf);
		rc = file_read_all(full.buf, LIB_MAX_FILE_SIZE, &data, &len, e);
		str_free(&full);
		if (rc < 0) {
			str_free(&rel);
			break;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*files = xrealloc(*files, size_mul_add(*cap, sizeof(**files), 0));
		}
		(*files)[*n].name = str_take(&rel);
		(*files)[*n].data = data;
		(*files)[*n].len = len;
		(*n)++;
	}
	for (i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
lib_load_dir(const char *dir, struct library **out, struct lib_report *report, struct err *e)
{
	static const char *const subdirs[] = {"", "frameworks", "safeguards", "services", "mappings",
					      "texts", "intake", "rules", "clauses"};
	struct named_file *files = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	*out = NULL;
	if (!file_is_dir(dir))
		return err_set(e, ERR_NOTFOUND, "no library directory at %s", dir);
	for (i = 0; i < ARRAY_LEN(subdirs) && rc == 0; i++)
		rc = read_dir_files(dir, subdirs[i], &files, &n, &cap, e);
	if (rc == 0)
		rc = lib_load_files(files, n, dir, out, report, e);
	for (i = 0; i < n; i++) {
		free((char *)files[i].name);
		free((char *)files[i].data);
	}
	free(files);
	return rc;
}

extern const struct named_file lib_builtin[];

const struct named_file *
lib_builtin_files(void)
{
	return lib_builtin;
}

int
lib_load_builtin(struct library **out, struct lib_report *report, struct err *e)
{
	size_t n = 0;

	while (lib_builtin[n].name)
		n++;
	return lib_load_files(lib_builtin, n, "built-in", out, report, e);
}

const struct lib_framework *
lib_framework_get(const struct library *lib, const char *id)
{
	return map_get(&lib->framework_index, id);
}

const struct lib_control *
lib_control_get(const struct lib_framework *fw, const char *id)
{
	return map_get(&fw->control_index, id);
}

const struct lib_safeguard *
lib_safeguard_get(const struct library *lib, const char *id)
{
	return map_get(&lib->safeguard_index, id);
}

const struct lib_attr *
lib_control_attr(const struct lib_control *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_attrs; i++)
		if (strcmp(c->attrs[i].def->name, name) == 0)
			return &c->attrs[i];
	return NULL;
}
