/*
 * verify.c - check an evidence set: the chain, the checkpoints, and every
 * document, scan and acceptance against the events that recorded them.
 *
 * Nothing here trusts a stored hash: each is recomputed from the bytes it
 * describes and compared with what the (chained, signed) events say.  Each
 * problem names the event it breaks, so "which record lies" has an answer.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>

#include "evidence/evidence.h"

/* ------------------------------------------------ loading from the database */

static const char *
dup(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

struct grow {
	void *items;
	size_t n, cap, size;
};

static void *
grow_next(struct grow *g)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->items = xrealloc(g->items, g->cap * g->size);
	}
	return (char *)g->items + g->size * g->n++;
}

/* Move a grown array into the arena. */
static void *
grow_keep(struct grow *g, struct arena *a)
{
	void *out = arena_array(a, g->n + 1, g->size);

	if (g->n)
		memcpy(out, g->items, g->n * g->size);
	free(g->items);
	return out;
}

struct load {
	struct arena *a;
	struct grow events, checkpoints;
};

static int
load_event(const struct store_event *ev, void *arg)
{
	struct load *l = arg;
	struct store_event *x = grow_next(&l->events);

	*x = (struct store_event){ev->seq, dup(l->a, ev->tenant_id), dup(l->a, ev->at),
		dup(l->a, ev->actor), dup(l->a, ev->type), dup(l->a, ev->client_id),
		dup(l->a, ev->payload), dup(l->a, ev->payload_sha256), dup(l->a, ev->prev_hash),
		dup(l->a, ev->hash)};
	return 0;
}

static int
load_checkpoint(const struct store_checkpoint *cp, void *arg)
{
	struct load *l = arg;
	struct store_checkpoint *x = grow_next(&l->checkpoints);

	*x = (struct store_checkpoint){cp->seq, dup(l->a, cp->head_hash), dup(l->a, cp->signed_at),
		dup(l->a, cp->public_key), dup(l->a, cp->signature)};
	return 0;
}

static const void *
dup_blob(struct arena *a, const void *b, size_t len)
{
	void *out = arena_alloc(a, len + 1);

	if (len)
		memcpy(out, b, len);
	return out;
}

/* Documents with their files, and scans, straight from their tables. */
static int
load_documents(struct store *db, struct ev_set *s, struct err *e)
{
	struct grow docs = {.size = sizeof(struct ev_document)};
	struct grow files = {.size = sizeof(struct ev_file)};
	struct grow scans = {.size = sizeof(struct ev_scan)};
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT d.client_id, d.version, d.doc_id, d.kind, d.title, "
			   "d.source_sha256, d.identity, d.issued_at, d.issued_by, f.format, "
			   "f.sha256, f.bytes FROM document d LEFT JOIN document_file f ON "
			   "f.client_id = d.client_id AND f.version = d.version AND f.doc_id = "
			   "d.doc_id WHERE d.tenant_id = ? ORDER BY d.client_id, d.version, "
			   "d.doc_id, f.format", &st, e);
	if (rc < 0)
		return rc;
	rc = store_bind_text(st, 1, s->tenant_id, e);
	struct ev_document *cur = NULL;
	size_t first_file = 0;

	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		const char *client = store_col_text(st, 0), *doc_id = store_col_text(st, 2);
		int64_t version = store_col_int(st, 1);

		if (!cur || strcmp(cur->client_id, client) || cur->version != version ||
		    strcmp(cur->doc_id, doc_id)) {
			if (cur)
				cur->n_files = files.n - first_file;
			cur = grow_next(&docs);
			first_file = files.n;
			*cur = (struct ev_document){dup(s->arena, client), dup(s->arena, doc_id),
				dup(s->arena, store_col_text(st, 3)), dup(s->arena, store_col_text(st, 4)),
				dup(s->arena, store_col_text(st, 5)), dup(s->arena, store_col_text(st, 6)),
				dup(s->arena, store_col_text(st, 7)), dup(s->arena, store_col_text(st, 8)),
				version, NULL, 0};
		}
		if (!store_col_is_null(st, 9)) {
			struct ev_file *f = grow_next(&files);
			size_t len;
			const void *b = store_col_blob(st, 11, &len);

			*f = (struct ev_file){dup(s->arena, store_col_text(st, 9)),
				dup(s->arena, store_col_text(st, 10)), dup_blob(s->arena, b, len), len};
		}
		rc = 0;
	}
	if (cur)
		cur->n_files = files.n - first_file;
	store_finalize(st);
	if (rc < 0)
		goto fail;
	struct ev_file *all = grow_keep(&files, s->arena);

	/* Documents and files came in the same order: each takes the next n_files. */
	for (size_t i = 0, at = 0; i < docs.n; i++) {
		struct ev_document *d = (struct ev_document *)docs.items + i;

		d->files = all + at;
		at += d->n_files;
	}
	s->n_docs = docs.n;
	s->docs = grow_keep(&docs, s->arena);

	rc = store_prepare(db, "SELECT client_id, sha256, media_type, bytes FROM scan WHERE "
			   "tenant_id = ? ORDER BY client_id, sha256", &st, e);
	if (rc < 0)
		goto fail_scans;
	rc = store_bind_text(st, 1, s->tenant_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct ev_scan *x = grow_next(&scans);
		size_t len;
		const void *b = store_col_blob(st, 3, &len);

		*x = (struct ev_scan){dup(s->arena, store_col_text(st, 0)),
			dup(s->arena, store_col_text(st, 1)), dup(s->arena, store_col_text(st, 2)),
			dup_blob(s->arena, b, len), len};
		rc = 0;
	}
	store_finalize(st);
	s->n_scans = scans.n;
	s->scans = grow_keep(&scans, s->arena);
	return rc < 0 ? rc : 0;
fail:
	free(files.items);
	free(docs.items);
fail_scans:
	free(scans.items);
	return rc;
}

int
ev_load(struct store *db, const char *tenant_id, struct arena *a, struct ev_set *s,
	struct err *e)
{
	struct load l = {a, {.size = sizeof(struct store_event)},
			 {.size = sizeof(struct store_checkpoint)}};
	struct store_key key;
	int rc;

	memset(s, 0, sizeof(*s));
	s->arena = a;
	s->tenant_id = arena_strdup(a, tenant_id);
	rc = store_key_get(db, tenant_id, &key, e);
	if (rc == 0)
		s->public_key = arena_strdup(a, key.public_key);
	else if (rc != ERR_NOTFOUND)
		return rc;
	*e = (struct err){0};
	if ((rc = store_event_each(db, tenant_id, NULL, NULL, 1, load_event, &l, e)) < 0 ||
	    (rc = store_checkpoint_each(db, tenant_id, load_checkpoint, &l, e)) < 0) {
		free(l.events.items);
		free(l.checkpoints.items);
		return rc;
	}
	s->n_events = l.events.n;
	s->events = grow_keep(&l.events, a);
	s->n_checkpoints = l.checkpoints.n;
	s->checkpoints = grow_keep(&l.checkpoints, a);
	return load_documents(db, s, e);
}

/* ------------------------------------------------ checking */

static void PRINTF_LIKE(3, 4)
problem(struct ev_report *r, int64_t seq, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(r->problems, json_pack("{s:o,s:s}", "seq",
		seq > 0 ? json_integer(seq) : json_null(), "what", msg));
	r->n_problems++;
}

static bool
sha_matches(const void *bytes, size_t len, const char *expected)
{
	char sha[HASH_SHA256_HEX_LEN];

	return expected && strcmp(hash_sha256_hex(bytes, len, sha), expected) == 0;
}

static void
check_chain(const struct ev_set *s, struct ev_report *r)
{
	const char *prev = store_event_genesis;
	int64_t expect = 1;
	char hash[HASH_SHA256_HEX_LEN];

	for (size_t i = 0; i < s->n_events; i++) {
		const struct store_event *ev = &s->events[i];

		if (ev->seq > expect)
			problem(r, ev->seq, expect == ev->seq - 1
				? "event %lld is missing before event %lld (deleted)"
				: "events %lld to %lld are missing (deleted)", (long long)expect,
				(long long)(expect == ev->seq - 1 ? ev->seq : ev->seq - 1));
		else if (ev->seq < expect)
			problem(r, ev->seq, "event %lld (%s) is out of order after event %lld "
				"(events reordered or repeated)", (long long)ev->seq, ev->type,
				(long long)(expect - 1));
		if (strcmp(ev->tenant_id, s->tenant_id) != 0)
			problem(r, ev->seq, "event %lld (%s) belongs to another MSP", (long long)ev->seq,
				ev->type);
		if (ev->payload && !sha_matches(ev->payload, strlen(ev->payload), ev->payload_sha256))
			problem(r, ev->seq, "event %lld (%s): its payload was changed after it was "
				"written", (long long)ev->seq, ev->type);
		if (strcmp(store_event_hash(ev, hash), ev->hash) != 0)
			problem(r, ev->seq, "event %lld (%s): its hash does not match its contents "
				"(changed after it was written)", (long long)ev->seq, ev->type);
		if (strcmp(ev->prev_hash, prev) != 0)
			problem(r, ev->seq, "event %lld (%s): it does not follow the event before it "
				"(an event was deleted, inserted or reordered, or its hash changed)",
				(long long)ev->seq, ev->type);
		prev = ev->hash;
		expect = ev->seq + 1;
	}
	r->head_seq = s->n_events ? s->events[s->n_events - 1].seq : 0;
}

/* The event with this seq, or NULL. */
static const struct store_event *
event_at(const struct ev_set *s, int64_t seq)
{
	if (seq >= 1 && (size_t)seq <= s->n_events && s->events[seq - 1].seq == seq)
		return &s->events[seq - 1];
	for (size_t i = 0; i < s->n_events; i++)
		if (s->events[i].seq == seq)
			return &s->events[i];
	return NULL;
}

static void
check_key_and_checkpoints(const struct ev_set *s, struct ev_report *r)
{
	const struct store_event *created = NULL;
	struct str msg = STR_INIT;

	for (size_t i = 0; i < s->n_events; i++) {
		const struct store_event *ev = &s->events[i];
		json_t *p;

		if (strcmp(ev->type, "key.created") != 0 || !ev->payload)
			continue;
		p = json_loads(ev->payload, 0, NULL);
		if (!s->public_key || !json_is_string(json_object_get(p, "public_key")) ||
		    strcmp(json_string_value(json_object_get(p, "public_key")), s->public_key) != 0)
			problem(r, ev->seq, "event %lld (key.created): the public key it recorded is not "
				"the MSP's key (the key was replaced)", (long long)ev->seq);
		created = ev;
		json_decref(p);
	}
	if (!created && s->n_checkpoints)
		problem(r, 0, "checkpoints exist but no event recorded the MSP's signing key");
	for (size_t i = 0; i < s->n_checkpoints; i++) {
		const struct store_checkpoint *cp = &s->checkpoints[i];
		const struct store_event *ev = event_at(s, cp->seq);
		unsigned char pk[32], sig[64];
		size_t pk_len = 0, sig_len = 0;

		if (!ev) {
			problem(r, cp->seq, "checkpoint at event %lld: the chain has no such event "
				"(events after %lld were deleted)", (long long)cp->seq,
				(long long)r->head_seq);
			continue;
		}
		if (strcmp(ev->hash, cp->head_hash) != 0)
			problem(r, cp->seq, "checkpoint at event %lld: the chain's hash there differs "
				"from the one signed (events up to %lld were changed)",
				(long long)cp->seq, (long long)cp->seq);
		if (!s->public_key || strcmp(cp->public_key, s->public_key) != 0)
			problem(r, cp->seq, "checkpoint at event %lld: signed with a key that is not "
				"the MSP's", (long long)cp->seq);
		str_clear(&msg);
		ev_checkpoint_message(s->tenant_id, cp->seq, cp->head_hash, cp->signed_at, &msg);
		if (sodium_hex2bin(pk, sizeof(pk), cp->public_key, strlen(cp->public_key), NULL,
				   &pk_len, NULL) != 0 || pk_len != sizeof(pk) ||
		    sodium_hex2bin(sig, sizeof(sig), cp->signature, strlen(cp->signature), NULL,
				   &sig_len, NULL) != 0 || sig_len != sizeof(sig) ||
		    crypto_sign_verify_detached(sig, (const unsigned char *)msg.buf, msg.len, pk) != 0)
			problem(r, cp->seq, "checkpoint at event %lld: its signature does not verify "
				"(the checkpoint was changed or re-signed)", (long long)cp->seq);
		if (cp->seq > r->signed_seq)
			r->signed_seq = cp->seq;
	}
	str_free(&msg);
}

/* Lookups built in one pass, so verification stays linear in the log: the
 * documents by client, version and id; the earliest initial of each mark by
 * each contact; the scans wet-ink events recorded. */
struct index {
	struct arena *a;
	struct map docs, initials, recorded;
};

static const char *
doc_key(struct arena *a, const char *client_id, int64_t version, const char *doc_id)
{
	return arena_printf(a, "%s\x1f%lld\x1f%s", client_id, (long long)version, doc_id);
}

static const char *
initial_key(struct arena *a, const char *client_id, const char *contact, const char *doc_id,
	    int64_t version, const char *mark)
{
	return arena_printf(a, "%s\x1f%s\x1f%s\x1f%lld\x1f%s", client_id, contact, doc_id,
			    (long long)version, mark);
}

static void
index_build(const struct ev_set *s, struct index *x)
{
	for (size_t i = 0; i < s->n_docs; i++)
		map_put(&x->docs, doc_key(x->a, s->docs[i].client_id, s->docs[i].version,
					  s->docs[i].doc_id), &s->docs[i]);
	for (size_t i = 0; i < s->n_events; i++) {
		const struct store_event *ev = &s->events[i];
		bool initial = strcmp(ev->type, "acceptance.initialed") == 0;
		json_t *p;
		const char *key;

		if (!ev->payload || (!initial && strcmp(ev->type, "acceptance.wet-ink") != 0))
			continue;
		p = json_loads(ev->payload, 0, NULL);
		if (initial)
			key = initial_key(x->a, ev->client_id, ev_json_str(p, "contact"),
					  ev_json_str(p, "doc_id"),
					  json_integer_value(json_object_get(p, "version")),
					  ev_json_str(p, "mark"));
		else
			key = arena_printf(x->a, "%s\x1f%s", ev_json_str(p, "scan_sha256"),
					   ev_json_str(p, "media_type"));
		if (!map_get(initial ? &x->initials : &x->recorded, key))
			map_put(initial ? &x->initials : &x->recorded, key, (void *)&ev->seq);
		json_decref(p);
	}
}

static bool
in_scope(const struct ev_set *s, const char *client_id)
{
	return !s->only_client || strcmp(s->only_client, client_id) == 0;
}

static const struct ev_document *
find_doc(const struct index *x, const char *client_id, int64_t version, const char *doc_id)
{
	return map_get(&x->docs, doc_key(x->a, client_id, version, doc_id));
}

/* A stored document against the event that issued it. */
static void
check_issued(const struct ev_set *s, const struct index *x, const struct store_event *ev,
	     json_t *p, bool *seen, struct ev_report *r)
{
	int64_t version = json_integer_value(json_object_get(p, "version"));
	const char *doc_id = ev_json_str(p, "doc_id");
	const struct ev_document *d = find_doc(x, ev->client_id, version, doc_id);
	json_t *files = json_object_get(p, "files");
	const char *format;
	json_t *sha;

	if (!d) {
		if (in_scope(s, ev->client_id))
			problem(r, ev->seq, "event %lld (document.issued): %s version %lld is missing "
				"(deleted)", (long long)ev->seq, doc_id, (long long)version);
		return;
	}
	seen[d - s->docs] = true;
	if (strcmp(d->kind, ev_json_str(p, "kind")) || strcmp(d->title, ev_json_str(p, "title")) ||
	    strcmp(d->source_sha256, ev_json_str(p, "source_sha256")) ||
	    strcmp(d->issued_at, ev_json_str(p, "issued_at")) || strcmp(d->issued_by, ev->actor) ||
	    !sha_matches(d->identity, strlen(d->identity), ev_json_str(p, "identity_sha256")))
		problem(r, ev->seq, "%s version %lld: its record differs from what event %lld "
			"recorded at issue (changed)", doc_id, (long long)version,
			(long long)ev->seq);
	json_object_foreach(files, format, sha) {
		const struct ev_file *f = NULL;

		for (size_t i = 0; i < d->n_files; i++)
			if (strcmp(d->files[i].format, format) == 0)
				f = &d->files[i];
		if (!f)
			problem(r, ev->seq, "%s version %lld: its %s file is missing (deleted)",
				doc_id, (long long)version, format);
		else if (!sha_matches(f->bytes, f->len, json_string_value(sha)))
			problem(r, ev->seq, "%s version %lld: the bytes of its %s file are not those "
				"event %lld recorded (changed)", doc_id, (long long)version, format,
				(long long)ev->seq);
		else if (strcmp(f->sha256, json_string_value(sha)) != 0)
			problem(r, ev->seq, "%s version %lld: the hash stored beside its %s file was "
				"changed", doc_id, (long long)version, format);
	}
	for (size_t i = 0; i < d->n_files; i++)
		if (!json_object_get(files, d->files[i].format))
			problem(r, ev->seq, "%s version %lld: its %s file was not recorded at issue "
				"(added)", doc_id, (long long)version, d->files[i].format);
}

/* A signature against its document, consent and initials. */
static void
check_signed(const struct ev_set *s, const struct index *x, const struct store_event *ev,
	     json_t *p, struct ev_report *r)
{
	int64_t version = json_integer_value(json_object_get(p, "version"));
	const char *doc_id = ev_json_str(p, "doc_id"), *contact = ev_json_str(p, "contact");
	const struct ev_document *d = find_doc(x, ev->client_id, version, doc_id);
	const struct store_event *consent = event_at(s, json_integer_value(json_object_get(p,
		"consent_seq")));
	json_t *clauses = NULL, *c, *m;
	size_t i, j;

	r->n_acceptances++;
	if (!consent || consent->seq >= ev->seq || strcmp(consent->type, "acceptance.consent") ||
	    strcmp(consent->client_id, ev->client_id))
		problem(r, ev->seq, "event %lld (acceptance.signed): the consent it relies on is "
			"not in the chain before it", (long long)ev->seq);
	if (!d)
		return; /* reported with its issue event, or outside a bundle's client */
	for (i = 0; i < d->n_files; i++) {
		if (strcmp(d->files[i].format, "pdf") == 0 && strcmp(d->files[i].sha256,
								     ev_json_str(p, "pdf_sha256")))
			problem(r, ev->seq, "event %lld (acceptance.signed): the signed PDF's hash is "
				"not the issued %s version %lld's", (long long)ev->seq, doc_id,
				(long long)version);
		if (strcmp(d->files[i].format, "json") == 0)
			clauses = json_loadb(d->files[i].bytes, d->files[i].len, 0, NULL);
	}
	/* Every mark initialled by the same contact, before the signature. */
	json_array_foreach(json_object_get(clauses, "clauses"), i, c)
		json_array_foreach(json_object_get(c, "marks"), j, m) {
			const char *mark = ev_json_str(m, "id");
			const int64_t *first = map_get(&x->initials, initial_key(x->a, ev->client_id,
				contact, doc_id, version, mark));
			bool found = first && *first < ev->seq;

			if (!found)
				problem(r, ev->seq, "event %lld (acceptance.signed): %s version %lld "
					"was signed without the initials for %s", (long long)ev->seq,
					doc_id, (long long)version, mark);
		}
	json_decref(clauses);
}

static void
check_scans(const struct ev_set *s, const struct index *x, struct ev_report *r)
{
	for (size_t i = 0; i < s->n_scans; i++) {
		const struct ev_scan *sc = &s->scans[i];

		if (!sha_matches(sc->bytes, sc->len, sc->sha256))
			problem(r, 0, "the signed copy %.16s...: its bytes were changed", sc->sha256);
		if (!map_get(&x->recorded, arena_printf(x->a, "%s\x1f%s", sc->sha256,
							sc->media_type)))
			problem(r, 0, "the signed copy %.16s... (%s) was not recorded by any event "
				"(added or changed)", sc->sha256, sc->media_type);
	}
}

static void
check_wet_ink(const struct ev_set *s, const struct store_event *ev, json_t *p,
	      struct ev_report *r)
{
	const char *sha = ev_json_str(p, "scan_sha256");

	r->n_acceptances++;
	if (!in_scope(s, ev->client_id))
		return;
	for (size_t i = 0; i < s->n_scans; i++)
		if (strcmp(s->scans[i].sha256, sha) == 0)
			return;
	problem(r, ev->seq, "event %lld (acceptance.wet-ink): the signed copy it recorded is "
		"missing (deleted)", (long long)ev->seq);
}

void
ev_verify(const struct ev_set *s, struct ev_report *r)
{
	bool *seen = xcalloc(s->n_docs + 1, sizeof(*seen));
	struct index x = {.a = arena_new()};

	memset(r, 0, sizeof(*r));
	r->problems = json_array();
	r->n_events = s->n_events;
	r->n_checkpoints = s->n_checkpoints;
	r->n_docs = s->n_docs;
	r->n_scans = s->n_scans;
	check_chain(s, r);
	check_key_and_checkpoints(s, r);
	index_build(s, &x);
	for (size_t i = 0; i < s->n_events; i++) {
		const struct store_event *ev = &s->events[i];
		json_t *p;

		if (!ev->payload || (strcmp(ev->type, "document.issued") &&
				     strcmp(ev->type, "acceptance.signed") &&
				     strcmp(ev->type, "acceptance.wet-ink")))
			continue;
		if (!(p = json_loads(ev->payload, 0, NULL))) {
			problem(r, ev->seq, "event %lld (%s): its payload is not JSON",
				(long long)ev->seq, ev->type);
			continue;
		}
		if (strcmp(ev->type, "document.issued") == 0)
			check_issued(s, &x, ev, p, seen, r);
		else if (strcmp(ev->type, "acceptance.signed") == 0)
			check_signed(s, &x, ev, p, r);
		else
			check_wet_ink(s, ev, p, r);
		json_decref(p);
	}
	for (size_t i = 0; i < s->n_docs; i++)
		if (!seen[i])
			problem(r, 0, "%s version %lld: no event recorded its issue (added outside "
				"Prudent)", s->docs[i].doc_id, (long long)s->docs[i].version);
	check_scans(s, &x, r);
	map_free(&x.docs);
	map_free(&x.initials);
	map_free(&x.recorded);
	arena_free(x.a);
	free(seen);
}

void
ev_report_free(struct ev_report *r)
{
	json_decref(r->problems);
	r->problems = NULL;
}
