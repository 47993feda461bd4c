/*
 * event.c - the tenant's hash-chained event log, its signing key and its
 * signed checkpoints.
 *
 * Appending reads the head and inserts the next event inside one write
 * transaction (BEGIN IMMEDIATE, or the caller's), so two writers cannot both
 * take the same seq: the second waits for the first.  The database refuses
 * updates and deletes of all three tables (migration 0006); what is checked
 * here is only that appends are well formed.  Verification lives in
 * src/evidence/.
 */
#include <stdlib.h>
#include <sodium.h>
#include <time.h>

#include "store/store_impl.h"

const char store_event_genesis[HASH_SHA256_HEX_LEN] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void
field(crypto_hash_sha256_state *h, const char *s)
{
	char len[24];
	size_t n = s ? strlen(s) : 0;

	snprintf(len, sizeof(len), "%zu:", n);
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_hash_sha256_update(h, (const unsigned char *)(s ? s : ""), n);
	crypto_hash_sha256_update(h, (const unsigned char *)"\n", 1);
}

char *
store_event_hash(const struct store_event *ev, char out[HASH_SHA256_HEX_LEN])
{
	static const char magic[] = "prudent-event-v1\n";
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char seq[24];

	snprintf(seq, sizeof(seq), "%lld", (long long)ev->seq);
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)magic, sizeof(magic) - 1);
	field(&h, ev->tenant_id);
	field(&h, seq);
	field(&h, ev->at);
	field(&h, ev->actor);
	field(&h, ev->type);
	field(&h, ev->client_id);
	field(&h, ev->payload_sha256);
	field(&h, ev->prev_hash);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, HASH_SHA256_HEX_LEN, digest, sizeof(digest));
	return out;
}

/* Now, RFC 3339 UTC with milliseconds: events of one second stay ordered for
 * a reader, and seq orders them for the chain. */
static void
now_ms(char out[32])
{
	struct timespec ts;
	char sec[TIME_RFC3339_LEN];

	clock_gettime(CLOCK_REALTIME, &ts);
	time_format_rfc3339(ts.tv_sec, sec);
	/* "2026-11-27T08:48:58Z" -> "2026-11-27T08:48:58.123Z" */
	snprintf(out, 32, "%.19s.%03dZ", sec, (int)(ts.tv_nsec / 1000000) % 1000);
}

int
store_event_head(struct store *db, const char *tenant_id, int64_t *seq,
		 char hash[HASH_SHA256_HEX_LEN], struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT seq, hash FROM event WHERE tenant_id = ? "
			       "ORDER BY seq DESC LIMIT 1", &st, e);

	if (rc < 0)
		return rc;
	*seq = 0;
	memcpy(hash, store_event_genesis, HASH_SHA256_HEX_LEN);
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		*seq = store_col_int(st, 0);
		store_col_copy(st, 1, hash, HASH_SHA256_HEX_LEN);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_event_add(struct store *db, const char *tenant_id, const char *client_id, const char *actor,
		const char *type, const char *payload, int64_t *seq, struct err *e)
{
	struct store_event ev = {.tenant_id = tenant_id, .actor = actor, .type = type,
				 .client_id = client_id ? client_id : "",
				 .payload = payload ? payload : "{}"};
	char at[32], prev[HASH_SHA256_HEX_LEN], psha[HASH_SHA256_HEX_LEN], hash[HASH_SHA256_HEX_LEN];
	struct store_stmt *st;
	int rc;

	if (!actor || !*actor || !type || !*type)
		return err_set(e, ERR_INTERNAL, "an event needs an actor and a type");
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_event_head(db, tenant_id, &ev.seq, prev, e)) < 0)
		goto fail;
	ev.seq++;
	now_ms(at);
	ev.at = at;
	ev.prev_hash = prev;
	ev.payload_sha256 = hash_sha256_hex(ev.payload, strlen(ev.payload), psha);
	store_event_hash(&ev, hash);
	rc = store_prepare(db, "INSERT INTO event (tenant_id, seq, at, actor, type, client_id, "
			   "payload, payload_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
			   "?, ?)", &st, e);
	if (rc < 0)
		goto fail;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_int(st, 2, ev.seq, e)) == 0 &&
	    (rc = store_bind_text(st, 3, at, e)) == 0 &&
	    (rc = store_bind_text(st, 4, actor, e)) == 0 &&
	    (rc = store_bind_text(st, 5, type, e)) == 0 &&
	    (rc = store_bind_text(st, 6, ev.client_id, e)) == 0 &&
	    (rc = store_bind_text(st, 7, ev.payload, e)) == 0 &&
	    (rc = store_bind_text(st, 8, psha, e)) == 0 &&
	    (rc = store_bind_text(st, 9, prev, e)) == 0 &&
	    (rc = store_bind_text(st, 10, hash, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if (rc < 0 || (rc = store_commit(db, e)) < 0)
		goto fail;
	if (seq)
		*seq = ev.seq;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int
store_event_each(struct store *db, const char *tenant_id, const char *client_id, const char *type,
		 int64_t from, int (*fn)(const struct store_event *ev, void *arg), void *arg,
		 struct err *e)
{
	struct store_stmt *st;
	struct str sql = STR_INIT;
	int rc, i = 3;

	str_puts(&sql, "SELECT seq, tenant_id, at, actor, type, client_id, payload, payload_sha256, "
		 "prev_hash, hash FROM event WHERE tenant_id = ? AND seq >= ?");
	if (client_id)
		str_puts(&sql, " AND client_id = ?");
	if (type)
		str_puts(&sql, type[strlen(type) - 1] == '.' ? " AND substr(type, 1, ?) = ?"
							       : " AND type = ?");
	str_puts(&sql, " ORDER BY seq");
	rc = store_prepare(db, sql.buf, &st, e);
	str_free(&sql);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0)
		rc = store_bind_int(st, 2, from, e);
	if (rc == 0 && client_id)
		rc = store_bind_text(st, i++, client_id, e);
	if (rc == 0 && type && type[strlen(type) - 1] == '.')
		rc = store_bind_int(st, i++, (int64_t)strlen(type), e);
	if (rc == 0 && type)
		rc = store_bind_text(st, i++, type, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct store_event ev = {store_col_int(st, 0), store_col_text(st, 1),
			store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4),
			store_col_text(st, 5), store_col_text(st, 6), store_col_text(st, 7),
			store_col_text(st, 8), store_col_text(st, 9)};

		rc = fn(&ev, arg);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

/* ------------------------------------------------ key and checkpoints */

int
store_key_get(struct store *db, const char *tenant_id, struct store_key *out, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT public_key, sealed_key, created_at FROM tenant_key "
			       "WHERE tenant_id = ?", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		store_col_copy(st, 0, out->public_key, sizeof(out->public_key));
		store_col_copy(st, 1, out->sealed_key, sizeof(out->sealed_key));
		store_col_copy(st, 2, out->created_at, sizeof(out->created_at));
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "the MSP has no signing key yet");
	}
	store_finalize(st);
	return rc;
}

int
store_key_add(struct store *db, const char *tenant_id, const struct store_key *k, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "INSERT INTO tenant_key (tenant_id, public_key, sealed_key, "
			       "created_at) VALUES (?, ?, ?, ?)", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, k->public_key, e)) == 0 &&
	    (rc = store_bind_text(st, 3, k->sealed_key, e)) == 0 &&
	    (rc = store_bind_text(st, 4, k->created_at, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_checkpoint_add(struct store *db, const char *tenant_id, const struct store_checkpoint *cp,
		     struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "INSERT INTO checkpoint (tenant_id, seq, head_hash, signed_at, "
			       "public_key, signature) VALUES (?, ?, ?, ?, ?, ?)", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_int(st, 2, cp->seq, e)) == 0 &&
	    (rc = store_bind_text(st, 3, cp->head_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 4, cp->signed_at, e)) == 0 &&
	    (rc = store_bind_text(st, 5, cp->public_key, e)) == 0 &&
	    (rc = store_bind_text(st, 6, cp->signature, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_checkpoint_each(struct store *db, const char *tenant_id,
		      int (*fn)(const struct store_checkpoint *cp, void *arg), void *arg,
		      struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT seq, head_hash, signed_at, public_key, signature FROM "
			       "checkpoint WHERE tenant_id = ? ORDER BY seq", &st, e);

	if (rc < 0)
		return rc;
	rc = store_bind_text(st, 1, tenant_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct store_checkpoint cp = {store_col_int(st, 0), store_col_text(st, 1),
			store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4)};

		rc = fn(&cp, arg);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_checkpoint_last(struct store *db, const char *tenant_id, int64_t *seq,
		      char signed_at[TIME_RFC3339_LEN], struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT seq, substr(signed_at, 1, 19) || 'Z' FROM checkpoint "
			       "WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1", &st, e);

	if (rc < 0)
		return rc;
	*seq = 0;
	signed_at[0] = '\0';
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		*seq = store_col_int(st, 0);
		store_col_copy(st, 1, signed_at, TIME_RFC3339_LEN);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_event_commit(struct store *db, int rc, const char *tenant_id, const char *client_id,
		   const char *actor, const char *type, json_t *payload, struct err *e)
{
	char *text = NULL;

	if (rc == 0 && !(text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS)))
		rc = err_set(e, ERR_INTERNAL, "an event's payload could not be written");
	json_decref(payload);
	if (rc == 0 && (rc = store_event_add(db, tenant_id, client_id, actor, type, text, NULL,
					     e)) == 0 && (rc = store_commit(db, e)) == 0) {
		free(text);
		return 0;
	}
	free(text);
	store_rollback(db);
	return rc;
}
