/*
 * web.h - the built-in web server: the application for MSP staff and its
 * JSON API.  'prudent serve' fills a web_config and calls web_serve.
 */
#ifndef PRUDENT_WEB_H
#define PRUDENT_WEB_H

#include <stdio.h>

#include "core/core.h"
#include "library/lib.h"

struct web_config {
	const char *bind;         /* an IPv4 or IPv6 address; default 127.0.0.1 */
	unsigned port;            /* 0: any free port (printed) */
	const char *db_path;      /* SQLite file */
	const char *key_path;     /* the key file that opens the signing key */
	const char *public_url;   /* where clients reach Prudent, for invitation links; NULL:
				   * the Host the staff member used */
	const char *tls_cert, *tls_key; /* PEM files, or NULL for plain HTTP */
	const struct library *lib;
	FILE *access_log;         /* one line per request, or NULL */
	size_t max_body;          /* bytes of a request body (default 1 MiB) */
	unsigned max_connections; /* at once (default 256) */
	unsigned timeout;         /* seconds a connection may idle (default 30) */
	unsigned threads;         /* worker threads (default 4) */
	FILE *ready;              /* "Listening on URL" goes here once serving, or NULL */
};

/* Serve until SIGINT or SIGTERM, then finish the requests in flight and
 * return 0.  ERR_IO when the address cannot be bound or the TLS files read. */
int web_serve(const struct web_config *c, struct err *e);

#endif
