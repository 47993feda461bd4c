/*
 * key.c - the tenant's Ed25519 signing key and the checkpoints it signs.
 *
 * The key file holds 32 random bytes (64 hex digits) and never enters the
 * database; the database holds the private key sealed with it
 * (crypto_secretbox: a 24-byte nonce, then the ciphertext with its MAC).  A
 * stolen database alone cannot sign a checkpoint; a stolen key file alone
 * holds no key.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "evidence/evidence.h"

enum {
	FILE_KEY_BYTES = crypto_secretbox_KEYBYTES,
	SEALED_BYTES = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
		       crypto_sign_SECRETKEYBYTES,
	CHECKPOINT_EVERY = 100,         /* events */
	CHECKPOINT_SECONDS = 3600,
};
_Static_assert(EV_SECRET_KEY_BYTES == crypto_sign_SECRETKEYBYTES, "Ed25519 secret key size");

const char *
ev_key_path(const char *db_path, char *buf, size_t cap)
{
	const char *env = getenv("PRUDENT_KEY_FILE");

	if (env && *env)
		snprintf(buf, cap, "%s", env);
	else
		snprintf(buf, cap, "%s.key", db_path);
	return buf;
}

/* Read the key file's 32 bytes; ERR_NOTFOUND when it does not exist. */
static int
read_file_key(const char *path, unsigned char key[FILE_KEY_BYTES], struct err *e)
{
	char *text = NULL;
	size_t len = 0, bin = 0;
	int rc = file_read_all(path, 1024, &text, &len, e);

	if (rc < 0)
		return rc;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (sodium_hex2bin(key, FILE_KEY_BYTES, text, len, NULL, &bin, NULL) != 0 ||
	    bin != FILE_KEY_BYTES)
		rc = err_set(e, ERR_INPUT, "%s is not a Prudent key file (64 hex digits)", path);
	secret_wipe(text, len);
	free(text);
	return rc;
}

/* Make a new key file: 32 random bytes as hex, mode 0600, never over an
 * existing file. */
static int
create_file_key(const char *path, unsigned char key[FILE_KEY_BYTES], struct err *e)
{
	char hex[FILE_KEY_BYTES * 2 + 2];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	bool ok;

	if (fd < 0)
		return err_set(e, ERR_IO, "cannot create the key file %s: %s", path, strerror(errno));
	randombytes_buf(key, FILE_KEY_BYTES);
	sodium_bin2hex(hex, sizeof(hex) - 1, key, FILE_KEY_BYTES);
	hex[FILE_KEY_BYTES * 2] = '\n';
	hex[FILE_KEY_BYTES * 2 + 1] = '\0';
	ok = write(fd, hex, strlen(hex)) == (ssize_t)strlen(hex) && fsync(fd) == 0;
	secret_wipe(hex, sizeof(hex));
	if (close(fd) != 0 || !ok) {
		unlink(path);
		return err_set(e, ERR_IO, "cannot write the key file %s", path);
	}
	return 0;
}

static int
create_key(struct store *db, const char *tenant_id, const unsigned char fkey[FILE_KEY_BYTES],
	   struct ev_key *k, struct err *e)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sealed[SEALED_BYTES];
	struct store_key row;
	int rc;

	crypto_sign_keypair(pk, k->secret);
	sodium_bin2hex(k->public_key, sizeof(k->public_key), pk, sizeof(pk));
	randombytes_buf(sealed, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES, k->secret, sizeof(k->secret),
			      sealed, fkey);
	memcpy(row.public_key, k->public_key, sizeof(row.public_key));
	sodium_bin2hex(row.sealed_key, sizeof(row.sealed_key), sealed, sizeof(sealed));
	time_now_rfc3339(row.created_at);
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_key_add(db, tenant_id, &row, e);
	return store_event_commit(db, rc, tenant_id, NULL, "prudent", "key.created",
				  json_pack("{s:s,s:s}", "public_key", k->public_key, "algorithm",
					    "Ed25519"), e);
}

int
ev_key_open(struct store *db, const char *tenant_id, const char *key_path, struct ev_key *k,
	    struct err *e)
{
	unsigned char fkey[FILE_KEY_BYTES], sealed[SEALED_BYTES];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct store_key row;
	size_t bin = 0;
	int rc;

	memset(k, 0, sizeof(*k));
	rc = store_key_get(db, tenant_id, &row, e);
	if (rc == ERR_NOTFOUND) {
		*e = (struct err){0};
		if ((rc = read_file_key(key_path, fkey, e)) == ERR_NOTFOUND) {
			*e = (struct err){0};
			rc = create_file_key(key_path, fkey, e);
		}
		if (rc == 0)
			rc = create_key(db, tenant_id, fkey, k, e);
		secret_wipe(fkey, sizeof(fkey));
		return rc;
	}
	if (rc < 0)
		return rc;
	if ((rc = read_file_key(key_path, fkey, e)) == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "the key file %s is missing: restore it from its "
			       "backup (without it no new checkpoint can be signed; verification "
			       "still works)", key_path);
	if (rc < 0)
		return rc;
	if (sodium_hex2bin(sealed, sizeof(sealed), row.sealed_key, strlen(row.sealed_key), NULL,
			   &bin, NULL) != 0 || bin != sizeof(sealed) ||
	    crypto_secretbox_open_easy(k->secret, sealed + crypto_secretbox_NONCEBYTES,
				       sizeof(sealed) - crypto_secretbox_NONCEBYTES, sealed,
				       fkey) != 0) {
		secret_wipe(fkey, sizeof(fkey));
		return err_set(e, ERR_INPUT, "the key file %s does not open this database's signing "
			       "key (a key file of another database?)", key_path);
	}
	secret_wipe(fkey, sizeof(fkey));
	crypto_sign_ed25519_sk_to_pk(pk, k->secret);
	sodium_bin2hex(k->public_key, sizeof(k->public_key), pk, sizeof(pk));
	if (strcmp(k->public_key, row.public_key) != 0) {
		ev_key_wipe(k);
		return err_set(e, ERR_INPUT, "the sealed signing key does not match the public key "
			       "recorded for this MSP");
	}
	return 0;
}

void
ev_key_wipe(struct ev_key *k)
{
	secret_wipe(k->secret, sizeof(k->secret));
}

void
ev_checkpoint_message(const char *tenant_id, int64_t seq, const char *head_hash,
		      const char *signed_at, struct str *out)
{
	str_appendf(out, "prudent-checkpoint-v1\n%s\n%lld\n%s\n%s\n", tenant_id, (long long)seq,
		    head_hash, signed_at);
}

int
ev_checkpoint(struct store *db, const char *tenant_id, const struct ev_key *k, int64_t *seq,
	      struct err *e)
{
	char head[HASH_SHA256_HEX_LEN], last_at[TIME_RFC3339_LEN], now[TIME_RFC3339_LEN];
	char sig_hex[EV_SIGNATURE_HEX];
	unsigned char sig[crypto_sign_BYTES];
	struct str msg = STR_INIT;
	int64_t head_seq, last;
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_event_head(db, tenant_id, &head_seq, head, e)) < 0 ||
	    (rc = store_checkpoint_last(db, tenant_id, &last, last_at, e)) < 0)
		goto done;
	if (seq)
		*seq = head_seq;
	if (head_seq == 0 || last == head_seq)
		goto done;
	time_now_rfc3339(now);
	ev_checkpoint_message(tenant_id, head_seq, head, now, &msg);
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg.buf, msg.len, k->secret);
	sodium_bin2hex(sig_hex, sizeof(sig_hex), sig, sizeof(sig));
	rc = store_checkpoint_add(db, tenant_id, &(struct store_checkpoint){head_seq, head, now,
				  k->public_key, sig_hex}, e);
done:
	str_free(&msg);
	if (rc == 0 && (rc = store_commit(db, e)) == 0)
		return 0;
	store_rollback(db);
	return rc;
}

int
ev_checkpoint_due(struct store *db, const char *tenant_id, const char *key_path, struct err *e)
{
	char head[HASH_SHA256_HEX_LEN], last_at[TIME_RFC3339_LEN];
	int64_t head_seq, last, signed_at = 0;
	struct ev_key k;
	int rc;

	if ((rc = store_event_head(db, tenant_id, &head_seq, head, e)) < 0 ||
	    (rc = store_checkpoint_last(db, tenant_id, &last, last_at, e)) < 0)
		return rc;
	if (last_at[0])
		time_parse_rfc3339(last_at, strlen(last_at), &signed_at, NULL);
	if (head_seq == last || (head_seq - last < CHECKPOINT_EVERY &&
				 (int64_t)time(NULL) - signed_at < CHECKPOINT_SECONDS))
		return 0;
	if ((rc = ev_key_open(db, tenant_id, key_path, &k, e)) < 0)
		return rc;
	rc = ev_checkpoint(db, tenant_id, &k, NULL, e);
	ev_key_wipe(&k);
	return rc;
}
