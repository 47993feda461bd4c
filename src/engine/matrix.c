/*
 * matrix.c - the client's baseline and responsibility matrix.
 *
 * Baseline: for every obligation, the framework's controls in scope for its
 * variant (CIS IG1, CMMC Level 2, GLBA small entity, ...), and every safeguard
 * mapped to one of them; `must` when a must obligation needs it.
 *
 * Responsibility, in order of precedence, for each safeguard:
 *   1. tailored not applicable (with its reason);
 *   2. declined by the customer (the latest decision), flagged when a law or
 *      contract requires it: declining does not remove the duty;
 *   3. an explicit assignment (msp, customer, shared with the split, a named
 *      third party);
 *   4. the client's subscribed services that cover it (msp beats shared);
 *   5. otherwise the customer, with the services that would cover it.
 */
#include <stdlib.h>

#include "engine/eng.h"

static const char *const owner_names[ENG_OWNER__MAX] = {
	"msp", "customer", "shared", "third_party", "declined", "not_applicable"};
static const char *const decision_names[ENG_DECISION__MAX] = {"accept", "decline", "defer"};

const char *
eng_owner_name(enum eng_owner o)
{
	return o < ENG_OWNER__MAX ? owner_names[o] : "?";
}

int
eng_owner_parse(const char *s)
{
	if (strcmp(s, "third-party") == 0)
		return ENG_OWNER_THIRD_PARTY;
	for (int i = 0; i < ENG_OWNER__MAX; i++)
		if (strcmp(s, owner_names[i]) == 0)
			return i;
	return -1;
}

const char *
eng_decision_name(enum eng_decision_kind k)
{
	return k < ENG_DECISION__MAX ? decision_names[k] : "?";
}

/* ------------------------------------------------------------- state */

static const char *
dup_field(struct arena *a, json_t *data, const char *key)
{
	const char *s = json_string_value(json_object_get(data, key));

	return s ? arena_strdup(a, s) : NULL;
}

static struct eng_settings *
settings_for(struct eng_state *st, struct arena *a, const char *safeguard)
{
	struct eng_settings *s = map_get(&st->settings, safeguard);

	if (!s) {
		s = arena_alloc(a, sizeof(*s));
		map_put(&st->settings, arena_strdup(a, safeguard), s);
	}
	return s;
}

int
eng_state_apply(struct eng_state *st, struct arena *a, const char *kind, const char *subject,
		const char *data, const char *at, const char *by)
{
	json_error_t je;
	json_t *d = json_loads(data, 0, &je);
	struct eng_settings *s;
	size_t i;
	int k, rc = 0;

	if (!json_is_object(d)) {
		json_decref(d);
		return ERR_INPUT;
	}
	if (strcmp(kind, "subscribe") == 0 || strcmp(kind, "unsubscribe") == 0) {
		for (i = 0; i < st->n_subscriptions && strcmp(st->subscriptions[i], subject); i++)
			;
		if (kind[0] == 's' && i == st->n_subscriptions) {
			if (st->n_subscriptions == st->cap_subscriptions) {
				const char **grown;

				st->cap_subscriptions = st->cap_subscriptions ? st->cap_subscriptions * 2 : 8;
				grown = arena_array(a, st->cap_subscriptions, sizeof(*grown));
				if (st->n_subscriptions)
					memcpy(grown, st->subscriptions,
					       st->n_subscriptions * sizeof(*grown));
				st->subscriptions = grown;
			}
			st->subscriptions[st->n_subscriptions++] = arena_strdup(a, subject);
		} else if (kind[0] == 'u' && i < st->n_subscriptions) {
			memmove(&st->subscriptions[i], &st->subscriptions[i + 1],
				(st->n_subscriptions - i - 1) * sizeof(*st->subscriptions));
			st->n_subscriptions--;
		}
	} else if (strcmp(kind, "assign") == 0) {
		s = settings_for(st, a, subject);
		if ((k = eng_owner_parse(json_string_value(json_object_get(d, "owner")) ?
					 json_string_value(json_object_get(d, "owner")) : "")) < 0) {
			rc = ERR_INPUT;
		} else {
			s->assigned = true;
			s->owner = (enum eng_owner)k;
			s->party = dup_field(a, d, "party");
			s->msp_part = dup_field(a, d, "msp_part");
			s->customer_part = dup_field(a, d, "customer_part");
			s->note = dup_field(a, d, "note");
		}
	} else if (strcmp(kind, "decide") == 0) {
		struct eng_decision *dec = arena_alloc(a, sizeof(*dec));
		const char *name = json_string_value(json_object_get(d, "decision"));

		for (k = 0; k < ENG_DECISION__MAX && (!name || strcmp(name, decision_names[k])); k++)
			;
		if (k == ENG_DECISION__MAX) {
			rc = ERR_INPUT;
		} else {
			dec->kind = (enum eng_decision_kind)k;
			dec->by = dup_field(a, d, "by");
			dec->reason = dup_field(a, d, "reason");
			dec->until = dup_field(a, d, "until");
			dec->at = arena_strdup(a, at);
			dec->recorded_by = arena_strdup(a, by);
			settings_for(st, a, subject)->decision = dec;
		}
	} else if (strcmp(kind, "tailor") == 0) {
		s = settings_for(st, a, subject);
		s->not_applicable = json_is_true(json_object_get(d, "not_applicable"));
		s->na_reason = dup_field(a, d, "reason");
		s->na_condition = dup_field(a, d, "condition");
	} else {
		rc = ERR_INPUT;
	}
	json_decref(d);
	return rc;
}

void
eng_state_free(struct eng_state *st)
{
	map_free(&st->settings);
}

const struct eng_settings *
eng_state_get(const struct eng_state *st, const char *safeguard)
{
	return map_get(&st->settings, safeguard);
}

/* ----------------------------------------------------------- services */

int
eng_service_from_json(const struct library *lib, json_t *def, struct arena *a,
		      const struct lib_service **out, struct eng_problems *problems)
{
	struct lib_service *svc = arena_alloc(a, sizeof(*svc));
	struct lib_service_cover *covers;
	json_t *list = json_object_get(def, "covers"), *item;
	size_t i, bad = 0;

	memset(problems, 0, sizeof(*problems));
#define PROBLEM(...) do { \
		struct str s_ = STR_INIT; \
		str_appendf(&s_, __VA_ARGS__); \
		if (problems->n_lines == problems->cap) { \
			const char **g_ = arena_array(a, problems->cap = problems->cap ? problems->cap * 2 : 8, \
						      sizeof(*g_)); \
			if (problems->n_lines) \
				memcpy(g_, problems->lines, problems->n_lines * sizeof(*g_)); \
			problems->lines = g_; \
		} \
		problems->lines[problems->n_lines++] = arena_strdup(a, str_cstr(&s_)); \
		str_free(&s_); \
		bad++; \
	} while (0)
	svc->id = dup_field(a, def, "id");
	svc->name = dup_field(a, def, "name");
	svc->description = dup_field(a, def, "description");
	svc->file = "the MSP's catalogue";
	if (!svc->id || !svc->name || !svc->description)
		PROBLEM("a service needs 'id', 'name' and 'description' (text)");
	if (!json_is_array(list))
		PROBLEM("a service needs 'covers', a list of {safeguard, coverage}");
	covers = arena_array(a, json_array_size(list) + 1, sizeof(*covers));
	json_array_foreach(list, i, item) {
		const char *sg = json_string_value(json_object_get(item, "safeguard"));
		const char *coverage = json_string_value(json_object_get(item, "coverage"));
		struct lib_service_cover *c = &covers[svc->n_covers];

		if (!sg || !(c->safeguard = lib_safeguard_get(lib, sg))) {
			PROBLEM("covers item %zu: unknown safeguard '%.64s'", i + 1, sg ? sg : "");
			continue;
		}
		if (!coverage || (strcmp(coverage, "msp") && strcmp(coverage, "shared"))) {
			PROBLEM("covers item %zu: 'coverage' must be msp or shared", i + 1);
			continue;
		}
		c->shared = coverage[0] == 's';
		c->msp_part = dup_field(a, item, "msp_part");
		c->customer_part = dup_field(a, item, "customer_part");
		if (c->shared && (!c->msp_part || !c->customer_part)) {
			PROBLEM("covers item %zu (%s): shared coverage needs msp_part and customer_part",
				i + 1, sg);
			continue;
		}
		svc->n_covers++;
	}
#undef PROBLEM
	svc->covers = covers;
	*out = svc;
	return bad ? ERR_INPUT : 0;
}

/* -------------------------------------------------------------- build */

static void
push_ptr(const void ***list, size_t *n, size_t *cap, const void *p, struct arena *a)
{
	for (size_t i = 0; i < *n; i++)
		if ((*list)[i] == p)
			return;
	if (*n == *cap) {
		const void **grown;

		*cap = *cap ? *cap * 2 : 4;
		grown = arena_array(a, *cap, sizeof(*grown));
		if (*n)
			memcpy(grown, *list, *n * sizeof(*grown));
		*list = grown;
	}
	(*list)[(*n)++] = p;
}

static void
push_reason(struct eng_row *r, const char *s, struct arena *a)
{
	for (size_t i = 0; i < r->n_reasons; i++)
		if (strcmp(r->reasons[i], s) == 0)
			return;
	push_ptr((const void ***)&r->reasons, &r->n_reasons, &r->cap_reasons, s, a);
}

static int
by_must_then_id(const void *pa, const void *pb)
{
	const struct eng_row *a = pa, *b = pb;

	if (a->must != b->must)
		return a->must ? -1 : 1;
	return strcmp(a->safeguard->id, b->safeguard->id);
}

/* Decide a row's owner from the client's settings and services. */
static void
assign_owner(struct eng_row *r, const struct lib_service *const *catalogue, size_t n_catalogue,
	     const struct eng_state *state, struct arena *a)
{
	const struct eng_settings *s = eng_state_get(state, r->safeguard->id);
	const struct lib_service *best = NULL;
	const struct lib_service_cover *best_cover = NULL;

	if (s) {
		r->decision = s->decision;
		r->note = s->note;
	}
	if (s && s->not_applicable) {
		r->owner = ENG_OWNER_NOT_APPLICABLE;
		r->na_reason = s->na_reason;
		return;
	}
	if (s && s->decision && s->decision->kind == ENG_DECLINE) {
		r->owner = ENG_OWNER_DECLINED;
		r->flagged = r->must;
		return;
	}
	if (s && s->assigned) {
		r->owner = s->owner;
		r->third_party = s->party;
		r->msp_part = s->msp_part;
		r->customer_part = s->customer_part;
		return;
	}
	for (size_t i = 0; i < n_catalogue; i++) {
		const struct lib_service *svc = catalogue[i];
		bool subscribed = false;

		for (size_t k = 0; k < state->n_subscriptions; k++)
			subscribed |= strcmp(state->subscriptions[k], svc->id) == 0;
		for (size_t k = 0; k < svc->n_covers; k++) {
			const struct lib_service_cover *c = &svc->covers[k];

			if (c->safeguard != r->safeguard)
				continue;
			if (!subscribed) {
				push_ptr((const void ***)&r->recommended, &r->n_recommended,
					 &r->cap_recommended, svc, a);
			} else if (!best_cover || (best_cover->shared && !c->shared)) {
				best = svc;
				best_cover = c;
			}
		}
	}
	if (best_cover) {
		r->owner = best_cover->shared ? ENG_OWNER_SHARED : ENG_OWNER_MSP;
		r->service = best;
		r->msp_part = best_cover->msp_part;
		r->customer_part = best_cover->customer_part;
		r->n_recommended = 0;
	} else {
		r->owner = ENG_OWNER_CUSTOMER;
	}
}

void
eng_matrix_build(const struct library *lib, const struct eng_result *obligations,
		 const struct lib_service *const *catalogue, size_t n_catalogue,
		 const struct eng_state *state, struct arena *a, struct eng_matrix *out)
{
	struct eng_row *rows = arena_array(a, lib->n_safeguards + 1, sizeof(*rows));
	struct map index = {0}; /* safeguard id -> row */
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	out->coverage = arena_array(a, obligations->n_obligations + 1, sizeof(*out->coverage));
	for (size_t o = 0; o < obligations->n_obligations; o++) {
		const struct eng_obligation *ob = &obligations->obligations[o];
		const struct lib_framework *fw = ob->framework;
		const char *reason = ob->must ? arena_printf(a, "Required by %s", fw->name)
					      : arena_printf(a, "Standard of care (%s)", fw->name);

		for (size_t i = 0; i < fw->n_controls; i++) {
			const struct lib_control *c = &fw->controls[i];

			if (!lib_control_in_scope(c, ob->variant, ob->n_variant))
				continue;
			for (size_t k = 0; k < c->n_mapped_by; k++) {
				const struct lib_safeguard *sg = c->mapped_by[k]->safeguard;
				struct eng_row *r = map_get(&index, sg->id);

				if (!r) {
					r = &rows[n++];
					r->safeguard = sg;
					map_put(&index, sg->id, r);
				}
				r->must |= ob->must;
				push_ptr((const void ***)&r->controls, &r->n_controls, &r->cap_controls, c, a);
				push_reason(r, reason, a);
			}
		}
	}
	map_free(&index);
	for (size_t i = 0; i < n; i++)
		assign_owner(&rows[i], catalogue, n_catalogue, state, a);
	if (n)
		qsort(rows, n, sizeof(*rows), by_must_then_id);
	out->rows = rows;
	out->n_rows = n;

	/* Coverage: an in-scope control is owned when one of its safeguards is
	 * carried by someone; declined or not applicable only when all are. */
	for (size_t o = 0; o < obligations->n_obligations; o++) {
		struct eng_coverage *cov = &out->coverage[out->n_coverage++];
		struct eng_control_row *view;
		size_t nv = eng_matrix_framework(out, &obligations->obligations[o], a, &view);

		cov->obligation = &obligations->obligations[o];
		cov->in_scope = nv;
		for (size_t i = 0; i < nv; i++) {
			if (view[i].owner == ENG_OWNER_DECLINED)
				cov->declined++;
			else if (view[i].owner == ENG_OWNER_NOT_APPLICABLE)
				cov->not_applicable++;
			else
				cov->owned++;
		}
	}
}

size_t
eng_matrix_framework(const struct eng_matrix *m, const struct eng_obligation *ob,
		     struct arena *a, struct eng_control_row **out)
{
	const struct lib_framework *fw = ob->framework;
	struct eng_control_row *view = arena_array(a, fw->n_assessable + 1, sizeof(*view));
	/* By control position: one pass over the rows fills every control's list. */
	struct eng_control_row **slot = arena_array(a, fw->n_controls + 1, sizeof(*slot));
	size_t n = 0;

	for (size_t i = 0; i < fw->n_controls; i++) {
		const struct lib_control *c = &fw->controls[i];

		if (!lib_control_in_scope(c, ob->variant, ob->n_variant))
			continue;
		slot[i] = &view[n++];
		slot[i]->control = c;
		slot[i]->rows = arena_array(a, c->n_mapped_by + 1, sizeof(*slot[i]->rows));
	}
	for (size_t r = 0; r < m->n_rows; r++)
		for (size_t k = 0; k < m->rows[r].n_controls; k++) {
			const struct lib_control *c = m->rows[r].controls[k];
			struct eng_control_row *v;

			if (c->framework != fw || !(v = slot[c - fw->controls]))
				continue;
			if (v->n_rows == 0 || v->rows[v->n_rows - 1] != &m->rows[r])
				v->rows[v->n_rows++] = &m->rows[r];
		}
	for (size_t i = 0; i < n; i++) {
		struct eng_control_row *v = &view[i];
		bool carried = false, declined = false, first = true;

		/* Owners combine: the carried ones first; different ones are shared. */
		for (size_t r = 0; r < v->n_rows; r++) {
			enum eng_owner o = v->rows[r]->owner;

			if (o == ENG_OWNER_DECLINED) {
				declined = true;
				continue;
			}
			if (o == ENG_OWNER_NOT_APPLICABLE)
				continue;
			if (first)
				v->owner = o;
			else if (v->owner != o)
				v->owner = ENG_OWNER_SHARED;
			first = false;
			carried = true;
		}
		if (!carried)
			v->owner = declined ? ENG_OWNER_DECLINED : ENG_OWNER_NOT_APPLICABLE;
	}
	*out = view;
	return n;
}
