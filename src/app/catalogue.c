/*
 * catalogue.c - the MSP's services and its standard-of-care floor: their
 * definitions as JSON, checked against the library and stored as versions,
 * for the CLI and the web application alike.
 */
#include <stdlib.h>

#include "app/app.h"

json_t *
app_service_json(const struct lib_service *s, const char *origin)
{
	json_t *o = json_object(), *covers = json_array();

	json_object_set_new(o, "id", json_string(s->id));
	json_object_set_new(o, "name", json_string(s->name));
	json_object_set_new(o, "description", json_string(s->description));
	if (origin)
		json_object_set_new(o, "origin", json_string(origin));
	for (size_t i = 0; i < s->n_covers; i++) {
		const struct lib_service_cover *c = &s->covers[i];
		json_t *x = json_object();

		json_object_set_new(x, "safeguard", json_string(c->safeguard->id));
		json_object_set_new(x, "coverage", json_string(c->shared ? "shared" : "msp"));
		if (c->shared) {
			json_object_set_new(x, "msp_part", json_string(c->msp_part));
			json_object_set_new(x, "customer_part", json_string(c->customer_part));
		}
		json_array_append_new(covers, x);
	}
	json_object_set_new(o, "covers", covers);
	return o;
}

int
app_service_save(struct store *db, const struct library *lib, const char *tenant_id,
		 const char *id, json_t *def, const char *by, struct arena *arena,
		 struct eng_problems *problems, int *version, size_t *n_covers, struct err *e)
{
	const struct lib_service *svc;
	char *text;
	int rc;

	json_object_set_new(def, "id", json_string(id));
	json_object_del(def, "origin");
	if (eng_service_from_json(lib, def, arena, &svc, problems) < 0)
		return err_set(e, ERR_INPUT, "the service definition has %zu problem%s; nothing was "
			       "saved", problems->n_lines, problems->n_lines == 1 ? "" : "s");
	text = json_dumps(def, JSON_COMPACT | JSON_SORT_KEYS);
	rc = store_service_add(db, tenant_id, id, text, by, version, e);
	free(text);
	*n_covers = svc->n_covers;
	return rc;
}

int
app_floor_from_specs(const struct library *lib, const char *const *specs, size_t n,
		     struct arena *arena, json_t **out, size_t *n_frameworks, struct err *e)
{
	json_t *floor = json_array();
	struct eng_floor *parsed;
	int rc;

	for (size_t i = 0; i < n; i++) {
		char *spec = arena_strdup(arena, specs[i]), *colon = strchr(spec, ':'), *save = NULL;
		json_t *variant = json_object();

		if (colon) {
			*colon = '\0';
			for (char *kv = strtok_r(colon + 1, ",:", &save); kv;
			     kv = strtok_r(NULL, ",:", &save)) {
				char *eq = strchr(kv, '=');

				if (!eq || eq == kv || !eq[1]) {
					json_decref(variant);
					json_decref(floor);
					return err_set(e, ERR_INPUT, "'%.64s': a variant is KEY=VALUE, "
						       "such as ig=2", specs[i]);
				}
				*eq = '\0';
				json_object_set_new(variant, kv, json_string(eq + 1));
			}
		}
		json_array_append_new(floor, json_pack("{s:s,s:o}", "framework", spec, "variant",
						       variant));
	}
	if ((rc = eng_floor_parse(lib, floor, arena, &parsed, n_frameworks, e)) < 0) {
		json_decref(floor);
		return rc;
	}
	*out = floor;
	return 0;
}
