/*
 * arena.c - a region allocator.
 *
 * Memory comes from a chain of blocks; each allocation bumps a pointer in the
 * newest block.  Nothing is freed until arena_free releases every block at once,
 * which is what a CLI command, an HTTP request or a loaded library wants: many
 * small objects with one lifetime.  Large requests get a block of their own so a
 * big string does not waste the rest of a normal block.
 */
#include <stdlib.h>

#include "core.h"

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = _Alignof(max_align_t) };

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t cap;
	_Alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct arena_block *head;
	size_t total;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

static struct arena_block *
block_new(size_t cap)
{
	struct arena_block *b = xmalloc(size_mul_add(1, cap, sizeof(*b)));

	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	return b;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t rounded = size_mul_add(1, size, ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (rounded == 0)
		rounded = ARENA_ALIGN;
	if (!b || b->cap - b->used < rounded) {
		if (rounded > ARENA_BLOCK / 4) {
			/* A big request gets its own block, linked behind the current
			 * one so the current block keeps serving small requests. */
			struct arena_block *big = block_new(rounded);

			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->head = big;
			}
			b = big;
		} else {
			b = block_new(ARENA_BLOCK);
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += rounded;
	a->total += size;
	memset(p, 0, size);
	return p;
}

void *
arena_array(struct arena *a, size_t n, size_t size)
{
	return arena_alloc(a, size_mul_add(n, size, 0));
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, size_mul_add(1, len, 1));

	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;
	char *p;

	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, str_cstr(&s), s.len);
	str_free(&s);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}
