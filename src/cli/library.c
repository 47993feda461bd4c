/*
 * library.c - 'prudent library': browse and check the content library.
 */
#include <errno.h>
#include <stdlib.h>

#include "cli/cli.h"

/* Text of a control for one line of a listing: its title, else its text, else
 * Prudent's description. */
static const char *
control_label(const struct lib_control *c)
{
	if (c->title)
		return c->title;
	return c->text ? c->text : c->description;
}

static json_t *
level_counts_json(const struct lib_framework *fw)
{
	json_t *levels = json_object();
	size_t i;

	for (i = 0; i < fw->n_levels; i++)
		json_object_set_new(levels, fw->levels[i], json_integer((json_int_t)fw->level_counts[i]));
	return levels;
}

static json_t *
framework_summary_json(const struct lib_framework *fw)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(fw->id));
	json_object_set_new(o, "name", json_string(fw->name));
	json_object_set_new(o, "version", json_string(fw->version));
	json_object_set_new(o, "kind", json_string(lib_kind_name(fw->kind)));
	json_object_set_new(o, "published", json_string(fw->published));
	json_object_set_new(o, "publisher", json_string(fw->publisher));
	json_object_set_new(o, "source", json_string(fw->source));
	json_object_set_new(o, "ships_text", json_boolean(fw->ships_text));
	json_object_set_new(o, "license_terms", json_string(fw->license_terms));
	json_object_set_new(o, "controls", json_integer((json_int_t)fw->n_controls));
	json_object_set_new(o, "assessable", json_integer((json_int_t)fw->n_assessable));
	json_object_set_new(o, "levels", level_counts_json(fw));
	return o;
}

static int
library_list(struct cli *cli, const struct library *lib, bool json)
{
	size_t i, w_id, w_version;

	if (json) {
		json_t *a = json_array();

		for (i = 0; i < lib->n_frameworks; i++)
			json_array_append_new(a, framework_summary_json(&lib->frameworks[i]));
		return cli_print_json(cli, a);
	}
	/* Columns as wide as their widest entry. */
	w_id = strlen("FRAMEWORK");
	w_version = strlen("VERSION");
	for (i = 0; i < lib->n_frameworks; i++) {
		if (strlen(lib->frameworks[i].id) > w_id)
			w_id = strlen(lib->frameworks[i].id);
		if (strlen(lib->frameworks[i].version) > w_version)
			w_version = strlen(lib->frameworks[i].version);
	}
	fprintf(cli->out, "%-*s  %-*s  %-10s  %8s  %s\n", (int)w_id, "FRAMEWORK", (int)w_version,
		"VERSION", "KIND", "CONTROLS", "NAME");
	for (i = 0; i < lib->n_frameworks; i++) {
		const struct lib_framework *fw = &lib->frameworks[i];

		fprintf(cli->out, "%-*s  %-*s  %-10s  %8zu  %s\n", (int)w_id, fw->id, (int)w_version,
			fw->version, lib_kind_name(fw->kind), fw->n_controls, fw->name);
	}
	fprintf(cli->out, "\n%zu safeguards, %zu mappings (library %s, %s)\n", lib->n_safeguards,
		lib->n_mappings, lib->version, lib->origin);
	return 0;
}

static json_t *
attrs_json(const struct lib_control *c)
{
	json_t *o = json_object();
	size_t i, k;

	for (i = 0; i < c->n_attrs; i++) {
		const struct lib_attr *a = &c->attrs[i];
		json_t *v;

		switch (a->def->type) {
		case LIB_ATTR_BOOLEAN: v = json_boolean(a->boolean); break;
		case LIB_ATTR_INTEGER: v = json_integer(a->integer); break;
		case LIB_ATTR_LIST:
			v = json_array();
			for (k = 0; k < a->n_items; k++)
				json_array_append_new(v, json_string(a->items[k]));
			break;
		default: v = json_string(a->string); break;
		}
		json_object_set_new(o, a->def->name, v);
	}
	return o;
}

/* For a mapping derived through an equal link: the control on the other side. */
static json_t *
mapping_via_json(const struct lib_mapping *m)
{
	const struct lib_control *other;

	if (!m->via)
		return json_null();
	other = m->via->from == m->control ? m->via->to : m->via->from;
	return json_sprintf("%s %s", other->framework->id, other->id);
}

static json_t *
control_json(const struct lib_control *c, bool detail)
{
	json_t *o = json_object();
	size_t i;

	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "level", json_string(c->framework->levels[c->level]));
	json_object_set_new(o, "parent", c->parent ? json_string(c->parent->id) : json_null());
	json_object_set_new(o, "title", cli_json_string(c->title));
	json_object_set_new(o, "text", cli_json_string(c->text));
	json_object_set_new(o, "description", cli_json_string(c->description));
	json_object_set_new(o, "licensed_text", cli_json_string(c->licensed_text));
	json_object_set_new(o, "assessable", json_boolean(c->assessable));
	json_object_set_new(o, "attributes", attrs_json(c));
	if (detail) {
		json_t *kids = json_array(), *maps = json_array();

		for (i = 0; i < c->n_children; i++)
			json_array_append_new(kids, json_string(c->children[i]->id));
		for (i = 0; i < c->n_mapped_by; i++) {
			json_t *m = json_object();

			json_object_set_new(m, "safeguard", json_string(c->mapped_by[i]->safeguard->id));
			json_object_set_new(m, "relationship",
					    json_string(lib_rel_name(c->mapped_by[i]->relationship)));
			json_object_set_new(m, "via", mapping_via_json(c->mapped_by[i]));
			json_object_set_new(m, "note", cli_json_string(c->mapped_by[i]->note));
			json_array_append_new(maps, m);
		}
		json_object_set_new(o, "children", kids);
		json_object_set_new(o, "safeguards", maps);
		json_object_set_new(o, "source_file", json_string(c->file));
		json_object_set_new(o, "source_line", json_integer(c->line));
	}
	return o;
}

static void
print_attrs(FILE *out, const struct lib_control *c, const char *indent)
{
	size_t i, k;

	for (i = 0; i < c->n_attrs; i++) {
		const struct lib_attr *a = &c->attrs[i];

		fprintf(out, "%s%s: ", indent, a->def->name);
		switch (a->def->type) {
		case LIB_ATTR_BOOLEAN: fputs(a->boolean ? "yes" : "no", out); break;
		case LIB_ATTR_INTEGER: fprintf(out, "%lld", (long long)a->integer); break;
		case LIB_ATTR_LIST:
			for (k = 0; k < a->n_items; k++)
				fprintf(out, "%s%s", k ? ", " : "", a->items[k]);
			break;
		default: fputs(a->string, out); break;
		}
		fputc('\n', out);
	}
}

static int
show_framework(struct cli *cli, const struct lib_framework *fw, bool json)
{
	size_t i;

	if (json) {
		json_t *o = framework_summary_json(fw), *cs = json_array();

		for (i = 0; i < fw->n_controls; i++)
			json_array_append_new(cs, control_json(&fw->controls[i], false));
		json_object_set_new(o, "control_list", cs);
		return cli_print_json(cli, o);
	}
	fprintf(cli->out, "%s (%s)\n", fw->name, fw->id);
	fprintf(cli->out, "Version %s, published %s by %s\n", fw->version, fw->published,
		fw->publisher);
	fprintf(cli->out, "Kind: %s\nSource: %s\n", lib_kind_name(fw->kind), fw->source);
	fprintf(cli->out, "License: %s %s\n",
		fw->ships_text ? "official text included." : "IDs and Prudent's own wording only.",
		fw->license_terms);
	fputs("Controls:", cli->out);
	for (i = 0; i < fw->n_levels; i++)
		fprintf(cli->out, "%s %zu %s", i ? "," : "", fw->level_counts[i], fw->levels[i]);
	fprintf(cli->out, " (%zu assessed)\n\n", fw->n_assessable);
	for (i = 0; i < fw->n_controls; i++) {
		const struct lib_control *c = &fw->controls[i];
		const struct lib_control *p;
		int depth = 0;

		for (p = c->parent; p; p = p->parent)
			depth++;
		fprintf(cli->out, "%*s%s  %s\n", depth * 2, "", c->id, control_label(c));
	}
	return 0;
}

static int
show_control(struct cli *cli, const struct lib_control *c, bool json)
{
	const struct lib_framework *fw = c->framework;
	size_t i;

	if (json) {
		json_t *o = control_json(c, true);

		json_object_set_new(o, "framework", json_string(fw->id));
		return cli_print_json(cli, o);
	}
	fprintf(cli->out, "%s: %s %s\n", fw->name, fw->levels[c->level], c->id);
	if (c->parent)
		fprintf(cli->out, "Part of: %s  %s\n", c->parent->id, control_label(c->parent));
	if (c->title)
		fprintf(cli->out, "Title: %s\n", c->title);
	if (c->text)
		fprintf(cli->out, "Text: %s\n", c->text);
	if (c->description)
		fprintf(cli->out, "Description: %s\n", c->description);
	if (c->licensed_text)
		fprintf(cli->out, "Official text (licensed to %s): %s\n", fw->licensed_to,
			c->licensed_text);
	print_attrs(cli->out, c, "");
	if (c->n_children) {
		fputs("Contains:\n", cli->out);
		for (i = 0; i < c->n_children; i++)
			fprintf(cli->out, "  %s  %s\n", c->children[i]->id, control_label(c->children[i]));
	}
	if (c->n_mapped_by) {
		fputs("Safeguards mapped to it:\n", cli->out);
		for (i = 0; i < c->n_mapped_by; i++) {
			const struct lib_mapping *m = c->mapped_by[i];

			fprintf(cli->out, "  %-28s %-10s %s", m->safeguard->id,
				lib_rel_name(m->relationship), m->safeguard->name);
			if (m->via) {
				const struct lib_control *other =
					m->via->from == c ? m->via->to : m->via->from;

				fprintf(cli->out, " (through %s %s)", other->framework->id, other->id);
			}
			fputc('\n', cli->out);
			if (m->note)
				fprintf(cli->out, "  %-28s note: %s\n", "", m->note);
		}
	} else if (c->assessable) {
		fputs("No safeguard is mapped to it yet.\n", cli->out);
	}
	return 0;
}

static int
library_show(struct cli *cli, const struct library *lib, const char *fw_id, const char *ctl_id,
	     bool json)
{
	const struct lib_framework *fw = lib_framework_get(lib, fw_id);
	const struct lib_control *c;

	if (!fw)
		return err_set(&cli->err, ERR_NOTFOUND,
			       "no framework '%.64s' in the library; 'prudent library list' shows them",
			       fw_id);
	if (!ctl_id)
		return show_framework(cli, fw, json);
	c = lib_control_get(fw, ctl_id);
	if (!c)
		return err_set(&cli->err, ERR_NOTFOUND, "%s has no control '%.64s'", fw->id, ctl_id);
	return show_control(cli, c, json);
}

static int
library_stats(struct cli *cli, const struct library *lib)
{
	json_t *o = json_object(), *fws = json_array();
	size_t i;

	json_object_set_new(o, "library_version", json_string(lib->version));
	json_object_set_new(o, "library_hash", json_string(lib->hash));
	json_object_set_new(o, "origin", cli_json_string(lib->origin));
	for (i = 0; i < lib->n_frameworks; i++) {
		const struct lib_framework *fw = &lib->frameworks[i];
		json_t *f = json_object();

		json_object_set_new(f, "id", json_string(fw->id));
		json_object_set_new(f, "version", json_string(fw->version));
		json_object_set_new(f, "assessable", json_integer((json_int_t)fw->n_assessable));
		json_object_set_new(f, "levels", level_counts_json(fw));
		json_object_set_new(f, "controls", json_integer((json_int_t)fw->n_controls));
		json_array_append_new(fws, f);
	}
	json_object_set_new(o, "frameworks", fws);
	json_object_set_new(o, "categories", json_integer((json_int_t)lib->n_categories));
	json_object_set_new(o, "safeguards", json_integer((json_int_t)lib->n_safeguards));
	json_object_set_new(o, "mappings", json_integer((json_int_t)lib->n_mappings));
	json_object_set_new(o, "clauses", json_integer((json_int_t)lib->n_clauses));
	return cli_print_json(cli, o);
}

static int
library_coverage(struct cli *cli, const struct library *lib, bool json)
{
	json_t *fws = json_array();
	size_t i, k;

	if (!json)
		fprintf(cli->out, "%-24s %10s %8s %8s\n", "FRAMEWORK", "ASSESSABLE", "MAPPED", "COVERED");
	for (i = 0; i < lib->n_frameworks; i++) {
		const struct lib_framework *fw = &lib->frameworks[i];
		struct lib_coverage cov;

		lib_coverage(fw, cli->arena, &cov);
		if (json) {
			json_t *o = json_object(), *un = json_array();

			json_object_set_new(o, "id", json_string(fw->id));
			json_object_set_new(o, "assessable", json_integer((json_int_t)cov.assessable));
			json_object_set_new(o, "mapped", json_integer((json_int_t)cov.mapped));
			for (k = 0; k < cov.n_unmapped; k++)
				json_array_append_new(un, json_string(cov.unmapped[k]->id));
			json_object_set_new(o, "unmapped", un);
			json_array_append_new(fws, o);
			continue;
		}
		fprintf(cli->out, "%-24s %10zu %8zu %7.1f%%\n", fw->id, cov.assessable, cov.mapped,
			cov.assessable ? 100.0 * (double)cov.mapped / (double)cov.assessable : 100.0);
		for (k = 0; k < cov.n_unmapped; k++)
			fprintf(cli->out, "  not mapped: %s  %s\n", cov.unmapped[k]->id,
				control_label(cov.unmapped[k]));
	}
	if (json) {
		json_t *o = json_object();

		json_object_set_new(o, "frameworks", fws);
		return cli_print_json(cli, o);
	}
	json_decref(fws);
	return 0;
}

/* 'library check': the report goes to stdout, since it is the result. */
static int
library_check(struct cli *cli, const char *dir, bool json)
{
	struct lib_report report = {0};
	struct library *lib = NULL;
	size_t controls = 0, i;
	int rc;

	rc = dir ? lib_load_dir(dir, &lib, &report, &cli->err)
		 : lib_load_builtin(&lib, &report, &cli->err);
	if (json) {
		json_t *o = json_object(), *problems = json_array();

		for (i = 0; i < report.n_diags; i++) {
			json_t *p = json_object();

			json_object_set_new(p, "file", cli_json_string(report.diags[i].file));
			json_object_set_new(p, "line", json_integer(report.diags[i].line));
			json_object_set_new(p, "message", cli_json_string(report.diags[i].msg));
			json_array_append_new(problems, p);
		}
		json_object_set_new(o, "library", cli_json_string(dir ? dir : "built-in"));
		json_object_set_new(o, "valid", json_boolean(rc == 0));
		json_object_set_new(o, "problems", problems);
		json_object_set_new(o, "problems_not_listed", json_integer((json_int_t)report.n_dropped));
		cli_print_json(cli, o);
	} else {
		cli_print_report(cli->out, &report);
	}
	lib_report_free(&report);
	if (rc < 0 || json) {
		lib_free(lib);
		return rc;
	}
	for (i = 0; i < lib->n_frameworks; i++)
		controls += lib->frameworks[i].n_controls;
	fprintf(cli->out,
		"The library in %s is valid: version %s, %zu framework%s with %zu controls, "
		"%zu safeguards, %zu mappings.\n", lib->origin, lib->version, lib->n_frameworks,
		lib->n_frameworks == 1 ? "" : "s", controls, lib->n_safeguards, lib->n_mappings);
	lib_free(lib);
	return 0;
}

/* 'library export': write the built-in library out, to extend or to hold
 * licensed text beside our wording. */
static int
library_export(struct cli *cli, const char *dir)
{
	const struct named_file *f;
	struct str path = STR_INIT;
	size_t n = 0;
	int rc = 0;

	if (file_is_dir(dir) && !cli_dir_empty(dir))
		return err_set(&cli->err, ERR_CONFLICT, "%s is not empty; export into a new directory",
			       dir);
	for (f = lib_builtin_files(); f->name && rc == 0; f++, n++) {
		const char *slash = strrchr(f->name, '/');

		str_clear(&path);
		str_appendf(&path, "%s/%.*s", dir, slash ? (int)(slash - f->name) : 0, f->name);
		if ((rc = file_mkdir_p(path.buf, &cli->err)) < 0)
			break;
		str_clear(&path);
		str_appendf(&path, "%s/%s", dir, f->name);
		rc = file_write_atomic(path.buf, f->data, f->len, &cli->err);
	}
	str_free(&path);
	if (rc == 0)
		fprintf(cli->out, "Wrote the built-in library (%zu files) to %s.\n", n, dir);
	return rc;
}

/* A clause condition as the YAML that wrote it, for people. */
static void
clause_cond_text(struct str *out, const struct lib_clause_cond *c)
{
	static const char *const ops[] = {"always", "framework", "service", "declined", "all",
		"any", "not"};

	if (!c) {
		str_appendf(out, "always");
		return;
	}
	switch (c->op) {
	case LIB_CLAUSE_FRAMEWORK: str_appendf(out, "framework %s", c->framework->id); return;
	case LIB_CLAUSE_SERVICE: str_appendf(out, "service %s", c->service->id); return;
	case LIB_CLAUSE_ALWAYS:
	case LIB_CLAUSE_DECLINED: str_appendf(out, "%s", ops[c->op]); return;
	default: break;
	}
	str_appendf(out, "%s(", ops[c->op]);
	for (size_t i = 0; i < c->n_children; i++) {
		if (i)
			str_appendf(out, ", ");
		clause_cond_text(out, c->children[i]);
	}
	str_appendf(out, ")");
}

static json_t *
clause_json(const struct lib_clause *cl, const struct lib_clause_version *only)
{
	json_t *o = json_object();
	struct str when = {0};

	clause_cond_text(&when, cl->when);
	json_object_set_new(o, "id", json_string(cl->id));
	json_object_set_new(o, "title", json_string(cl->title));
	json_object_set_new(o, "document", json_string(lib_doc_name(cl->document)));
	json_object_set_new(o, "part", json_string(lib_part_name(cl->part)));
	json_object_set_new(o, "order", json_integer((json_int_t)cl->order));
	json_object_set_new(o, "initials", json_boolean(cl->initials));
	json_object_set_new(o, "when", json_string(str_cstr(&when)));
	json_object_set_new(o, "current_version",
			    json_integer((json_int_t)lib_clause_version(cl, 0)->version));
	str_free(&when);
	if (!only)
		return o;
	json_object_set_new(o, "version", json_integer((json_int_t)only->version));
	json_object_set_new(o, "legal", json_string(only->legal));
	json_object_set_new(o, "plain", only->plain ? json_string(only->plain) : json_null());
	return o;
}

/* 'library clauses': the clauses by document, in agreement order. */
static int
library_clauses(struct cli *cli, const struct library *lib, bool json)
{
	struct str when = {0};

	if (json) {
		json_t *a = json_array();

		for (size_t i = 0; i < lib->n_clauses; i++)
			json_array_append_new(a, clause_json(&lib->clauses[i], NULL));
		return cli_print_json(cli, a);
	}
	fprintf(cli->out, "%-24s  %-15s  %-24s  %7s  %8s  %-22s  %s\n", "CLAUSE", "DOCUMENT",
		"PART", "VERSION", "INITIALS", "INCLUDED WHEN", "TITLE");
	for (size_t i = 0; i < lib->n_clauses; i++) {
		const struct lib_clause *cl = &lib->clauses[i];

		str_clear(&when);
		clause_cond_text(&when, cl->when);
		fprintf(cli->out, "%-24s  %-15s  %-24s  %7lld  %8s  %-22s  %s\n", cl->id,
			lib_doc_name(cl->document), lib_part_name(cl->part), (long long)lib_clause_version(cl, 0)->version,
			cl->initials ? "yes" : "no", str_cstr(&when), cl->title);
	}
	str_free(&when);
	fprintf(cli->out, "\n%zu clauses (library %s, %s)\n", lib->n_clauses, lib->version,
		lib->origin);
	return 0;
}

/* 'library clause ID [VERSION]': one version of a clause, both texts, as written
 * (Mustache tags unfilled). */
static int
library_clause(struct cli *cli, const struct library *lib, const char *id, const char *ver,
	       bool json)
{
	const struct lib_clause *cl = lib_clause_get(lib, id);
	const struct lib_clause_version *v;
	int64_t n = 0;

	if (!cl)
		return err_set(&cli->err, ERR_NOTFOUND, "no clause '%.64s'; 'prudent library "
			       "clauses' lists them", id);
	if (ver) {
		char *end;

		errno = 0;
		n = strtoll(ver, &end, 10);
		if (errno || end == ver || *end || n < 1)
			n = -1;
	}
	if (n < 0)
		return err_set(&cli->err, ERR_INPUT, "the version must be a whole number from 1, "
			       "not '%.32s'", ver);
	if (!(v = lib_clause_version(cl, n)))
		return err_set(&cli->err, ERR_NOTFOUND, "clause %s has no version %lld (the current "
			       "one is %lld)", cl->id, (long long)n,
			       (long long)lib_clause_version(cl, 0)->version);
	if (json)
		return cli_print_json(cli, clause_json(cl, v));
	fprintf(cli->out, "%s (%s), version %lld of %zu\nDocument: %s\nPart: %s\nInitialled: "
		"%s\n\nLegal text:\n\n%s\nIn plain words:\n\n%s", cl->title, cl->id,
		(long long)v->version, cl->n_versions, lib_doc_name(cl->document),
		lib_part_name(cl->part), cl->initials ? "yes" : "no", v->legal,
		v->plain ? v->plain : "(the summary is in plain words throughout)\n");
	return 0;
}

/*
** COMMAND: library
** SUMMARY: List, show, check and count the content library
**
** Usage: prudent library list [--json]
**        prudent library show FRAMEWORK [CONTROL] [--json]
**        prudent library check [DIR] [--json]
**        prudent library stats --json
**        prudent library coverage [--json]
**        prudent library clauses [--json]
**        prudent library clause ID [VERSION] [--json]
**        prudent library export DIR
**
** The content library holds the frameworks (NIST CSF 2.0, ...) with their
** controls, Prudent's safeguards, and how each safeguard maps to controls.
**
**   list    one line per framework, then the safeguard and mapping counts
**   show    a framework's details and control tree, or one control with the
**           safeguards mapped to it
**   check   validate a library directory (default: the library in use) and
**           print every problem as FILE:LINE: MESSAGE; exit 1 if there are any
**   stats   counts per framework and level, as JSON
**   coverage  per framework, how many assessable controls some safeguard
**           reaches (directly, or through an 'equal' crosswalk link), and
**           which ones none does
**   clauses the clauses of the Standard of Care Agreement, in the order it
**           prints them, with the current version of each
**   clause  one clause's legal text and plain-language twin, current version
**           or VERSION, with its Mustache tags unfilled
**   export  write the built-in library to a new directory DIR, to extend it
**           or to add licensed text (see docs/frameworks.md), then use it
**           with --library DIR
**
** Every subcommand uses the built-in library unless --library DIR or the
** PRUDENT_LIBRARY environment variable names a directory to use instead.
**
**   --library DIR   use the library in DIR (see docs/library-format.md)
**   --json          print JSON
*/
int
cmd_library(struct cli *cli, int argc, char **argv)
{
	const char *dir = NULL, *pos[3], *sub;
	bool json = false;
	const struct cli_opt opts[] = {{"--library", CLI_VALUE, &dir}, {"--json", CLI_FLAG, &json}};
	struct library *lib;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "library", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 3, &n_pos);
	if (rc < 0)
		return rc;
	sub = pos[0];
	if (strcmp(sub, "check") == 0) {
		if (n_pos > 2)
			return err_set(&cli->err, ERR_INPUT, "usage: prudent library check [DIR]");
		if (n_pos == 2)
			dir = pos[1];
		else if (!dir && getenv("PRUDENT_LIBRARY") && *getenv("PRUDENT_LIBRARY"))
			dir = getenv("PRUDENT_LIBRARY");
		return library_check(cli, dir, json);
	}
	if (strcmp(sub, "export") == 0) {
		if (n_pos != 2)
			return err_set(&cli->err, ERR_INPUT, "usage: prudent library export DIR");
		return library_export(cli, pos[1]);
	}
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "stats") &&
	    strcmp(sub, "coverage") && strcmp(sub, "clauses") && strcmp(sub, "clause"))
		return err_set(&cli->err, ERR_INPUT,
			       "unknown subcommand 'library %.64s'; see 'prudent help library'", sub);
	if (strcmp(sub, "show") == 0 && n_pos < 2)
		return err_set(&cli->err, ERR_INPUT, "usage: prudent library show FRAMEWORK [CONTROL]");
	if (strcmp(sub, "clause") == 0 && n_pos < 2)
		return err_set(&cli->err, ERR_INPUT, "usage: prudent library clause ID [VERSION]");
	if (strcmp(sub, "show") != 0 && strcmp(sub, "clause") != 0 && n_pos > 1)
		return err_set(&cli->err, ERR_INPUT, "'library %s' takes no arguments", sub);
	if (strcmp(sub, "stats") == 0 && !json)
		return err_set(&cli->err, ERR_INPUT, "'library stats' prints JSON: add --json");
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if (strcmp(sub, "list") == 0)
		rc = library_list(cli, lib, json);
	else if (strcmp(sub, "show") == 0)
		rc = library_show(cli, lib, pos[1], n_pos > 2 ? pos[2] : NULL, json);
	else if (strcmp(sub, "coverage") == 0)
		rc = library_coverage(cli, lib, json);
	else if (strcmp(sub, "clauses") == 0)
		rc = library_clauses(cli, lib, json);
	else if (strcmp(sub, "clause") == 0)
		rc = library_clause(cli, lib, pos[1], n_pos > 2 ? pos[2] : NULL, json);
	else
		rc = library_stats(cli, lib);
	lib_free(lib);
	return rc;
}
