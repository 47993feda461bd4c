/*
 * documents.c - a client's documents as the CLI and the web application both
 * make them: the context they are drawn from (with the legal settings), every
 * applicable document rendered in every format, and issuing a numbered set.
 */
#include <stdlib.h>

#include "app/app.h"

struct settings_arg {
	struct doc_settings *s;
	struct arena *arena;
	bool client;
};

static int
apply_setting(const char *key, const char *value, const char *at, const char *by, void *arg)
{
	struct settings_arg *a = arg;

	(void)at, (void)by;
	doc_settings_apply(a->s, a->arena, key, value, a->client);
	return 0;
}

int
app_doc_context(struct store *db, const struct library *lib, const struct store_tenant *t,
		const struct app_client_view *v, const char *generated_at, struct arena *arena,
		struct doc_context *ctx, struct err *e)
{
	struct settings_arg a = {&ctx->settings, arena, false};
	int rc;

	memset(ctx, 0, sizeof(*ctx));
	ctx->lib = lib;
	ctx->msp_name = t->name;
	ctx->client_name = v->client.name;
	ctx->client_slug = v->client.slug;
	ctx->client_legal_name = v->client.legal_name;
	ctx->generated_at = generated_at;
	ctx->version = "draft";
	ctx->obligations = &v->obligations;
	ctx->matrix = &v->matrix;
	/* The MSP's legal settings, then the client's over them. */
	doc_settings_init(&ctx->settings);
	if ((rc = store_setting_each(db, t->id, NULL, apply_setting, &a, e)) < 0)
		return rc;
	a.client = true;
	return store_setting_each(db, t->id, v->client.id, apply_setting, &a, e);
}

void
app_rendered_free(struct app_rendered *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++)
		for (int f = 0; f < DOC_R__MAX; f++)
			str_free(&r[i].files[f]);
	free(r);
}

int
app_render_all(const struct doc_context *ctx, struct arena *arena, struct app_rendered **out,
	       size_t *n_out, struct err *e)
{
	struct app_rendered *r = xcalloc(LIB_DOC__MAX, sizeof(*r));
	size_t n = 0;
	int rc = 0;

	for (int k = 0; k < LIB_DOC__MAX && rc == 0; k++) {
		if (!doc_applies(ctx, (enum lib_doc)k))
			continue;
		if ((rc = doc_build(ctx, (enum lib_doc)k, arena, &r[n].doc, e)) < 0)
			break;
		for (int f = 0; f < DOC_R__MAX && rc == 0; f++)
			if ((rc = doc_render(&r[n].doc, (enum doc_render_format)f, &r[n].files[f],
					     e)) == 0)
				hash_sha256_hex(r[n].files[f].buf, r[n].files[f].len, r[n].sha256[f]);
		n++;
	}
	if (rc < 0) {
		app_rendered_free(r, n);
		return rc;
	}
	*out = r;
	*n_out = n;
	return 0;
}

const char *
app_file_name(char buf[64], const struct app_rendered *r, int format)
{
	snprintf(buf, 64, "%s.%s", r->doc.kind, doc_render_format_name((enum doc_render_format)format));
	return buf;
}

json_t *
app_identity(const struct library *lib, const struct app_rendered *r)
{
	json_t *o = doc_identity(&r->doc, lib), *files = json_array();
	char name[64];

	for (int f = 0; f < DOC_R__MAX; f++)
		json_array_append_new(files, json_pack("{s:s, s:s, s:s, s:I}", "path",
			app_file_name(name, r, f), "format",
			doc_render_format_name((enum doc_render_format)f), "sha256", r->sha256[f],
			"bytes", (json_int_t)r->files[f].len));
	json_object_set_new(o, "files", files);
	return o;
}

int
app_issue(struct store *db, const struct app_client_view *v, struct doc_context *ctx,
	  const char *by, struct arena *arena, int64_t *version, json_t **identities,
	  struct err *e)
{
	struct app_rendered *r = NULL;
	struct store_doc *sd;
	json_t *list = json_array();
	size_t n = 0;
	int rc;

	if ((rc = store_doc_next_version(db, &v->client, version, e)) < 0)
		goto done;
	ctx->version = arena_printf(arena, "%lld", (long long)*version);
	if ((rc = app_render_all(ctx, arena, &r, &n, e)) < 0)
		goto done;
	sd = arena_array(arena, n + 1, sizeof(*sd));
	for (size_t i = 0; i < n; i++) {
		json_t *id = app_identity(ctx->lib, &r[i]);
		char *text = json_dumps(id, JSON_COMPACT | JSON_PRESERVE_ORDER);
		struct store_doc_file *sf = arena_array(arena, DOC_R__MAX + 1, sizeof(*sf));
		char *clauses = doc_clauses_json(&r[i].doc), *sha = arena_alloc(arena, 65);

		for (int f = 0; f < DOC_R__MAX; f++)
			sf[f] = (struct store_doc_file){doc_render_format_name((enum doc_render_format)f),
				r[i].sha256[f], r[i].files[f].buf, r[i].files[f].len};
		/* The clauses as the portal shows them, kept with the files. */
		sf[DOC_R__MAX] = (struct store_doc_file){"json",
			hash_sha256_hex(clauses, strlen(clauses), sha),
			arena_strdup(arena, clauses), strlen(clauses)};
		sd[i] = (struct store_doc){r[i].doc.doc_id, r[i].doc.kind, r[i].doc.title,
			r[i].doc.source_sha256, arena_strdup(arena, text), sf, DOC_R__MAX + 1};
		free(clauses);
		free(text);
		json_array_append_new(list, id);
	}
	rc = store_doc_issue(db, &v->client, *version, sd, n, by, e);
done:
	app_rendered_free(r, n);
	if (rc == 0)
		*identities = list;
	else
		json_decref(list);
	return rc;
}
