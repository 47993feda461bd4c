/*
 * crosswalk.c - 'prudent crosswalk': how the controls of two frameworks relate,
 * as the library's safeguards imply.
 */
#include "cli/cli.h"

static json_t *
pair_json(const struct lib_pair *p)
{
	json_t *o = json_object(), *via = json_array();
	size_t i;

	json_object_set_new(o, "from", json_string(p->from->id));
	json_object_set_new(o, "to", json_string(p->to->id));
	json_object_set_new(o, "relationship", json_string(lib_rel_name(p->relationship)));
	for (i = 0; i < p->n_via; i++)
		json_array_append_new(via, json_string(p->via[i]->id));
	json_object_set_new(o, "via", via);
	if (p->link)
		json_object_set_new(o, "source", json_string(p->link->source));
	return o;
}

/* The safeguards of a pair, space-separated, for text and CSV. */
static void
via_text(struct str *s, const struct lib_pair *p)
{
	size_t i;

	str_clear(s);
	for (i = 0; i < p->n_via; i++)
		str_appendf(s, "%s%s", i ? " " : "", p->via[i]->id);
	if (p->link)
		str_appendf(s, "%s(published: %s)", p->n_via ? " " : "", p->link->source);
}

/*
** COMMAND: crosswalk
** SUMMARY: Show how the controls of two frameworks relate
**
** Usage: prudent crosswalk FROM TO [--json | --csv] [--library DIR]
**
** Lists every pair of controls (one from FROM, one from TO) that the library
** relates, with the relationship seen from the FROM control and the
** safeguards that carry it.  When a safeguard S maps to control A and to
** control B, A relates to B by composing the two mappings as NIST IR 8477
** does: equal with X is X; subset with subset is subset; superset with
** superset is superset; anything through 'intersects', or subset mixed with
** superset, is 'intersects'.  Where several safeguards relate one pair, the
** pair is 'equal' if any path is, else the relation every path agrees on,
** else 'intersects'.  Links published between the two frameworks (CMMC to
** NIST SP 800-171) are included as they are published.
**
**   --json          print {"from", "to", "pairs": [{"from", "to",
**                   "relationship", "via": [...]}]}
**   --csv           print CSV: from,to,relationship,via
**   --library DIR   use the library in DIR
*/
int
cmd_crosswalk(struct cli *cli, int argc, char **argv)
{
	const char *dir = NULL, *pos[2];
	bool json = false, csv = false;
	const struct cli_opt opts[] = {{"--library", CLI_VALUE, &dir}, {"--json", CLI_FLAG, &json},
				       {"--csv", CLI_FLAG, &csv}};
	const struct lib_framework *from, *to;
	const struct lib_pair *pairs;
	struct library *lib;
	struct str via = STR_INIT;
	size_t n_pos, n, i;
	int rc;

	rc = cli_parse(cli, "crosswalk", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 2, &n_pos);
	if (rc < 0)
		return rc;
	if (json && csv)
		return err_set(&cli->err, ERR_INPUT, "choose one of --json and --csv");
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	from = lib_framework_get(lib, pos[0]);
	to = lib_framework_get(lib, pos[1]);
	if (!from || !to) {
		rc = err_set(&cli->err, ERR_NOTFOUND,
			     "no framework '%.64s' in the library; 'prudent library list' shows them",
			     from ? pos[1] : pos[0]);
		goto done;
	}
	if (from == to) {
		rc = err_set(&cli->err, ERR_INPUT, "a crosswalk needs two different frameworks");
		goto done;
	}
	n = lib_crosswalk(lib, from, to, cli->arena, &pairs);
	if (json) {
		json_t *o = json_object(), *a = json_array();

		json_object_set_new(o, "from", json_string(from->id));
		json_object_set_new(o, "to", json_string(to->id));
		for (i = 0; i < n; i++)
			json_array_append_new(a, pair_json(&pairs[i]));
		json_object_set_new(o, "pairs", a);
		rc = cli_print_json(cli, o);
	} else if (csv) {
		struct str line = STR_INIT;

		fputs("from,to,relationship,via\r\n", cli->out);
		for (i = 0; i < n; i++) {
			via_text(&via, &pairs[i]);
			str_clear(&line);
			str_append_csv(&line, pairs[i].from->id, strlen(pairs[i].from->id));
			str_putc(&line, ',');
			str_append_csv(&line, pairs[i].to->id, strlen(pairs[i].to->id));
			str_appendf(&line, ",%s,", lib_rel_name(pairs[i].relationship));
			str_append_csv(&line, via.buf, via.len);
			fprintf(cli->out, "%s\r\n", str_cstr(&line));
		}
		str_free(&line);
	} else {
		fprintf(cli->out, "%s -> %s: %zu related pairs\n", from->id, to->id, n);
		for (i = 0; i < n; i++) {
			via_text(&via, &pairs[i]);
			fprintf(cli->out, "%-22s %-12s %-22s %s\n", pairs[i].from->id,
				lib_rel_name(pairs[i].relationship), pairs[i].to->id, via.buf);
		}
	}
done:
	str_free(&via);
	lib_free(lib);
	return rc;
}
