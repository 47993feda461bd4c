/*
 * id.c - random identifiers (UUID version 4, RFC 9562), secrets, password
 * hashing and hashing, via libsodium.
 */
#include <sodium.h>

#include "core.h"

_Static_assert(sizeof(((struct hash_blake2b *)0)->state) >= sizeof(crypto_generichash_state),
	       "struct hash_blake2b must hold libsodium's state");

int
hash_init(struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium failed to initialise");
	return 0;
}

char *
uuid_v4(char out[UUID_STR_LEN])
{
	unsigned char b[16];
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* variant 10xx */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
	return out;
}

char *
secret_hex(char out[SECRET_HEX_LEN])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, SECRET_HEX_LEN, b, sizeof(b));
	return out;
}

bool
secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la == lb && sodium_memcmp(a, b, la) == 0;
}

void
secret_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}

_Static_assert(PASSWORD_HASH_LEN >= crypto_pwhash_STRBYTES, "room for an argon2id string");

int
password_hash(const char *password, char out[PASSWORD_HASH_LEN], struct err *e)
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_INTERNAL, "cannot hash the password (out of memory?)");
	return 0;
}

bool
password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool
uuid_valid(const char *s)
{
	size_t i;

	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return s[36] == '\0';
}

static char *
to_hex(const unsigned char *bin, size_t len, char *out)
{
	sodium_bin2hex(out, len * 2 + 1, bin, len);
	return out;
}

char *
hash_sha256_hex(const void *data, size_t len, char out[HASH_SHA256_HEX_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	return to_hex(h, sizeof(h), out);
}

char *
hash_blake2b_hex(const void *data, size_t len, char out[HASH_BLAKE2B_HEX_LEN])
{
	struct hash_blake2b h;

	hash_blake2b_init(&h);
	hash_blake2b_update(&h, data, len);
	return hash_blake2b_final(&h, out);
}

void
hash_blake2b_init(struct hash_blake2b *h)
{
	crypto_generichash_init((crypto_generichash_state *)h->state, NULL, 0, 32);
}

void
hash_blake2b_update(struct hash_blake2b *h, const void *data, size_t len)
{
	crypto_generichash_update((crypto_generichash_state *)h->state, data, len);
}

char *
hash_blake2b_final(struct hash_blake2b *h, char out[HASH_BLAKE2B_HEX_LEN])
{
	unsigned char bin[32];

	crypto_generichash_final((crypto_generichash_state *)h->state, bin, sizeof(bin));
	return to_hex(bin, sizeof(bin), out);
}
