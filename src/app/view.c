/*
 * view.c - what the CLI and the web application both load for a client: its
 * current profile, obligations (with the MSP's floor policy), the service
 * catalogue, its recorded changes and its responsibility matrix.
 */
#include "app/app.h"

struct catalogue_ctx {
	struct arena *arena;
	struct err *e;
	const struct library *lib;
	const struct lib_service **items;
	size_t n, cap;
	int rc;
};

static int
catalogue_add(const struct store_record *r, void *arg)
{
	struct catalogue_ctx *x = arg;
	struct eng_problems problems;
	const struct lib_service *svc;
	json_error_t je;
	json_t *def = json_loads(r->data, 0, &je);
	size_t i;

	if (!def || eng_service_from_json(x->lib, def, x->arena, &svc, &problems) < 0) {
		json_decref(def);
		return x->rc = err_set(x->e, ERR_INPUT, "the MSP's service %s (version %d) "
				       "no longer fits the library: %s", r->id, r->version,
				       problems.n_lines ? problems.lines[0] : "not JSON");
	}
	json_decref(def);
	for (i = 0; i < x->n && strcmp(x->items[i]->id, svc->id) != 0; i++)
		;
	if (i == x->n) {
		if (x->n == x->cap) {
			const struct lib_service **grown;

			x->cap = x->cap ? x->cap * 2 : 32;
			grown = arena_array(x->arena, x->cap, sizeof(*grown));
			if (x->n)
				memcpy(grown, x->items, x->n * sizeof(*grown));
			x->items = grown;
		}
		x->n++;
	}
	x->items[i] = svc;
	return 0;
}

int
app_catalogue(struct store *db, const struct library *lib, const char *tenant_id,
	      struct arena *arena, const struct lib_service ***out, size_t *n, struct err *e)
{
	struct catalogue_ctx x = {arena, e, lib, NULL, 0, 0, 0};
	int rc;

	x.cap = lib->n_services + 8;
	x.items = arena_array(arena, x.cap, sizeof(*x.items));
	for (size_t i = 0; i < lib->n_services; i++)
		x.items[x.n++] = &lib->services[i];
	rc = store_service_each(db, tenant_id, catalogue_add, &x, e);
	*out = x.items;
	*n = x.n;
	return rc < 0 ? rc : x.rc;
}

struct replay_ctx {
	struct arena *arena;
	struct err *e;
	struct eng_state *state;
};

static int
replay_change(const struct store_change *ch, void *arg)
{
	struct replay_ctx *x = arg;

	if (eng_state_apply(x->state, x->arena, ch->kind, ch->subject, ch->data, ch->created_at,
			    ch->created_by) < 0)
		return err_set(x->e, ERR_INTERNAL, "change %d (%s) cannot be read", ch->seq,
			       ch->kind);
	return 0;
}

int
app_client_view(struct store *db, const struct library *lib, const char *tenant_id,
		const char *client, struct arena *arena, struct app_client_view *v, struct err *e)
{
	struct store_profile cur = {0};
	struct store_record policy = {0};
	struct eng_problems problems;
	struct replay_ctx rx = {arena, e, &v->state};
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = store_client_get(db, tenant_id, client, &v->client, e)) < 0 ||
	    (rc = store_profile_current(db, &v->client, &cur, e)) < 0)
		goto done;
	if ((rc = eng_answers_parse(cur.answers, strlen(cur.answers), &v->answers, e)) < 0)
		goto done;
	if (eng_profile_check(lib, v->answers, arena, &problems) > 0) {
		rc = err_set(e, ERR_INPUT, "%s's intake answers no longer fit the questionnaire "
			     "(%s); run 'prudent intake %s'", v->client.slug, problems.lines[0],
			     v->client.slug);
		goto done;
	}
	rc = store_policy_current(db, tenant_id, &policy, e);
	if (rc == 0) {
		struct eng_floor *floor;
		size_t n_floor;
		json_error_t je;
		json_t *list = json_loads(policy.data, 0, &je);

		rc = eng_floor_parse(lib, list, arena, &floor, &n_floor, e);
		json_decref(list);
		if (rc < 0)
			goto done;
		v->policy_version = policy.version;
		eng_obligations_policy(lib, v->answers, floor, n_floor,
				       arena_printf(arena, "The MSP's standard of care for every "
						    "client (policy version %d)", policy.version),
				       arena, &v->obligations);
	} else if (rc == ERR_NOTFOUND) {
		eng_obligations(lib, v->answers, arena, &v->obligations);
	} else {
		goto done;
	}
	if ((rc = app_catalogue(db, lib, tenant_id, arena, &v->catalogue, &v->n_catalogue, e)) < 0 ||
	    (rc = store_change_each(db, &v->client, replay_change, &rx, e)) < 0)
		goto done;
	eng_matrix_build(lib, &v->obligations, v->catalogue, v->n_catalogue, &v->state, arena,
			 &v->matrix);
	rc = 0;
done:
	store_profile_clear(&cur);
	store_record_clear(&policy);
	return rc;
}

void
app_client_view_free(struct app_client_view *v)
{
	json_decref(v->answers);
	eng_state_free(&v->state);
	memset(v, 0, sizeof(*v));
}
