/*
 * cli.c - helpers every command uses: option parsing, the database path, the
 * library, JSON output.  Kept apart from main.c so tests of single commands
 * and the dispatch stay small.
 */
#include <dirent.h>
#include <stdlib.h>

#include "cli/cli.h"

const struct cli_command *
cli_command_find(const char *name)
{
	const struct cli_command *c;

	for (c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static const struct cli_opt *
find_opt(const struct cli_opt *opts, size_t n_opts, const char *arg, size_t name_len)
{
	size_t i;

	for (i = 0; i < n_opts; i++)
		if (strlen(opts[i].name) == name_len && strncmp(opts[i].name, arg, name_len) == 0)
			return &opts[i];
	return NULL;
}

int
cli_parse(struct cli *cli, const char *command, int argc, char **argv,
	  const struct cli_opt *opts, size_t n_opts, const char **pos, size_t min_pos,
	  size_t max_pos, size_t *n_pos)
{
	bool options_done = false;
	int i;

	*n_pos = 0;
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		const struct cli_opt *o;
		const char *eq;
		size_t name_len;

		if (!options_done && strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		if (options_done || arg[0] != '-' || arg[1] == '\0') {
			if (*n_pos == max_pos)
				return err_set(&cli->err, ERR_INPUT,
					       "too many arguments for 'prudent %s' (at '%.64s'); "
					       "see 'prudent help %s'", command, arg, command);
			pos[(*n_pos)++] = arg;
			continue;
		}
		eq = strchr(arg, '=');
		name_len = eq ? (size_t)(eq - arg) : strlen(arg);
		o = find_opt(opts, n_opts, arg, name_len);
		if (!o)
			return err_set(&cli->err, ERR_INPUT,
				       "unknown option '%.*s' for 'prudent %s'; see 'prudent help %s'",
				       (int)(name_len > 64 ? 64 : name_len), arg, command, command);
		if (o->kind == CLI_FLAG) {
			if (eq)
				return err_set(&cli->err, ERR_INPUT, "option %s takes no value",
					       o->name);
			*(bool *)o->dest = true;
		} else if (eq) {
			*(const char **)o->dest = eq + 1;
		} else if (i + 1 < argc) {
			*(const char **)o->dest = argv[++i];
		} else {
			return err_set(&cli->err, ERR_INPUT, "option %s needs a value", o->name);
		}
	}
	if (*n_pos < min_pos)
		return err_set(&cli->err, ERR_INPUT,
			       "'prudent %s' needs more arguments; see 'prudent help %s'", command,
			       command);
	return 0;
}

const char *
cli_db_path(const char *db_opt)
{
	const char *env = getenv("PRUDENT_DB");

	if (db_opt)
		return db_opt;
	return env && *env ? env : "prudent.db";
}

void
cli_print_report(FILE *f, const struct lib_report *r)
{
	size_t i;

	for (i = 0; i < r->n_diags; i++) {
		if (r->diags[i].line > 0)
			fprintf(f, "%s:%d: %s\n", r->diags[i].file, r->diags[i].line, r->diags[i].msg);
		else
			fprintf(f, "%s: %s\n", r->diags[i].file, r->diags[i].msg);
	}
	if (r->n_dropped)
		fprintf(f, "(and %zu more problems)\n", r->n_dropped);
}

int
cli_load_library(struct cli *cli, const char *dir, struct library **out)
{
	struct lib_report report = {0};
	const char *env = getenv("PRUDENT_LIBRARY");
	int rc;

	if (!dir && env && *env)
		dir = env;
	rc = dir ? lib_load_dir(dir, out, &report, &cli->err)
		 : lib_load_builtin(out, &report, &cli->err);
	cli_print_report(stderr, &report);
	lib_report_free(&report);
	return rc;
}

json_t *
cli_json_string(const char *s)
{
	struct str clean = STR_INIT;
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	if (!v) {
		/* Only text from outside the library (a path) can get here. */
		str_append_utf8(&clean, s, strlen(s));
		v = json_string(str_cstr(&clean));
		str_free(&clean);
	}
	return v;
}

int
cli_emit(struct cli *cli, const char *file, const struct str *doc)
{
	int rc = 0;

	if (!file)
		fwrite(str_cstr(doc), 1, doc->len, cli->out);
	else if ((rc = file_write_atomic(file, doc->buf, doc->len, &cli->err)) == 0)
		fprintf(cli->out, "Wrote %s.\n", file);
	return rc;
}

int
cli_print_json(struct cli *cli, json_t *v)
{
	int rc = json_dumpf(v, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(v);
	fputc('\n', cli->out);
	if (rc < 0)
		return err_set(&cli->err, ERR_IO, "cannot write the output");
	return 0;
}

bool
cli_dir_empty(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	bool empty = true;

	if (!d)
		return true;
	while (empty && (de = readdir(d)) != NULL)
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	closedir(d);
	return empty;
}

int
cli_open_db(struct cli *cli, const char *db_opt, unsigned flags, struct store **db,
	    struct store_tenant *tenant)
{
	int rc = store_open(cli_db_path(db_opt), flags, db, &cli->err);

	if (rc < 0)
		return rc;
	if ((rc = store_tenant_default(*db, tenant, &cli->err)) < 0) {
		store_close(*db);
		*db = NULL;
	}
	return rc;
}

const char *
cli_actor(const char *by_opt)
{
	const char *v;

	if (by_opt)
		return by_opt;
	if ((v = getenv("PRUDENT_USER")) && *v)
		return v;
	if ((v = getenv("USER")) && *v)
		return v;
	return "cli";
}

int
cli_read_input(struct cli *cli, const char *path, size_t max, char **out, size_t *len)
{
	struct str s = STR_INIT;
	char buf[65536];
	size_t n;

	if (strcmp(path, "-") != 0)
		return file_read_all(path, max, out, len, &cli->err);
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		if (s.len + n > max) {
			str_free(&s);
			return err_set(&cli->err, ERR_INPUT, "standard input is larger than %zu bytes", max);
		}
		str_append(&s, buf, n);
	}
	*len = s.len;
	*out = str_take(&s);
	return 0;
}

struct catalogue_ctx {
	struct cli *cli;
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

	if (!def || eng_service_from_json(x->lib, def, x->cli->arena, &svc, &problems) < 0) {
		json_decref(def);
		return x->rc = err_set(&x->cli->err, ERR_INPUT, "the MSP's service %s (version %d) "
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
			grown = arena_array(x->cli->arena, x->cap, sizeof(*grown));
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
cli_catalogue(struct cli *cli, struct store *db, const struct library *lib, const char *tenant_id,
	      const struct lib_service ***out, size_t *n)
{
	struct catalogue_ctx x = {cli, lib, NULL, 0, 0, 0};
	int rc;

	x.cap = lib->n_services + 8;
	x.items = arena_array(cli->arena, x.cap, sizeof(*x.items));
	for (size_t i = 0; i < lib->n_services; i++)
		x.items[x.n++] = &lib->services[i];
	rc = store_service_each(db, tenant_id, catalogue_add, &x, &cli->err);
	*out = x.items;
	*n = x.n;
	return rc < 0 ? rc : x.rc;
}

struct replay_ctx {
	struct cli *cli;
	struct eng_state *state;
};

static int
replay_change(const struct store_change *ch, void *arg)
{
	struct replay_ctx *x = arg;

	if (eng_state_apply(x->state, x->cli->arena, ch->kind, ch->subject, ch->data, ch->created_at,
			    ch->created_by) < 0)
		return err_set(&x->cli->err, ERR_INTERNAL, "change %d (%s) cannot be read", ch->seq,
			       ch->kind);
	return 0;
}

int
cli_client_view(struct cli *cli, struct store *db, const struct library *lib, const char *tenant_id,
		const char *client, struct cli_client_view *v)
{
	struct store_profile cur = {0};
	struct store_record policy = {0};
	struct eng_problems problems;
	struct replay_ctx rx = {cli, &v->state};
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = store_client_get(db, tenant_id, client, &v->client, &cli->err)) < 0 ||
	    (rc = store_profile_current(db, &v->client, &cur, &cli->err)) < 0)
		goto done;
	if ((rc = eng_answers_parse(cur.answers, strlen(cur.answers), &v->answers, &cli->err)) < 0)
		goto done;
	if (eng_profile_check(lib, v->answers, cli->arena, &problems) > 0) {
		rc = err_set(&cli->err, ERR_INPUT, "%s's intake answers no longer fit the questionnaire "
			     "(%s); run 'prudent intake %s'", v->client.slug, problems.lines[0],
			     v->client.slug);
		goto done;
	}
	rc = store_policy_current(db, tenant_id, &policy, &cli->err);
	if (rc == 0) {
		struct eng_floor *floor;
		size_t n_floor;
		json_error_t je;
		json_t *list = json_loads(policy.data, 0, &je);

		rc = eng_floor_parse(lib, list, cli->arena, &floor, &n_floor, &cli->err);
		json_decref(list);
		if (rc < 0)
			goto done;
		v->policy_version = policy.version;
		eng_obligations_policy(lib, v->answers, floor, n_floor,
				       arena_printf(cli->arena, "The MSP's standard of care for every "
						    "client (policy version %d)", policy.version),
				       cli->arena, &v->obligations);
	} else if (rc == ERR_NOTFOUND) {
		eng_obligations(lib, v->answers, cli->arena, &v->obligations);
	} else {
		goto done;
	}
	if ((rc = cli_catalogue(cli, db, lib, tenant_id, &v->catalogue, &v->n_catalogue)) < 0 ||
	    (rc = store_change_each(db, &v->client, replay_change, &rx, &cli->err)) < 0)
		goto done;
	eng_matrix_build(lib, &v->obligations, v->catalogue, v->n_catalogue, &v->state, cli->arena,
			 &v->matrix);
	rc = 0;
done:
	store_profile_clear(&cur);
	store_record_clear(&policy);
	return rc;
}

void
cli_client_view_free(struct cli_client_view *v)
{
	json_decref(v->answers);
	eng_state_free(&v->state);
	memset(v, 0, sizeof(*v));
}
