/*
 * map.c - a string-keyed hash map with open addressing and linear probing.
 *
 * Used for lookups by ID in the content library (frameworks, controls,
 * safeguards), where a few thousand keys are inserted once and read many times.
 * The table stays at most half full, so probes stay short.
 */
#include <stdlib.h>

#include "core.h"

/* FNV-1a: short keys, no adversary (keys come from our own library files). */
static size_t
map_hash(const char *key)
{
	uint64_t h = 14695981039346656037u;

	for (; *key; key++) {
		h ^= (unsigned char)*key;
		h *= 1099511628211u;
	}
	return (size_t)h;
}

static size_t
map_slot(const struct map *m, const char *key)
{
	size_t i = map_hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void
map_grow(struct map *m)
{
	struct map bigger = {0};
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 16;
	bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = xcalloc(bigger.cap, sizeof(*bigger.values));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			map_put(&bigger, m->keys[i], m->values[i]);
	map_free(m);
	*m = bigger;
}

void
map_free(struct map *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}

void *
map_put(struct map *m, const char *key, void *value)
{
	size_t i;
	void *old;

	if (size_mul_add(m->n_items, 2, 2) > m->cap)
		map_grow(m);
	i = map_slot(m, key);
	old = m->values[i];
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->n_items++;
		old = NULL;
	}
	m->values[i] = value;
	return old;
}

void *
map_get(const struct map *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = map_slot(m, key);
	return m->keys[i] ? m->values[i] : NULL;
}
