/*
 * test_id.c - random UUIDs and the two hashes (SHA-256, BLAKE2b-256).
 *
 * The hash values are published test vectors (FIPS 180-2 for SHA-256, RFC 7693
 * parameters for BLAKE2b with a 32-byte digest), cross-checked with Python's
 * hashlib; the incremental API must agree with the one-shot one.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

/* ------------------------------------------------------------------- UUID */

static int
cmp_uuid(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
test_uuid_v4(void **state)
{
	enum { N = 1000 };
	char (*ids)[UUID_STR_LEN] = xcalloc(N, sizeof(*ids));
	size_t i;

	(void)state;
	for (i = 0; i < N; i++) {
		assert_ptr_equal(uuid_v4(ids[i]), ids[i]);
		assert_int_equal(strlen(ids[i]), UUID_STR_LEN - 1);
		assert_true(uuid_valid(ids[i]));
		assert_int_equal(ids[i][14], '4');
		assert_non_null(strchr("89ab", ids[i][19]));
		assert_int_not_equal(ids[i][19], '\0');
	}
	qsort(ids, N, sizeof(*ids), cmp_uuid);
	for (i = 1; i < N; i++)
		assert_string_not_equal(ids[i - 1], ids[i]);
	free(ids);
}

static void
test_uuid_valid(void **state)
{
	(void)state;
	assert_true(uuid_valid("123e4567-e89b-12d3-a456-426614174000"));
	assert_true(uuid_valid("00000000-0000-0000-0000-000000000000"));
	assert_true(uuid_valid("ffffffff-ffff-4fff-bfff-ffffffffffff"));
	assert_false(uuid_valid("123E4567-e89b-12d3-a456-426614174000")); /* upper case */
	assert_false(uuid_valid("123e4567-e89b-12d3-a456-42661417400A"));
	assert_false(uuid_valid("123e4567-e89b-12d3-a456-42661417400"));   /* 35 chars */
	assert_false(uuid_valid("123e4567-e89b-12d3-a456-4266141740000")); /* 37 chars */
	assert_false(uuid_valid("123e456-7e89b-12d3-a456-426614174000"));  /* dash moved */
	assert_false(uuid_valid("123e4567-e89b-12d3-a4564-26614174000"));
	assert_false(uuid_valid("123e4567e89b-12d3-a456-4266141740000"));
	assert_false(uuid_valid("123e4567-e89b-12d3-a456-42661417400-"));
	assert_false(uuid_valid("123e4567ae89bb12d3ca456d426614174000")); /* no dashes */
	assert_false(uuid_valid("123e4567e89b12d3a456426614174000"));
	assert_false(uuid_valid("{123e4567-e89b-12d3-a456-426614174000}"));
	assert_false(uuid_valid("123e4567-e89b-12d3-a456-42661417400g"));
	assert_false(uuid_valid("123e4567-e89b-12d3-a456-42661417400 "));
	assert_false(uuid_valid(" 23e4567-e89b-12d3-a456-426614174000"));
	assert_false(uuid_valid(""));
	assert_false(uuid_valid("123e4567"));
}

/* ------------------------------------------------------------------- hash */

#define SHA256_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA256_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define BLAKE2B_EMPTY "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
#define BLAKE2B_ABC "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"

static void
test_hash_init(void **state)
{
	struct err e = {0};

	(void)state;
	/* main called it already; a second call is harmless. */
	assert_int_equal(hash_init(&e), 0);
}

static void
test_sha256_known(void **state)
{
	char out[HASH_SHA256_HEX_LEN];
	char *million = xmalloc(1000000);

	(void)state;
	assert_ptr_equal(hash_sha256_hex("", 0, out), out);
	assert_string_equal(out, SHA256_EMPTY);
	assert_string_equal(hash_sha256_hex("abc", 3, out), SHA256_ABC);
	/* Only len bytes count. */
	assert_string_equal(hash_sha256_hex("abcdef", 3, out), SHA256_ABC);
	memset(million, 'a', 1000000);
	assert_string_equal(hash_sha256_hex(million, 1000000, out),
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
test_blake2b_known(void **state)
{
	char out[HASH_BLAKE2B_HEX_LEN];

	(void)state;
	assert_ptr_equal(hash_blake2b_hex("", 0, out), out);
	assert_string_equal(out, BLAKE2B_EMPTY);
	assert_string_equal(hash_blake2b_hex("abc", 3, out), BLAKE2B_ABC);
	assert_string_equal(hash_blake2b_hex("abcdef", 3, out), BLAKE2B_ABC);
}

static void
test_hash_embedded_nul(void **state)
{
	char out[HASH_BLAKE2B_HEX_LEN], first[HASH_BLAKE2B_HEX_LEN];

	(void)state;
	assert_string_equal(hash_blake2b_hex("a\0b\0", 4, out),
			    "540c9096f55d3fa730a42a1815036b42fee3b102fc20202a88ecf393b95368b4");
	assert_string_equal(hash_sha256_hex("a\0b\0", 4, out),
			    "8fb20ef63ced4145fc2e983ffe597d1dcff39154c3bf21f0fa9dde6a0c50fdc9");
	/* Bytes after a NUL change the hash. */
	hash_blake2b_hex("a\0b", 3, first);
	hash_blake2b_hex("a\0c", 3, out);
	assert_string_not_equal(first, out);
	hash_sha256_hex("a\0b", 3, first);
	hash_sha256_hex("a\0c", 3, out);
	assert_string_not_equal(first, out);
}

static void
test_blake2b_incremental(void **state)
{
	enum { N = 100000 };
	static const size_t pieces[] = {0, 1, 7, 0, 127, 128, 129, 1000, 4096, 65536};
	unsigned char *data = xmalloc(N);
	char one_shot[HASH_BLAKE2B_HEX_LEN], out[HASH_BLAKE2B_HEX_LEN];
	struct hash_blake2b h;
	size_t i, pos = 0, n;

	(void)state;
	test_fill_random(data, N, 1234);
	hash_blake2b_hex(data, N, one_shot);
	hash_blake2b_init(&h);
	for (i = 0; pos < N; i++) {
		n = pieces[i % ARRAY_LEN(pieces)];
		if (n > N - pos)
			n = N - pos;
		hash_blake2b_update(&h, data + pos, n);
		pos += n;
	}
	assert_ptr_equal(hash_blake2b_final(&h, out), out);
	assert_string_equal(out, one_shot);

	/* "abc" one byte at a time. */
	hash_blake2b_init(&h);
	hash_blake2b_update(&h, "a", 1);
	hash_blake2b_update(&h, "b", 1);
	hash_blake2b_update(&h, "", 0);
	hash_blake2b_update(&h, "c", 1);
	assert_string_equal(hash_blake2b_final(&h, out), BLAKE2B_ABC);

	/* No updates at all is the hash of nothing. */
	hash_blake2b_init(&h);
	assert_string_equal(hash_blake2b_final(&h, out), BLAKE2B_EMPTY);
	free(data);
}

int
core_id_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid_v4),
		cmocka_unit_test(test_uuid_valid),
		cmocka_unit_test(test_hash_init),
		cmocka_unit_test(test_sha256_known),
		cmocka_unit_test(test_blake2b_known),
		cmocka_unit_test(test_hash_embedded_nul),
		cmocka_unit_test(test_blake2b_incremental),
	};

	return cmocka_run_group_tests_name("core/id", tests, NULL, NULL);
}
