/*
 * store_impl.h - what a database backend provides.  Only files in src/store/
 * include this; everyone else sees store.h.
 *
 * A backend allocates its own connection and statement structs with struct
 * store / struct store_stmt as the first member, so the generic layer can pass
 * them around and the backend can cast back.
 */
#ifndef PRUDENT_STORE_IMPL_H
#define PRUDENT_STORE_IMPL_H

#include "store/store.h"

struct store_backend {
	const char *name;
	/* Migrations in order; file names start with their number ("0001-..."). */
	const struct named_file *migrations;
	int (*open)(const char *target, unsigned flags, struct store **out, struct err *e);
	void (*close)(struct store *db);
	/* Run a script of several statements (a migration). */
	int (*exec_script)(struct store *db, const char *sql, struct err *e);
	/* Check the database belongs to Prudent, or mark a new one as ours. */
	int (*claim)(struct store *db, struct err *e);
	const char *begin_sql;
	int (*prepare)(struct store *db, const char *sql, struct store_stmt **out, struct err *e);
	int (*bind_text)(struct store_stmt *st, int idx, const char *text, struct err *e);
	int (*bind_int)(struct store_stmt *st, int idx, int64_t value, struct err *e);
	int (*bind_null)(struct store_stmt *st, int idx, struct err *e);
	int (*bind_blob)(struct store_stmt *st, int idx, const void *data, size_t len,
			 struct err *e);
	int (*step)(struct store_stmt *st, struct err *e);
	const char *(*col_text)(struct store_stmt *st, int col);
	int64_t (*col_int)(struct store_stmt *st, int col);
	const void *(*col_blob)(struct store_stmt *st, int col, size_t *len);
	bool (*col_is_null)(struct store_stmt *st, int col);
	int (*reset)(struct store_stmt *st, struct err *e);
	void (*finalize)(struct store_stmt *st);
};

struct store {
	const struct store_backend *backend;
	unsigned flags;
	char *target; /* for messages */
	int depth;    /* open transactions: the outer one, then savepoints */
};

struct store_stmt {
	struct store *db;
};

extern const struct store_backend store_sqlite_backend;

/* Run one statement bound to its parameters: num (if not NULL), then text
 * (if not NULL). */
int store_run(struct store *db, const char *sql, const int64_t *num, const char *text,
	      struct err *e);


#endif
