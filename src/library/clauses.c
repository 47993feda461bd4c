/*
 * clauses.c - the clause library (clauses/ID.yaml): the wording of the
 * Standard of Care Agreement and its addenda, one clause per file, every
 * version kept so that an issued document can be rebuilt word for word.
 *
 * Clauses are read after frameworks and services, which their conditions
 * name.  Both texts of each version are parsed as Mustache here, so a broken
 * tag is an authoring error with a file and line, never a failed document.
 */
#include <stdlib.h>

#include "docs/mustache.h"
#include "library/loader.h"

enum { MAX_CLAUSE_TEXT = 20000, MAX_CLAUSE_COND_DEPTH = 8 };

static const char *const part_names[] = {"customer_obligations", "msp_obligations",
	"disclaimer_of_warranties", "limitation_of_liability", "assumption_of_risk", "general",
	"none"};
static const char *const doc_names[] = {"agreement", "hipaa-baa", "pci-dss", "cmmc", "glba",
	"gdpr-dpa", "cyber-insurance", "risk-acceptance", "summary"};
static const char *const clause_op_names[] = {"always", "framework", "service", "declined",
	"all", "any", "not"};

const char *lib_part_name(enum lib_part p) { return p < LIB_PART__MAX ? part_names[p] : "?"; }
const char *lib_doc_name(enum lib_doc d) { return d < LIB_DOC__MAX ? doc_names[d] : "?"; }

int
lib_doc_parse(const char *name)
{
	for (int i = 0; i < LIB_DOC__MAX; i++)
		if (strcmp(name, doc_names[i]) == 0)
			return i;
	return -1;
}

const struct lib_clause *
lib_clause_get(const struct library *lib, const char *id)
{
	return map_get(&lib->clause_index, id);
}

const struct lib_clause_version *
lib_clause_version(const struct lib_clause *c, int64_t v)
{
	if (c->n_versions == 0)
		return NULL;
	if (v == 0)
		return &c->versions[c->n_versions - 1];
	for (size_t i = 0; i < c->n_versions; i++)
		if (c->versions[i].version == v)
			return &c->versions[i];
	return NULL;
}

bool
lib_clause_cond_holds(const struct lib_clause_cond *c, const struct lib_clause_facts *f)
{
	size_t i;

	if (!c)
		return true;
	switch (c->op) {
	case LIB_CLAUSE_ALWAYS: return true;
	case LIB_CLAUSE_FRAMEWORK:
		for (i = 0; i < f->n_frameworks; i++)
			if (f->frameworks[i] == c->framework)
				return true;
		return false;
	case LIB_CLAUSE_SERVICE:
		/* By id: an MSP's own version of a library service counts as it. */
		for (i = 0; i < f->n_services; i++)
			if (strcmp(f->services[i]->id, c->service->id) == 0)
				return true;
		return false;
	case LIB_CLAUSE_DECLINED: return f->declined;
	case LIB_CLAUSE_ALL:
		for (i = 0; i < c->n_children; i++)
			if (!lib_clause_cond_holds(c->children[i], f))
				return false;
		return true;
	case LIB_CLAUSE_ANY:
		for (i = 0; i < c->n_children; i++)
			if (lib_clause_cond_holds(c->children[i], f))
				return true;
		return false;
	case LIB_CLAUSE_NOT: return !lib_clause_cond_holds(c->children[0], f);
	default: return false;
	}
}

/* A condition: a mapping with one key, the operator. */
static const struct lib_clause_cond *
read_cond(struct loader *L, struct fy_node *n, int depth)
{
	struct fy_node_pair *pair;
	struct fy_node *arg, *item;
	struct lib_clause_cond *c;
	const char *op, *id;
	void *iter = NULL;
	long count;
	int k;

	if (depth > MAX_CLAUSE_COND_DEPTH) {
		ld_diag(L, ld_line(n, 0), "conditions nest deeper than %d", MAX_CLAUSE_COND_DEPTH);
		return NULL;
	}
	if (fy_node_is_alias(n) || fy_node_get_type(n) != FYNT_MAPPING ||
	    fy_node_mapping_item_count(n) != 1) {
		ld_diag(L, ld_line(n, 0), "a clause condition is a mapping with one key, such as "
			"{framework: hipaa-security} or {any: [...]}");
		return NULL;
	}
	pair = fy_node_mapping_iterate(n, &iter);
	op = fy_node_get_scalar0(fy_node_pair_key(pair));
	arg = fy_node_pair_value(pair);
	if (!op || (k = ld_name_index(op, clause_op_names, LIB_CLAUSE__MAX)) < 0) {
		ld_diag(L, ld_line(n, 0), "unknown clause condition '%.64s'; use always, framework, "
			"service, declined, all, any or not", op ? op : "");
		return NULL;
	}
	if (!arg) {
		ld_diag(L, ld_line(n, 0), "'%s' has no value", op);
		return NULL;
	}
	c = arena_alloc(L->a, sizeof(*c));
	c->op = (enum lib_clause_op)k;
	switch (c->op) {
	case LIB_CLAUSE_ALWAYS:
	case LIB_CLAUSE_DECLINED: {
		bool yes;

		if (ld_bool(L, arg, op, &yes) < 0)
			return NULL;
		if (!yes) {
			ld_diag(L, ld_line(arg, 0), "'%s' takes true; write {not: {%s: true}} for "
				"the opposite", op, op);
			return NULL;
		}
		return c;
	}
	case LIB_CLAUSE_FRAMEWORK:
		if (!(id = ld_text(L, arg, op, 64)))
			return NULL;
		if (!(c->framework = lib_framework_get(L->lib, id))) {
			ld_diag(L, ld_line(arg, 0), "unknown framework '%.64s'", id);
			return NULL;
		}
		return c;
	case LIB_CLAUSE_SERVICE:
		if (!(id = ld_text(L, arg, op, 64)))
			return NULL;
		if (!(c->service = lib_service_get(L->lib, id))) {
			ld_diag(L, ld_line(arg, 0), "unknown service '%.64s'", id);
			return NULL;
		}
		return c;
	case LIB_CLAUSE_NOT: {
		const struct lib_clause_cond **kids = arena_alloc(L->a, sizeof(*kids));

		if (!(kids[0] = read_cond(L, arg, depth + 1)))
			return NULL;
		c->children = kids;
		c->n_children = 1;
		return c;
	}
	default: { /* all, any */
		const struct lib_clause_cond **kids;

		if ((count = ld_list_len(L, arg, op)) <= 0) {
			if (count == 0)
				ld_diag(L, ld_line(arg, 0), "'%s' needs at least one condition", op);
			return NULL;
		}
		kids = arena_array(L->a, (size_t)count, sizeof(*kids));
		iter = NULL;
		while ((item = fy_node_sequence_iterate(arg, &iter)) != NULL)
			if (!(kids[c->n_children++] = read_cond(L, item, depth + 1)))
				return NULL;
		c->children = kids;
		return c;
	}
	}
}

/* A clause text: UTF-8 within the limit, and a Mustache template that parses.
 * The parser's "line N" is within the text; the report gives the file's line. */
static const char *
read_text(struct loader *L, struct fy_node *n, const char *key)
{
	struct doc_template *t;
	struct err e = {0};
	const char *s = ld_text(L, n, key, MAX_CLAUSE_TEXT);
	unsigned line;

	if (!s)
		return NULL;
	if (doc_template_parse(s, strlen(s), &t, &e) < 0) {
		/* The node's line is that of the text's first line, block scalars
		 * included. */
		int base = ld_line(n, 0);

		if (sscanf(e.msg, "line %u:", &line) == 1 && line > 0 && base > 0)
			ld_diag(L, base + (int)line - 1, "'%s' is not a valid template: %s", key,
				strchr(e.msg, ':') + 2);
		else
			ld_diag(L, base, "'%s' is not a valid template: %s", key, e.msg);
		return NULL;
	}
	doc_template_free(t);
	return s;
}

/* A version of a clause; plain_required is false only in the summary. */
static bool
read_version(struct loader *L, struct fy_node *item, int fallback, bool plain_required,
	     struct lib_clause_version *out)
{
	const struct ld_field fields[] = {{"version", true}, {"legal", true},
		{"plain", plain_required}};
	struct fy_node *v[ARRAY_LEN(fields)];

	memset(out, 0, sizeof(*out));
	out->line = ld_line(item, fallback);
	if (!ld_fields(L, item, "a clause version", fields, ARRAY_LEN(fields), v, fallback) ||
	    !v[0] || !v[1] || (plain_required && !v[2]))
		return false;
	if (ld_int(L, v[0], "version", &out->version) < 0)
		return false;
	if (out->version < 1) {
		ld_diag(L, ld_line(v[0], 0), "a clause version is a whole number from 1");
		return false;
	}
	out->legal = read_text(L, v[1], "legal");
	out->plain = v[2] ? read_text(L, v[2], "plain") : NULL;
	return out->legal && (out->plain || !v[2]);
}

void
ld_clause(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"id", true}, {"title", true}, {"part", false},
		{"order", true}, {"initials", true}, {"when", false}, {"versions", true},
		{"document", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_clause *cl = &L->clauses[L->lib->n_clauses];
	struct lib_clause_version *versions;
	void *iter = NULL;
	long count;
	int k = 0;
	bool ok = true;

	memset(cl, 0, sizeof(*cl));
	cl->file = L->file;
	cl->line = 1;
	if (!ld_fields(L, root, "a clause file", fields, ARRAY_LEN(fields), v, 1) || !v[0])
		return;
	if (!(cl->id = ld_file_id(L, v[0], "clause")))
		return;
	if (v[1] && !(cl->title = ld_text(L, v[1], "title", 200)))
		ok = false;
	if (v[7] && (k = ld_enum(L, v[7], "document", doc_names, LIB_DOC__MAX)) < 0)
		ok = false;
	cl->document = v[7] && k >= 0 ? (enum lib_doc)k : LIB_DOC_AGREEMENT;
	/* Only the agreement has parts. */
	cl->part = LIB_PART_NONE;
	if (cl->document == LIB_DOC_AGREEMENT && !v[2]) {
		ld_diag(L, ld_line(root, 1), "clause %s: an agreement clause needs 'part'", cl->id);
		ok = false;
	} else if (cl->document != LIB_DOC_AGREEMENT && v[2]) {
		ld_diag(L, ld_line(v[2], 1), "clause %s: only agreement clauses have a 'part'; "
			"this one belongs to the %s document", cl->id, doc_names[cl->document]);
		ok = false;
	} else if (v[2] && (k = ld_enum(L, v[2], "part", part_names, LIB_PART_NONE)) >= 0) {
		cl->part = (enum lib_part)k;
	} else if (v[2]) {
		ok = false;
	}
	if (!v[3] || ld_int(L, v[3], "order", &cl->order) < 0)
		ok = false;
	if (!v[4] || ld_bool(L, v[4], "initials", &cl->initials) < 0)
		ok = false;
	if (v[5] && !(cl->when = read_cond(L, v[5], 0)))
		ok = false;
	if (v[6] && (count = ld_list_len(L, v[6], "versions")) >= 0) {
		if (count == 0) {
			ld_diag(L, ld_line(v[6], 0), "a clause needs at least one version");
			ok = false;
		}
		versions = arena_array(L->a, (size_t)count + 1, sizeof(*versions));
		cl->versions = versions;
		while ((item = fy_node_sequence_iterate(v[6], &iter)) != NULL) {
			struct lib_clause_version *x = &versions[cl->n_versions];

			if (!read_version(L, item, ld_line(v[6], 1),
					  cl->document != LIB_DOC_SUMMARY, x)) {
				ok = false;
				continue;
			}
			/* Versions are listed oldest first, numbered 1, 2, 3 ... */
			if (x->version != (int64_t)cl->n_versions + 1) {
				ld_diag(L, x->line, "clause %s: version %lld where %zu was expected; "
					"versions are numbered 1, 2, 3 ... oldest first, and none is ever "
					"removed", cl->id, (long long)x->version, cl->n_versions + 1);
				ok = false;
				continue;
			}
			cl->n_versions++;
		}
	} else {
		ok = false;
	}
	if (ok)
		L->lib->n_clauses++;
}

static int
by_part_order_id(const void *pa, const void *pb)
{
	const struct lib_clause *a = pa, *b = pb;

	if (a->document != b->document)
		return a->document < b->document ? -1 : 1;
	if (a->part != b->part)
		return a->part < b->part ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Sort the clauses by document, then into agreement order, and index them. */
void
ld_clauses_finish(struct loader *L)
{
	struct library *lib = L->lib;
	const struct lib_clause *first;

	qsort(L->clauses, lib->n_clauses, sizeof(*L->clauses), by_part_order_id);
	for (size_t i = 0; i < lib->n_clauses; i++) {
		const struct lib_clause *cl = &L->clauses[i];

		/* Possible only as clauses/x.yaml beside clauses/x.yml. */
		if ((first = map_put(&lib->clause_index, cl->id, (void *)cl)) != NULL) {
			L->file = cl->file;
			ld_diag(L, cl->line, "clause %s is also defined in %s", cl->id, first->file);
		}
	}
	lib->clauses = L->clauses;
}
