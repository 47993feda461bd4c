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

/* The database a command opened for writing, for cli_checkpoint. */
static char written_db[4096];

int
cli_open_db(struct cli *cli, const char *db_opt, unsigned flags, struct store **db,
	    struct store_tenant *tenant)
{
	int rc = store_open(cli_db_path(db_opt), flags, db, &cli->err);

	if (rc < 0)
		return rc;
	if (!(flags & STORE_READONLY))
		snprintf(written_db, sizeof(written_db), "%s", cli_db_path(db_opt));
	if ((rc = store_tenant_default(*db, tenant, &cli->err)) < 0) {
		store_close(*db);
		*db = NULL;
	}
	return rc;
}

void
cli_checkpoint(void)
{
	struct store *db = NULL;
	struct store_tenant t;
	struct err e = {0};
	char key[4096];

	if (!written_db[0])
		return;
	if (store_open(written_db, 0, &db, &e) < 0 || store_tenant_default(db, &t, &e) < 0 ||
	    ev_checkpoint_due(db, t.id, ev_key_path(written_db, key, sizeof(key)), &e) < 0)
		fprintf(stderr, "prudent: warning: no checkpoint was signed: %s\n", e.msg);
	store_close(db);
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

