/*
 * bundle.c - a client's evidence bundle: a ZIP archive that proves, without
 * Prudent's database, what the client was shown and what it accepted.
 *
 *   manifest.json      what is inside: every file with its SHA-256, the
 *                      client, the chain's head and the public key
 *   manifest.sig       the manifest's Ed25519 signature (hex), by the MSP's key
 *   public-key.txt     the MSP's Ed25519 public key (hex)
 *   events.jsonl       the MSP's whole chain, one event a line; other
 *                      clients' payloads are left out (their payload_sha256
 *                      keeps the chain checkable)
 *   checkpoints.jsonl  the signed checkpoints
 *   documents.jsonl    the client's issued documents as stored, with files in
 *   documents/         VERSION/DOC_ID.FORMAT
 *   scans.jsonl, scans/  wet-ink signed copies
 *   certificates/      VERSION/DOC_ID.certificate.pdf and .signed.pdf for each
 *                      document signed or refused
 *   consent.txt        the text contacts agree to before signing electronically
 *   README.txt         how to check it
 *
 * Reading a bundle back builds the same evidence set as the database gives,
 * so `prudent verify bundle.zip` runs the very checks `prudent verify` does.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <zip.h>

#include "evidence/evidence.h"

#define BUNDLE_FORMAT "prudent-evidence-v1"

static const char readme[] =
	"Prudent evidence bundle\n"
	"=======================\n"
	"\n"
	"This archive holds what an IT provider showed one client and what the client\n"
	"accepted, refused or declined, with the provider's tamper-evident event log.\n"
	"\n"
	"To check it with Prudent:   prudent verify THIS-FILE.zip\n"
	"\n"
	"To check it by hand (docs/evidence.md in Prudent's source gives the details):\n"
	"1. Every file listed in manifest.json has the SHA-256 given there.\n"
	"2. manifest.sig is the Ed25519 signature of manifest.json's bytes by the key\n"
	"   in public-key.txt; compare that key with the one printed on the\n"
	"   certificates of completion the client received.\n"
	"3. In events.jsonl each event's hash is the SHA-256 of its canonical encoding\n"
	"   and names the previous event's hash; seq counts from 1 without gaps.\n"
	"4. Each line of checkpoints.jsonl is signed by the same key and names the\n"
	"   hash of the event at its seq.\n"
	"5. The document files' hashes match the document.issued events, and each\n"
	"   acceptance.signed event follows the client's consent and every initial.\n";

struct part {
	const char *name;
	const void *bytes;
	size_t len;
};

struct writer {
	struct arena *a;
	struct part *parts;
	size_t n, cap;
};

static void
add(struct writer *w, const char *name, const void *bytes, size_t len)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->parts = xrealloc(w->parts, w->cap * sizeof(*w->parts));
	}
	w->parts[w->n++] = (struct part){arena_strdup(w->a, name), bytes, len};
}

static void
add_str(struct writer *w, const char *name, const struct str *s)
{
	add(w, name, arena_strndup(w->a, s->buf ? s->buf : "", s->len), s->len);
}

static void
add_json_line(struct str *out, json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	str_puts(out, text);
	str_putc(out, '\n');
	free(text);
	json_decref(o);
}

static const char *
scan_ext(const char *media_type)
{
	return strcmp(media_type, "application/pdf") == 0 ? "pdf"
	       : strcmp(media_type, "image/png") == 0 ? "png" : "jpg";
}

/* The certificate and the signed copy of each document signed or refused. */
static int
add_certificates(struct writer *w, struct store *db, const struct store_client *c,
		 const struct ev_set *s, const char *provider, const char *customer,
		 struct err *e)
{
	struct ev_doc_status *list;
	size_t n;
	int rc = ev_doc_statuses(db, c, w->a, &list, &n, e);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct doc_certificate cert;
		struct str pdf = STR_INIT, copy = STR_INIT;
		const struct ev_file *issued = NULL;

		if (list[i].state != EV_SIGNED && list[i].state != EV_REFUSED)
			continue;
		for (size_t d = 0; d < s->n_docs && !issued; d++)
			if (s->docs[d].version == list[i].version &&
			    strcmp(s->docs[d].doc_id, list[i].doc_id) == 0 &&
			    strcmp(s->docs[d].client_id, c->id) == 0)
				for (size_t f = 0; f < s->docs[d].n_files; f++)
					if (strcmp(s->docs[d].files[f].format, "pdf") == 0)
						issued = &s->docs[d].files[f];
		if (!issued)
			continue;
		if ((rc = ev_certificate(db, c, provider, customer, list[i].version, list[i].doc_id,
					 w->a, &cert, e)) == 0 &&
		    (rc = doc_certificate_pdf(&cert, &pdf, e)) == 0 &&
		    (rc = doc_signed_copy_pdf(issued->bytes, issued->len, &cert, &copy, e)) == 0) {
			add_str(w, arena_printf(w->a, "certificates/%lld/%s.certificate.pdf",
						(long long)list[i].version, list[i].doc_id), &pdf);
			add_str(w, arena_printf(w->a, "certificates/%lld/%s.signed.pdf",
						(long long)list[i].version, list[i].doc_id), &copy);
		}
		str_free(&pdf);
		str_free(&copy);
	}
	return rc;
}

/* Write the parts into a ZIP file at path (libzip writes a temporary file and
 * renames it, so a failure leaves no half-written bundle). */
static int
write_zip(const char *path, const struct writer *w, struct err *e)
{
	struct tm tm = {.tm_year = 80, .tm_mon = 0, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1};
	time_t mtime = mktime(&tm);
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	if (!za) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		err_set(e, ERR_IO, "cannot write %s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ERR_IO;
	}
	for (size_t i = 0; i < w->n; i++) {
		zip_source_t *src = zip_source_buffer(za, w->parts[i].bytes, w->parts[i].len, 0);
		zip_int64_t idx = src ? zip_file_add(za, w->parts[i].name, src, ZIP_FL_ENC_UTF_8) : -1;

		if (idx < 0 || zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0) {
			err_set(e, ERR_IO, "cannot add %s to %s: %s", w->parts[i].name, path,
				zip_strerror(za));
			if (src && idx < 0)
				zip_source_free(src);
			zip_discard(za);
			return ERR_IO;
		}
	}
	if (zip_close(za) < 0) {
		err_set(e, ERR_IO, "cannot write %s: %s", path, zip_strerror(za));
		zip_discard(za);
		return ERR_IO;
	}
	return 0;
}

int
ev_bundle_write(struct store *db, const struct store_tenant *t, const struct store_client *c,
		const struct ev_key *k, const char *provider, const char *customer,
		const char *path, struct err *e)
{
	struct arena *a = arena_new();
	struct writer w = {.a = a};
	struct ev_set s;
	struct str events = STR_INIT, cps = STR_INIT, docs = STR_INIT, scans = STR_INIT,
		   man = STR_INIT;
	json_t *manifest, *files = json_array();
	char now[TIME_RFC3339_LEN], sha[HASH_SHA256_HEX_LEN], sig_hex[EV_SIGNATURE_HEX];
	unsigned char sig[crypto_sign_BYTES];
	int rc;

	if ((rc = ev_load(db, t->id, a, &s, e)) < 0)
		goto done;
	for (size_t i = 0; i < s.n_events; i++) {
		const struct store_event *ev = &s.events[i];
		bool mine = strcmp(ev->client_id, c->id) == 0 || !*ev->client_id;

		add_json_line(&events, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s}",
			"seq", (json_int_t)ev->seq, "tenant_id", ev->tenant_id, "at", ev->at,
			"actor", ev->actor, "type", ev->type, "client_id", ev->client_id,
			"payload", mine ? json_string(ev->payload) : json_null(),
			"payload_sha256", ev->payload_sha256, "prev_hash", ev->prev_hash,
			"hash", ev->hash));
	}
	for (size_t i = 0; i < s.n_checkpoints; i++) {
		const struct store_checkpoint *cp = &s.checkpoints[i];

		add_json_line(&cps, json_pack("{s:I,s:s,s:s,s:s,s:s}", "seq", (json_int_t)cp->seq,
			"head_hash", cp->head_hash, "signed_at", cp->signed_at, "public_key",
			cp->public_key, "signature", cp->signature));
	}
	for (size_t i = 0; i < s.n_docs; i++) {
		const struct ev_document *d = &s.docs[i];
		json_t *fl;

		if (strcmp(d->client_id, c->id) != 0)
			continue;
		fl = json_array();
		for (size_t f = 0; f < d->n_files; f++) {
			const char *name = arena_printf(a, "documents/%lld/%s.%s",
							(long long)d->version, d->doc_id,
							d->files[f].format);

			add(&w, name, d->files[f].bytes, d->files[f].len);
			json_array_append_new(fl, json_pack("{s:s,s:s,s:s}", "format",
				d->files[f].format, "sha256", d->files[f].sha256, "path", name));
		}
		add_json_line(&docs, json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}",
			"client_id", d->client_id, "version", (json_int_t)d->version, "doc_id",
			d->doc_id, "kind", d->kind, "title", d->title, "source_sha256",
			d->source_sha256, "identity", d->identity, "issued_at", d->issued_at,
			"issued_by", d->issued_by, "files", fl));
	}
	for (size_t i = 0; i < s.n_scans; i++) {
		const struct ev_scan *x = &s.scans[i];
		const char *name;

		if (strcmp(x->client_id, c->id) != 0)
			continue;
		name = arena_printf(a, "scans/%s.%s", x->sha256, scan_ext(x->media_type));
		add(&w, name, x->bytes, x->len);
		add_json_line(&scans, json_pack("{s:s,s:s,s:s,s:s}", "client_id", x->client_id,
			"sha256", x->sha256, "media_type", x->media_type, "path", name));
	}
	add_str(&w, "events.jsonl", &events);
	add_str(&w, "checkpoints.jsonl", &cps);
	add_str(&w, "documents.jsonl", &docs);
	add_str(&w, "scans.jsonl", &scans);
	add(&w, "public-key.txt", arena_printf(a, "%s\n", k->public_key),
	    strlen(k->public_key) + 1);
	add(&w, "consent.txt", ev_consent_text, strlen(ev_consent_text));
	add(&w, "README.txt", readme, sizeof(readme) - 1);
	if ((rc = add_certificates(&w, db, c, &s, provider, customer, e)) < 0)
		goto done;
	for (size_t i = 0; i < w.n; i++)
		json_array_append_new(files, json_pack("{s:s,s:s,s:I}", "path", w.parts[i].name,
			"sha256", hash_sha256_hex(w.parts[i].bytes, w.parts[i].len, sha),
			"bytes", (json_int_t)w.parts[i].len));
	manifest = json_pack("{s:s,s:s,s:s,s:{s:s,s:s,s:s},s:s,s:s,s:{s:I,s:s},s:o}",
		"format", BUNDLE_FORMAT, "tenant_id", t->id, "provider", provider,
		"client", "id", c->id, "slug", c->slug, "name", customer,
		"created_at", time_now_rfc3339(now), "public_key", k->public_key,
		"head", "seq", (json_int_t)(s.n_events ? s.events[s.n_events - 1].seq : 0),
		"hash", s.n_events ? s.events[s.n_events - 1].hash : store_event_genesis,
		"files", files);
	files = NULL;
	{
		char *text = json_dumps(manifest, JSON_INDENT(1) | JSON_PRESERVE_ORDER);

		str_puts(&man, text);
		str_putc(&man, '\n');
		free(text);
		json_decref(manifest);
	}
	crypto_sign_detached(sig, NULL, (const unsigned char *)man.buf, man.len, k->secret);
	sodium_bin2hex(sig_hex, sizeof(sig_hex), sig, sizeof(sig));
	add_str(&w, "manifest.json", &man);
	add(&w, "manifest.sig", arena_printf(a, "%s\n", sig_hex), strlen(sig_hex) + 1);
	rc = write_zip(path, &w, e);
done:
	json_decref(files);
	str_free(&events);
	str_free(&cps);
	str_free(&docs);
	str_free(&scans);
	str_free(&man);
	free(w.parts);
	arena_free(a);
	return rc;
}

/* ------------------------------------------------ reading a bundle back */

struct reader {
	zip_t *za;
	struct arena *a;
	struct ev_report *r;
	json_t *manifest;
};

static void PRINTF_LIKE(2, 3)
note(struct ev_report *r, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(r->problems, json_pack("{s:n,s:s}", "seq", "what", msg));
	r->n_problems++;
}

/* The bytes of one member (NUL-terminated, in the arena), or NULL. */
static char *
member(struct reader *rd, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;

	if (zip_stat(rd->za, name, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    st.size > ((zip_uint64_t)1 << 31))
		return NULL;
	if (!(f = zip_fopen(rd->za, name, 0)))
		return NULL;
	buf = arena_alloc(rd->a, (size_t)st.size + 1);
	if (zip_fread(f, buf, st.size) != (zip_int64_t)st.size) {
		zip_fclose(f);
		return NULL;
	}
	zip_fclose(f);
	buf[st.size] = '\0';
	*len = (size_t)st.size;
	return buf;
}

/* A member the manifest lists, checked against its hash there. */
static char *
listed(struct reader *rd, const char *name, size_t *len)
{
	size_t i;
	json_t *f;
	char *bytes = member(rd, name, len);

	if (!bytes) {
		note(rd->r, "the bundle has no %s", name);
		return NULL;
	}
	json_array_foreach(json_object_get(rd->manifest, "files"), i, f)
		if (strcmp(ev_json_str(f, "path"), name) == 0) {
			char sha[HASH_SHA256_HEX_LEN];

			if (strcmp(hash_sha256_hex(bytes, *len, sha),
				   ev_json_str(f, "sha256")) != 0)
				note(rd->r, "%s was changed: its SHA-256 is not the manifest's", name);
			return bytes;
		}
	note(rd->r, "%s is not listed in the manifest (added)", name);
	return bytes;
}

static const char *
jdup(struct arena *a, json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? arena_strdup(a, v) : "";
}

/* Each line of a JSON-lines member, parsed, to fn. */
static int
each_line(struct reader *rd, const char *name, void (*fn)(struct reader *, json_t *, void *),
	  void *arg, struct err *e)
{
	size_t len, line = 0;
	char *text = listed(rd, name, &len), *p, *nl;

	for (p = text; p && p < text + len; p = nl + 1) {
		json_t *o;

		line++;
		if (!(nl = memchr(p, '\n', (size_t)(text + len - p))))
			nl = text + len;
		if (!(o = json_loadb(p, (size_t)(nl - p), 0, NULL)) || !json_is_object(o)) {
			json_decref(o);
			return err_set(e, ERR_INPUT, "%s line %zu is not a JSON object", name, line);
		}
		fn(rd, o, arg);
		json_decref(o);
	}
	return 0;
}

struct lists {
	struct store_event *events;
	size_t n_events, cap_events;
	struct store_checkpoint *cps;
	size_t n_cps, cap_cps;
	struct ev_document *docs;
	size_t n_docs, cap_docs;
	struct ev_scan *scans;
	size_t n_scans, cap_scans;
};

#define PUSH(arr, n, cap) \
	((n) == (cap) ? ((cap) = (cap) ? (cap) * 2 : 64, \
			 (arr) = xrealloc((arr), (cap) * sizeof(*(arr)))) : (arr), &(arr)[(n)++])

static void
read_event(struct reader *rd, json_t *o, void *arg)
{
	struct lists *l = arg;
	struct store_event *ev = PUSH(l->events, l->n_events, l->cap_events);
	json_t *p = json_object_get(o, "payload");

	*ev = (struct store_event){json_integer_value(json_object_get(o, "seq")),
		jdup(rd->a, o, "tenant_id"), jdup(rd->a, o, "at"), jdup(rd->a, o, "actor"),
		jdup(rd->a, o, "type"), jdup(rd->a, o, "client_id"),
		json_is_string(p) ? arena_strdup(rd->a, json_string_value(p)) : NULL,
		jdup(rd->a, o, "payload_sha256"), jdup(rd->a, o, "prev_hash"),
		jdup(rd->a, o, "hash")};
}

static void
read_checkpoint(struct reader *rd, json_t *o, void *arg)
{
	struct lists *l = arg;
	struct store_checkpoint *cp = PUSH(l->cps, l->n_cps, l->cap_cps);

	*cp = (struct store_checkpoint){json_integer_value(json_object_get(o, "seq")),
		jdup(rd->a, o, "head_hash"), jdup(rd->a, o, "signed_at"),
		jdup(rd->a, o, "public_key"), jdup(rd->a, o, "signature")};
}

static void
read_document(struct reader *rd, json_t *o, void *arg)
{
	struct lists *l = arg;
	struct ev_document *d = PUSH(l->docs, l->n_docs, l->cap_docs);
	json_t *files = json_object_get(o, "files"), *f;
	size_t i;

	*d = (struct ev_document){jdup(rd->a, o, "client_id"), jdup(rd->a, o, "doc_id"),
		jdup(rd->a, o, "kind"), jdup(rd->a, o, "title"), jdup(rd->a, o, "source_sha256"),
		jdup(rd->a, o, "identity"), jdup(rd->a, o, "issued_at"),
		jdup(rd->a, o, "issued_by"), json_integer_value(json_object_get(o, "version")),
		NULL, 0};
	d->files = arena_array(rd->a, json_array_size(files) + 1, sizeof(*d->files));
	json_array_foreach(files, i, f) {
		size_t len = 0;
		const char *bytes = listed(rd, jdup(rd->a, f, "path"), &len);

		if (!bytes)
			continue;
		d->files[d->n_files++] = (struct ev_file){jdup(rd->a, f, "format"),
			jdup(rd->a, f, "sha256"), bytes, len};
	}
}

static void
read_scan(struct reader *rd, json_t *o, void *arg)
{
	struct lists *l = arg;
	size_t len = 0;
	const char *bytes = listed(rd, jdup(rd->a, o, "path"), &len);
	struct ev_scan *x;

	if (!bytes)
		return;
	x = PUSH(l->scans, l->n_scans, l->cap_scans);
	*x = (struct ev_scan){jdup(rd->a, o, "client_id"), jdup(rd->a, o, "sha256"),
		jdup(rd->a, o, "media_type"), bytes, len};
}

static void *
keep(struct arena *a, void *items, size_t n, size_t size)
{
	void *out = arena_array(a, n + 1, size);

	if (n)
		memcpy(out, items, n * size);
	free(items);
	return out;
}

int
ev_bundle_read(const char *path, struct arena *a, struct ev_set *s, struct ev_report *pre,
	       struct err *e)
{
	struct reader rd = {.a = a, .r = pre};
	struct lists l = {0};
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
	size_t man_len = 0, sig_len = 0, bin = 0;
	const char *man, *sig_text, *format, *key;
	int zerr = 0, rc = 0;

	memset(s, 0, sizeof(*s));
	memset(pre, 0, sizeof(*pre));
	pre->problems = json_array();
	if (!(rd.za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr))) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		rc = err_set(e, zerr == ZIP_ER_NOENT ? ERR_NOTFOUND : ERR_INPUT, "%s is not a "
			     "readable ZIP archive: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	man = member(&rd, "manifest.json", &man_len);
	if (!man || !(rd.manifest = json_loadb(man, man_len, 0, NULL)) ||
	    !(format = json_string_value(json_object_get(rd.manifest, "format"))) ||
	    strcmp(format, BUNDLE_FORMAT) != 0 ||
	    !(key = json_string_value(json_object_get(rd.manifest, "public_key"))) ||
	    !json_is_array(json_object_get(rd.manifest, "files"))) {
		rc = err_set(e, ERR_INPUT, "%s is not a Prudent evidence bundle (no readable "
			     "manifest.json of format " BUNDLE_FORMAT ")", path);
		goto done;
	}
	sig_text = member(&rd, "manifest.sig", &sig_len);
	if (!sig_text || sodium_hex2bin(pk, sizeof(pk), key, strlen(key), NULL, &bin, NULL) != 0 ||
	    bin != sizeof(pk) ||
	    sodium_hex2bin(sig, sizeof(sig), sig_text, sig_len, "\n", &bin, NULL) != 0 ||
	    bin != sizeof(sig) ||
	    crypto_sign_verify_detached(sig, (const unsigned char *)man, man_len, pk) != 0)
		note(pre, "%s: the manifest's signature does not verify (the manifest was changed "
		     "or re-signed)", "manifest.sig");
	/* Every member is listed in the manifest. */
	for (zip_int64_t i = 0, n = zip_get_num_entries(rd.za, 0); i < n; i++) {
		const char *name = zip_get_name(rd.za, (zip_uint64_t)i, 0);
		size_t j;
		json_t *f;
		bool found = !name || strcmp(name, "manifest.json") == 0 ||
			     strcmp(name, "manifest.sig") == 0;

		json_array_foreach(json_object_get(rd.manifest, "files"), j, f)
			found |= strcmp(ev_json_str(f, "path"), name) == 0;
		if (!found)
			note(pre, "%s is not listed in the manifest (added)", name);
	}
	s->arena = a;
	s->tenant_id = jdup(a, rd.manifest, "tenant_id");
	s->public_key = arena_strdup(a, key);
	s->only_client = jdup(a, json_object_get(rd.manifest, "client"), "id");
	if ((rc = each_line(&rd, "events.jsonl", read_event, &l, e)) < 0 ||
	    (rc = each_line(&rd, "checkpoints.jsonl", read_checkpoint, &l, e)) < 0 ||
	    (rc = each_line(&rd, "documents.jsonl", read_document, &l, e)) < 0 ||
	    (rc = each_line(&rd, "scans.jsonl", read_scan, &l, e)) < 0)
		goto done;
	/* Certificates and the rest are checked against the manifest too. */
	{
		size_t j, len;
		json_t *f;

		json_array_foreach(json_object_get(rd.manifest, "files"), j, f) {
			const char *name = json_string_value(json_object_get(f, "path"));

			if (name && (strncmp(name, "certificates/", 13) == 0 ||
				     strcmp(name, "consent.txt") == 0 ||
				     strcmp(name, "public-key.txt") == 0 ||
				     strcmp(name, "README.txt") == 0))
				listed(&rd, name, &len);
		}
	}
done:
	s->n_events = l.n_events;
	s->events = keep(a, l.events, l.n_events, sizeof(*l.events));
	s->n_checkpoints = l.n_cps;
	s->checkpoints = keep(a, l.cps, l.n_cps, sizeof(*l.cps));
	s->n_docs = l.n_docs;
	s->docs = keep(a, l.docs, l.n_docs, sizeof(*l.docs));
	s->n_scans = l.n_scans;
	s->scans = keep(a, l.scans, l.n_scans, sizeof(*l.scans));
	json_decref(rd.manifest);
	zip_discard(rd.za);
	return rc;
}
