/*
 * serve.c - 'prudent serve': the web application and JSON API.
 */
#include <errno.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "web/web.h"

static int
number(struct cli *cli, const char *opt, const char *s, long min, long max, unsigned *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || end == s || *end || n < min || n > max)
		return err_set(&cli->err, ERR_INPUT, "%s takes a number from %ld to %ld, not '%.32s'",
			       opt, min, max, s);
	*out = (unsigned)n;
	return 0;
}

/*
** COMMAND: serve
** SUMMARY: Serve the web application and the JSON API
**
** Usage: prudent serve [--bind ADDR] [--port N] [--db PATH]
**                      [--tls-cert FILE --tls-key FILE] [--threads N]
**                      [--max-connections N] [--timeout SECONDS] [--url URL] [--quiet]
**
** Serves the application for MSP staff, the acceptance portal for clients'
** contacts (/portal) and the JSON API (/api/v1/, described at
** /api/v1/openapi.json) until SIGINT (Ctrl-C) or SIGTERM, then finishes
** the requests in flight.  A database without accounts opens on a first-run
** page that creates the owner; 'prudent user add' adds accounts too.  Each
** request is logged to standard error: time, address, request, status, bytes,
** duration, account.  Requests are limited: bodies to 1 MiB (20 MB for a
** scanned signed copy), headers to
** 64 KiB, connections to --max-connections, idle connections to --timeout.
** Behind a reverse proxy, bind to 127.0.0.1 and let the proxy add TLS
** (docs/web.md).
**
**   --bind ADDR          IPv4 or IPv6 address (default 127.0.0.1)
**   --port N             port, 0 for any free one (default 8080)
**   --tls-cert FILE      PEM certificate (chain); with --tls-key, serve HTTPS
**   --tls-key FILE       PEM private key
**   --threads N          worker threads, 1 to 64 (default 4)
**   --max-connections N  at once, 1 to 10000 (default 256)
**   --timeout SECONDS    idle connection timeout, 1 to 3600 (default 30)
**   --url URL            the address clients reach this server at, for invitation
**                        links (default: $PRUDENT_URL, else the address staff used)
**   --quiet              no access log
**   --db PATH            the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR        use the library in DIR
*/
int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *bind = "127.0.0.1", *port = NULL, *threads = NULL,
		   *maxc = NULL, *timeout = NULL;
	bool quiet = false;
	char key_path[4096];
	struct web_config c = {.port = 8080, .max_body = 1 << 20, .max_connections = 256,
			       .timeout = 30, .threads = 4};
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--bind", CLI_VALUE, &bind}, {"--port", CLI_VALUE, &port},
		{"--tls-cert", CLI_VALUE, &c.tls_cert}, {"--tls-key", CLI_VALUE, &c.tls_key},
		{"--threads", CLI_VALUE, &threads}, {"--max-connections", CLI_VALUE, &maxc},
		{"--timeout", CLI_VALUE, &timeout}, {"--quiet", CLI_FLAG, &quiet},
		{"--url", CLI_VALUE, &c.public_url}};
	struct store_tenant tenant;
	struct store *db = NULL;
	struct library *lib = NULL;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "serve", argc, argv, opts, ARRAY_LEN(opts), NULL, 0, 0, &n_pos);
	if (rc < 0)
		return rc;
	if ((port && (rc = number(cli, "--port", port, 0, 65535, &c.port)) < 0) ||
	    (threads && (rc = number(cli, "--threads", threads, 1, 64, &c.threads)) < 0) ||
	    (maxc && (rc = number(cli, "--max-connections", maxc, 1, 10000,
				  &c.max_connections)) < 0) ||
	    (timeout && (rc = number(cli, "--timeout", timeout, 1, 3600, &c.timeout)) < 0))
		return rc;
	/* Check the database (and bring its schema up to date) before serving. */
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) < 0)
		return rc;
	/* The signing key, made now if the MSP has none; a missing key file is
	 * reported, and signing in the portal waits until it is restored. */
	{
		struct ev_key k;
		struct err e = {0};

		if (ev_key_open(db, tenant.id, ev_key_path(cli_db_path(db_opt), key_path,
							  sizeof(key_path)), &k, &e) < 0)
			fprintf(stderr, "prudent: warning: %s\n", e.msg);
		ev_key_wipe(&k);
	}
	store_close(db);
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	c.bind = bind;
	c.db_path = cli_db_path(db_opt);
	c.key_path = key_path;
	if (!c.public_url && getenv("PRUDENT_URL") && *getenv("PRUDENT_URL"))
		c.public_url = getenv("PRUDENT_URL");
	c.lib = lib;
	c.access_log = quiet ? NULL : stderr;
	c.ready = cli->out;
	rc = web_serve(&c, &cli->err);
	lib_free(lib);
	return rc;
}
