/*
 * crosswalk.c - what the library implies between frameworks: coverage of a
 * framework by safeguards, and the control-to-control crosswalk that shared
 * safeguards imply ("answer once, comply many").
 *
 * Relationships compose as in NIST IR 8477's set-theory model.  The crosswalk
 * is derived, never authored: change a safeguard's mappings and every
 * crosswalk through it changes with them.
 */
#include <stdlib.h>

#include "library/lib.h"

void
lib_coverage(const struct lib_framework *fw, struct arena *arena, struct lib_coverage *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->unmapped = arena_array(arena, fw->n_assessable + 1, sizeof(*out->unmapped));
	for (i = 0; i < fw->n_controls; i++) {
		const struct lib_control *c = &fw->controls[i];

		if (!c->assessable)
			continue;
		out->assessable++;
		if (c->n_mapped_by)
			out->mapped++;
		else
			out->unmapped[out->n_unmapped++] = c;
	}
}

enum lib_rel
lib_rel_inverse(enum lib_rel r)
{
	if (r == LIB_REL_SUBSET)
		return LIB_REL_SUPERSET;
	if (r == LIB_REL_SUPERSET)
		return LIB_REL_SUBSET;
	return r;
}

enum lib_rel
lib_rel_compose(enum lib_rel a, enum lib_rel b)
{
	if (a == LIB_REL_EQUAL)
		return b;
	if (b == LIB_REL_EQUAL)
		return a;
	if (a == b && (a == LIB_REL_SUBSET || a == LIB_REL_SUPERSET))
		return a;
	return LIB_REL_INTERSECTS;
}

/* Fold the relation of one more path into a pair's relation so far. */
static enum lib_rel
combine_paths(enum lib_rel so_far, enum lib_rel path)
{
	if (so_far == LIB_REL_EQUAL || path == LIB_REL_EQUAL)
		return LIB_REL_EQUAL;
	return so_far == path ? so_far : LIB_REL_INTERSECTS;
}

/* A pair being built, with its safeguards in a growable array. */
struct pair_acc {
	struct lib_pair pair;
	size_t cap_via;
	size_t order; /* position of `from`, then `to`, for sorting */
};

struct crosswalk_ctx {
	struct arena *arena;
	struct map index; /* "from\x1fto" -> struct pair_acc */
	struct pair_acc **pairs;
	size_t n_pairs, cap_pairs;
	const struct lib_framework *from_fw, *to_fw;
};

static size_t
control_index(const struct lib_control *c)
{
	return (size_t)(c - c->framework->controls);
}

static struct pair_acc *
pair_get(struct crosswalk_ctx *x, const struct lib_control *a, const struct lib_control *b,
	 enum lib_rel rel)
{
	const char *key = arena_printf(x->arena, "%zu\x1f%zu", control_index(a), control_index(b));
	struct pair_acc *p = map_get(&x->index, key);

	if (p) {
		p->pair.relationship = combine_paths(p->pair.relationship, rel);
		return p;
	}
	p = arena_alloc(x->arena, sizeof(*p));
	p->pair.from = a;
	p->pair.to = b;
	p->pair.relationship = rel;
	p->order = control_index(a) * (b->framework->n_controls + 1) + control_index(b);
	map_put(&x->index, key, p);
	if (x->n_pairs == x->cap_pairs) {
		x->cap_pairs = x->cap_pairs ? x->cap_pairs * 2 : 64;
		x->pairs = xrealloc(x->pairs, size_mul_add(x->cap_pairs, sizeof(*x->pairs), 0));
	}
	x->pairs[x->n_pairs++] = p;
	return p;
}

static void
add_via(struct crosswalk_ctx *x, struct pair_acc *p, const struct lib_safeguard *sg)
{
	const struct lib_safeguard **grown;
	size_t i;

	for (i = 0; i < p->pair.n_via; i++)
		if (p->pair.via[i] == sg)
			return;
	if (p->pair.n_via == p->cap_via) {
		p->cap_via = p->cap_via ? p->cap_via * 2 : 4;
		grown = arena_array(x->arena, p->cap_via, sizeof(*grown));
		if (p->pair.n_via)
			memcpy(grown, p->pair.via, p->pair.n_via * sizeof(*grown));
		p->pair.via = grown;
	}
	p->pair.via[p->pair.n_via++] = sg;
}

/* The mappings of one safeguard into the `to` framework, as a list. */
struct to_entry {
	const struct lib_mapping *m;
	struct to_entry *next;
};

static int
by_order(const void *a, const void *b)
{
	const struct pair_acc *x = *(struct pair_acc *const *)a, *y = *(struct pair_acc *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

static int
by_safeguard_id(const void *a, const void *b)
{
	return strcmp((*(const struct lib_safeguard *const *)a)->id,
		      (*(const struct lib_safeguard *const *)b)->id);
}

size_t
lib_crosswalk(const struct library *lib, const struct lib_framework *from,
	      const struct lib_framework *to, struct arena *arena, const struct lib_pair **out)
{
	struct crosswalk_ctx x = {0};
	struct lib_pair *result;
	struct map by_safeguard = {0}; /* safeguard id -> its mappings into `to` (a list) */
	size_t i, j, k;

	x.arena = arena;
	x.from_fw = from;
	x.to_fw = to;

	/* Index the mappings into `to` by safeguard, as singly linked lists. */
	for (i = 0; i < to->n_controls; i++)
		for (j = 0; j < to->controls[i].n_mapped_by; j++) {
			const struct lib_mapping *m = to->controls[i].mapped_by[j];
			struct to_entry *e = arena_alloc(arena, sizeof(*e));

			e->m = m;
			e->next = map_get(&by_safeguard, m->safeguard->id);
			map_put(&by_safeguard, m->safeguard->id, e);
		}

	for (i = 0; i < from->n_controls; i++) {
		const struct lib_control *a = &from->controls[i];

		for (j = 0; j < a->n_mapped_by; j++) {
			const struct lib_mapping *m1 = a->mapped_by[j];
			struct to_entry *e;

			for (e = map_get(&by_safeguard, m1->safeguard->id); e; e = e->next) {
				enum lib_rel rel = lib_rel_compose(lib_rel_inverse(m1->relationship),
								   e->m->relationship);

				add_via(&x, pair_get(&x, a, e->m->control, rel), m1->safeguard);
			}
		}
	}
	/* Links written in crosswalk files, in either direction. */
	for (k = 0; k < lib->n_links; k++) {
		const struct lib_link *l = &lib->links[k];
		struct pair_acc *p;

		if (l->from->framework == from && l->to->framework == to)
			p = pair_get(&x, l->from, l->to, l->relationship);
		else if (l->from->framework == to && l->to->framework == from)
			p = pair_get(&x, l->to, l->from, lib_rel_inverse(l->relationship));
		else
			continue;
		/* A published link states the relation; it overrides what
		 * safeguards imply. */
		p->pair.relationship = l->from->framework == from ? l->relationship
								   : lib_rel_inverse(l->relationship);
		p->pair.link = l;
	}

	if (x.n_pairs)
		qsort(x.pairs, x.n_pairs, sizeof(*x.pairs), by_order);
	result = arena_array(arena, x.n_pairs + 1, sizeof(*result));
	for (i = 0; i < x.n_pairs; i++) {
		result[i] = x.pairs[i]->pair;
		if (result[i].n_via > 1)
			qsort(result[i].via, result[i].n_via, sizeof(*result[i].via), by_safeguard_id);
	}
	k = x.n_pairs;
	free(x.pairs);
	map_free(&x.index);
	map_free(&by_safeguard);
	*out = result;
	return k;
}
