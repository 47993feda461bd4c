/*
 * services.c - the MSP service catalogue (services/ID.yaml), the conditions
 * under which a safeguard may be marked not applicable, and how an
 * obligation's variant narrows a framework to the controls in scope.
 *
 * A safeguard names the service that usually delivers it; services are read
 * after the safeguards (they list them), so that name is checked at the end:
 * the service must exist and must cover the safeguard.
 */
#include <stdlib.h>

#include "library/loader.h"

const struct lib_service *
lib_service_get(const struct library *lib, const char *id)
{
	return map_get(&lib->service_index, id);
}

static void
read_cover(struct loader *L, struct lib_service *svc, struct fy_node *item, int line,
	   struct lib_service_cover *out, bool *ok)
{
	static const struct ld_field fields[] = {{"safeguard", true}, {"coverage", true},
		{"msp_part", false}, {"customer_part", false}};
	static const char *const coverage_names[] = {"msp", "shared"};
	struct fy_node *v[ARRAY_LEN(fields)];
	const char *id;
	int k;

	*ok = false;
	if (!ld_fields(L, item, "a covered safeguard", fields, ARRAY_LEN(fields), v, line) || !v[0] ||
	    !v[1])
		return;
	if ((id = ld_text(L, v[0], "safeguard", 64)) &&
	    !(out->safeguard = map_get(&L->lib->safeguard_index, id)))
		ld_diag(L, ld_line(v[0], 0), "service %s covers unknown safeguard '%.64s'", svc->id, id);
	if ((k = ld_enum(L, v[1], "coverage", coverage_names, 2)) < 0)
		return;
	out->shared = k == 1;
	if (v[2])
		out->msp_part = ld_text(L, v[2], "msp_part", 500);
	if (v[3])
		out->customer_part = ld_text(L, v[3], "customer_part", 500);
	if (out->shared && (!out->msp_part || !out->customer_part)) {
		ld_diag(L, ld_line(item, line), "a shared safeguard needs msp_part and customer_part");
		return;
	}
	if (!out->shared && (v[2] || v[3])) {
		ld_diag(L, ld_line(item, line), "msp_part and customer_part are for shared coverage");
		return;
	}
	for (size_t i = 0; out->safeguard && i < svc->n_covers; i++)
		if (svc->covers[i].safeguard == out->safeguard) {
			ld_diag(L, ld_line(item, line), "service %s lists %s twice", svc->id, id);
			return;
		}
	*ok = out->safeguard != NULL;
}

void
ld_service(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"id", true}, {"name", true}, {"description", true},
		{"covers", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_service *svc = &L->services[L->lib->n_services];
	struct lib_service_cover *covers;
	void *iter = NULL;
	long count;

	memset(svc, 0, sizeof(*svc));
	svc->file = L->file;
	svc->line = 1;
	if (!ld_fields(L, root, "a service file", fields, ARRAY_LEN(fields), v, 1) || !v[0])
		return;
	if (!(svc->id = ld_file_id(L, v[0], "service")))
		return;
	if (v[1])
		svc->name = ld_text(L, v[1], "name", 200);
	if (v[2])
		svc->description = ld_text(L, v[2], "description", 1000);
	if (v[3] && (count = ld_list_len(L, v[3], "covers")) >= 0) {
		covers = arena_array(L->a, (size_t)count + 1, sizeof(*covers));
		svc->covers = covers;
		while ((item = fy_node_sequence_iterate(v[3], &iter)) != NULL) {
			bool ok;

			read_cover(L, svc, item, ld_line(v[3], 1), &covers[svc->n_covers], &ok);
			if (ok)
				svc->n_covers++;
		}
	}
	map_put(&L->lib->service_index, svc->id, svc);
	L->lib->n_services++;
}

/* Resolve each safeguard's `service` now that every service is read. */
void
ld_services_finish(struct loader *L)
{
	struct library *lib = L->lib;

	L->lib->services = L->services;
	for (size_t i = 0; i < lib->n_safeguards; i++) {
		struct lib_safeguard *sg = (struct lib_safeguard *)&lib->safeguards[i];
		const char *id = L->sg_service_ids ? L->sg_service_ids[i] : NULL;
		const struct lib_service *svc;
		bool covered = false;

		if (!id)
			continue;
		L->file = sg->file;
		if (!(svc = map_get(&lib->service_index, id))) {
			ld_diag(L, sg->line, "safeguard %s names service '%.64s', which services/ does not "
				"define", sg->id, id);
			continue;
		}
		for (size_t k = 0; k < svc->n_covers; k++)
			covered |= svc->covers[k].safeguard == sg;
		if (!covered)
			ld_diag(L, sg->line, "safeguard %s names service %s, which does not list it in "
				"'covers'", sg->id, svc->id);
		sg->service = svc;
	}
}

void
ld_tailoring(struct loader *L, struct lib_safeguard *sg, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"id", true}, {"text", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_tailoring *t;
	void *iter = NULL;
	long count;

	if ((count = ld_list_len(L, list, "tailoring")) < 0)
		return;
	t = arena_array(L->a, (size_t)count + 1, sizeof(*t));
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_tailoring *x = &t[sg->n_tailoring];

		if (!ld_fields(L, item, "a tailoring condition", fields, ARRAY_LEN(fields), v,
			       ld_line(list, 0)) || !v[0] || !v[1])
			continue;
		x->id = ld_text(L, v[0], "id", 64);
		x->text = ld_text(L, v[1], "text", 300);
		if (!x->id || !x->text)
			continue;
		if (!ld_valid_slug(x->id, false)) {
			ld_diag(L, ld_line(v[0], 0), "tailoring id '%s' must be lower-case words joined by "
				"hyphens", x->id);
			continue;
		}
		for (size_t k = 0; k < sg->n_tailoring; k++)
			if (strcmp(t[k].id, x->id) == 0)
				ld_diag(L, ld_line(v[0], 0), "tailoring id '%s' is used twice", x->id);
		sg->n_tailoring++;
	}
	sg->tailoring = t;
}

static const char *const scope_rule_names[LIB_SCOPE__MAX] = {"at_most", "exempt", "listed"};

void
ld_scoping(struct loader *L, struct lib_framework *fw, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"variant", true}, {"attribute", true},
		{"rule", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_scoping *sc;
	void *iter = NULL;
	long count;

	if ((count = ld_list_len(L, list, "scoping")) < 0)
		return;
	sc = arena_array(L->a, (size_t)count + 1, sizeof(*sc));
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_scoping *x = &sc[fw->n_scoping];
		const char *attr;
		int rule;
		static const enum lib_attr_type needs[LIB_SCOPE__MAX] = {
			LIB_ATTR_INTEGER, LIB_ATTR_BOOLEAN, LIB_ATTR_LIST};

		if (!ld_fields(L, item, "a scoping rule", fields, ARRAY_LEN(fields), v, ld_line(list, 0)) ||
		    !v[0] || !v[1] || !v[2])
			continue;
		x->variant = ld_text(L, v[0], "variant", 64);
		attr = ld_text(L, v[1], "attribute", 64);
		rule = ld_enum(L, v[2], "rule", scope_rule_names, LIB_SCOPE__MAX);
		if (!x->variant || !attr || rule < 0)
			continue;
		x->rule = (enum lib_scope_rule)rule;
		for (size_t k = 0; k < fw->n_attr_defs && !x->attr; k++)
			if (strcmp(fw->attr_defs[k].name, attr) == 0)
				x->attr = &fw->attr_defs[k];
		if (!x->attr) {
			ld_diag(L, ld_line(v[1], 0), "scoping reads attribute '%.64s', which %s does not "
				"declare", attr, fw->id ? fw->id : "the framework");
			continue;
		}
		if (x->attr->type != needs[x->rule]) {
			ld_diag(L, ld_line(v[2], 0), "rule %s needs a %s attribute; '%s' is %s",
				scope_rule_names[x->rule], lib_attr_type_name(needs[x->rule]), attr,
				lib_attr_type_name(x->attr->type));
			continue;
		}
		fw->n_scoping++;
	}
	fw->scoping = sc;
}

bool
lib_control_in_scope(const struct lib_control *c, const struct lib_variant *variant, size_t n_variant)
{
	const struct lib_framework *fw = c->framework;

	if (!c->assessable)
		return false;
	for (size_t i = 0; i < fw->n_scoping; i++) {
		const struct lib_scoping *sc = &fw->scoping[i];
		const struct lib_attr *a = lib_control_attr(c, sc->attr->name);
		const char *value = NULL;

		for (size_t k = 0; k < n_variant; k++)
			if (strcmp(variant[k].key, sc->variant) == 0)
				value = variant[k].value;
		if (!value || !a)
			continue; /* nothing to narrow by */
		switch (sc->rule) {
		case LIB_SCOPE_AT_MOST:
			if (a->integer > strtoll(value, NULL, 10))
				return false;
			break;
		case LIB_SCOPE_EXEMPT:
			if (strcmp(value, "true") == 0 && a->boolean)
				return false;
			break;
		case LIB_SCOPE_LISTED: {
			bool listed = false;

			for (size_t k = 0; k < a->n_items; k++)
				listed |= strcmp(a->items[k], value) == 0;
			if (!listed)
				return false;
			break;
		}
		default:
			break;
		}
	}
	return true;
}
