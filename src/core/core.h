/*
 * core.h - the foundation every other module stands on.
 *
 * Memory (arena), strings (a growable builder with one escaping path per output
 * context), errors, logging, time, identifiers, hashing and atomic files.  Nothing
 * here knows about databases, frameworks or HTTP.
 *
 * Conventions used throughout Prudent:
 *   - functions that can fail return int: 0 on success, a negative ERR_* code on
 *     failure, and fill an optional struct err with a message for the user;
 *   - out of memory aborts (there is no sensible recovery for a CLI or a server
 *     worker), and so does a broken invariant (panic);
 *   - _new/_dup results are freed by the caller, _get results are borrowed.
 */
#ifndef PRUDENT_CORE_H
#define PRUDENT_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(fmt, args)
#define NORETURN
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ errors */

/* Error codes.  The CLI maps them to exit codes: the input ones to 1, the
 * rest to 2 (see err_exit_code). */
enum err_code {
	ERR_OK = 0,
	ERR_INPUT = -1,     /* malformed or invalid input from the user */
	ERR_NOTFOUND = -2,  /* a named thing does not exist */
	ERR_CONFLICT = -3,  /* the thing exists already, or state forbids it */
	ERR_TOO_NEW = -4,   /* data written by a newer version of Prudent */
	ERR_IO = -5,        /* the operating system refused a file operation */
	ERR_DB = -6,        /* the database failed */
	ERR_INTERNAL = -7,  /* a bug or an unexpected library failure */
	ERR__MAX = -8
};

/* An error with a message meant for a person: one line, naming the problem. */
struct err {
	enum err_code code;
	char msg[512];
};

/* Record an error in e (which may be NULL) and return code, so callers can write
 * `return err_set(e, ERR_INPUT, "no such framework '%s'", id);`.  A second call
 * overwrites the first: the innermost caller that knows the most should set it. */
int err_set(struct err *e, enum err_code code, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Prefix an existing message with context ("opening x.db: ..."); returns e->code. */
int err_prefix(struct err *e, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* The CLI exit code for an error code: 0, 1 (bad input) or 2 (internal). */
int err_exit_code(enum err_code code);

/* A short name for an error code ("invalid_input", "not_found", ...), for JSON errors. */
const char *err_code_name(enum err_code code);

/* Abort with a message: for broken invariants and out of memory only. */
NORETURN void panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* malloc/realloc/strdup that abort instead of returning NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* a * b + c, aborting on overflow: the one place sizes are multiplied. */
size_t size_mul_add(size_t a, size_t b, size_t c);

/* ------------------------------------------------------------------- arena */

/* A region allocator: many allocations, one free.  Used per CLI command, per
 * HTTP request, and for a loaded content library. */
struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);

/* Allocate size bytes aligned for any type; never NULL (aborts on exhaustion).
 * Memory is zeroed. */
void *arena_alloc(struct arena *a, size_t size);
/* Allocate n elements of size bytes each, checking the multiplication. */
void *arena_array(struct arena *a, size_t n, size_t size);
/* Copy len bytes and add a NUL terminator. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Bytes handed out so far (for tests and memory reports). */
size_t arena_used(const struct arena *a);

/* ------------------------------------------------------------------ string */

/* A growable byte string, always NUL-terminated (buf may hold NULs too: len is
 * authoritative).  Zero-initialise it, or use STR_INIT; free with str_free. */
struct str {
	char *buf;
	size_t len;
	size_t cap;
};
#define STR_INIT {NULL, 0, 0}

void str_free(struct str *s);
/* Forget the contents, keep the memory. */
void str_clear(struct str *s);
/* Give the buffer to the caller (who frees it) and reset s; never NULL. */
char *str_take(struct str *s);
/* The contents as a C string; never NULL (an empty string when nothing was added). */
const char *str_cstr(const struct str *s);

void str_append(struct str *s, const char *data, size_t len);
void str_puts(struct str *s, const char *cstr);
void str_putc(struct str *s, char c);
void str_appendf(struct str *s, const char *fmt, ...) PRINTF_LIKE(2, 3);
void str_vappendf(struct str *s, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);

/*
 * Escaping conversions, one per output context.  Each appends data (len bytes,
 * which may contain NULs and invalid UTF-8) escaped for its destination.
 *
 * HTML: & < > " ' become entities; NUL becomes U+FFFD; safe in text and in
 *   quoted attribute values.
 * JSON: the inside of a JSON string (without the quotes); control characters
 *   as \uXXXX; invalid UTF-8 sequences become U+FFFD, so the output is always
 *   valid UTF-8.
 * CSV: one RFC 4180 field, quoted when needed; a field that a spreadsheet would
 *   read as a formula (leading = + - @ tab or CR) is prefixed with an apostrophe.
 */
void str_append_html(struct str *s, const char *data, size_t len);
void str_append_json(struct str *s, const char *data, size_t len);
void str_append_csv(struct str *s, const char *data, size_t len);

/* A SQL identifier, double-quoted, but only if name is one of the NULL-terminated
 * allowed list: identifiers never come from users.  Returns ERR_INPUT otherwise
 * and appends nothing. */
int str_append_sql_ident(struct str *s, const char *name, const char *const *allowed,
			 struct err *e);

/* Copy data, replacing each invalid UTF-8 sequence and each NUL with U+FFFD:
 * for showing untrusted bytes (a file name, say) where text is required. */
void str_append_utf8(struct str *s, const char *data, size_t len);

/* True when data[0..len) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool utf8_valid(const char *data, size_t len);
/* The length of the longest valid UTF-8 prefix of data[0..len): where the first
 * invalid sequence starts, or len. */
size_t utf8_valid_prefix(const char *data, size_t len);
/* Copy src (NULL: "") into dst[0..cap) with ASCII letters in lower case: an
 * email address as accounts and contacts store it.  Returns dst. */
char *str_lower_copy(char *dst, size_t cap, const char *src);
/* True when s looks like an email address: one '@' with text on both sides,
 * a dot in the domain not at either end, at most 254 bytes of UTF-8, no
 * spaces, controls or any of <>"'(),;:\ . */
bool email_valid(const char *s);
/* True when s is one line of text a person typed: valid UTF-8 of min to max
 * bytes, without control characters.  NULL counts as empty. */
bool text_line(const char *s, size_t min, size_t max);

/* --------------------------------------------------------------------- map */

/* A string-keyed hash map of borrowed keys to pointers (open addressing).  Keys
 * must outlive the map: they usually live in the same arena as the values. */
struct map {
	const char **keys;
	void **values;
	size_t n_items;
	size_t cap;
};

void map_free(struct map *m);
/* Insert or replace; returns the previous value, or NULL. */
void *map_put(struct map *m, const char *key, void *value);
void *map_get(const struct map *m, const char *key);

/* --------------------------------------------------------------------- log */

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG__MAX };

/* Set the threshold, once, before any thread starts (the one piece of process-wide
 * state: every module logs, and threading a logger through each call would buy
 * nothing).  The default is LOG_WARN; PRUDENT_LOG=debug|info|warn|error sets it
 * via log_init_from_env. */
void log_set_level(enum log_level level);
void log_init_from_env(void);
/* Write "prudent: LEVEL: message" to stderr if level passes the threshold. */
void log_msg(enum log_level level, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* -------------------------------------------------------------------- time */

/* RFC 3339 UTC with seconds, "2026-11-27T08:48:58Z": 20 chars + NUL. */
#define TIME_RFC3339_LEN 21

/* Format t (seconds since the epoch) in out; returns out. */
char *time_format_rfc3339(time_t t, char out[TIME_RFC3339_LEN]);
/* The current time, formatted. */
char *time_now_rfc3339(char out[TIME_RFC3339_LEN]);
/* "Now" for dates a person sees (a decision's re-offer date, a document's
 * date): $PRUDENT_NOW when it holds an RFC 3339 time, so tests and examples
 * can be compared byte for byte; the clock otherwise.  Evidence times always
 * come from the clock. */
time_t time_now_pinned(void);

/* Parse an RFC 3339 date-time ("2026-11-27T08:48:58Z", with optional fraction and
 * +hh:mm offset) into seconds since the epoch, UTC.  len bytes of s are read; any
 * trailing byte is an error.  Returns 0 or ERR_INPUT. */
int time_parse_rfc3339(const char *s, size_t len, int64_t *out, struct err *e);
/* Parse a full date "YYYY-MM-DD" (checked against the calendar); *out is midnight UTC. */
int time_parse_date(const char *s, size_t len, int64_t *out, struct err *e);

/* -------------------------------------------------------------- identifiers */

#define UUID_STR_LEN 37
/* A random (version 4) UUID in canonical lower-case form; returns out. */
char *uuid_v4(char out[UUID_STR_LEN]);
/* True for a canonical UUID string of any version. */
bool uuid_valid(const char *s);

/* A secret: 32 random bytes as 64 lower-case hex digits (session cookies, API
 * tokens, CSRF tokens, nonces); returns out. */
#define SECRET_HEX_LEN 65
char *secret_hex(char out[SECRET_HEX_LEN]);
/* Compare two strings in time independent of where they differ. */
bool secret_equal(const char *a, const char *b);
/* Overwrite a secret in memory (the compiler may not drop it as dead). */
void secret_wipe(void *p, size_t len);

/* Passwords: argon2id (libsodium's interactive limits) in its string form. */
#define PASSWORD_HASH_LEN 128
int password_hash(const char *password, char out[PASSWORD_HASH_LEN], struct err *e);
bool password_verify(const char *hash, const char *password);

/* ---------------------------------------------------------------- hashing */

#define HASH_SHA256_HEX_LEN 65
#define HASH_BLAKE2B_HEX_LEN 65 /* BLAKE2b-256 */

/* Start libsodium; call once at start-up.  Returns ERR_INTERNAL if it cannot. */
int hash_init(struct err *e);
char *hash_sha256_hex(const void *data, size_t len, char out[HASH_SHA256_HEX_LEN]);
char *hash_blake2b_hex(const void *data, size_t len, char out[HASH_BLAKE2B_HEX_LEN]);

/* Incremental BLAKE2b-256, for hashing many pieces (a whole content library). */
struct hash_blake2b {
	_Alignas(64) unsigned char state[384];
};
void hash_blake2b_init(struct hash_blake2b *h);
void hash_blake2b_update(struct hash_blake2b *h, const void *data, size_t len);
char *hash_blake2b_final(struct hash_blake2b *h, char out[HASH_BLAKE2B_HEX_LEN]);

/* ------------------------------------------------------------------ files */

/* A file held in memory: read from disk, or compiled into the binary by
 * tools/embed.c (arrays of these end with an entry whose name is NULL). */
struct named_file {
	const char *name; /* path relative to its root directory */
	const char *data; /* NUL-terminated; the NUL is not counted in len */
	size_t len;
};

/* Read a whole file into a NUL-terminated buffer the caller frees.  Files larger
 * than max_size are refused with ERR_INPUT; a missing file is ERR_NOTFOUND. */
int file_read_all(const char *path, size_t max_size, char **out, size_t *out_len,
		  struct err *e);

/* Replace path with data atomically: write a temporary file in the same
 * directory, fsync it, rename it over path, fsync the directory.  Readers see the
 * old content or the new, never a mix; a crash leaves no partial file at path. */
int file_write_atomic(const char *path, const void *data, size_t len, struct err *e);

/* True if path names an existing directory. */
bool file_is_dir(const char *path);

/* Create directory path and any missing parents (mode 0755); an existing
 * directory is fine. */
int file_mkdir_p(const char *path, struct err *e);

/* Unbounded string functions have no place here: use struct str. Include core.h
 * after the system headers so the poison does not trip over their inline code. */
#if defined(__GNUC__)
#pragma GCC poison strcpy strcat sprintf vsprintf gets
#endif

#endif /* PRUDENT_CORE_H */
