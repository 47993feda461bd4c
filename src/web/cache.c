/*
 * cache.c - answers computed from a client's data, kept until that data
 * changes.
 *
 * Building a client's matrix takes about a millisecond and its JSON runs to
 * 90 KB; reading them is what the API and the dashboard do most.  Each entry
 * is stored with the client's stamp (store_client_stamp), which changes with
 * every new profile, change, policy or service version, so a hit is always
 * current.  The table is direct-mapped and fixed in size: memory stays
 * bounded, and a collision only costs a recomputation.
 */
#include <pthread.h>
#include <stdlib.h>

#include "web/web_impl.h"

struct entry {
	char key[160];
	char stamp[STORE_STAMP_LEN];
	char *body;
	size_t len;
};

struct web_cache {
	pthread_mutex_t lock;
	struct entry *slots;
	size_t n;
};

static struct web_cache caches[WEB_CACHE__MAX];
static const size_t sizes[WEB_CACHE__MAX] = {256, 8192};

void
web_cache_init(void)
{
	for (int i = 0; i < WEB_CACHE__MAX; i++) {
		pthread_mutex_init(&caches[i].lock, NULL);
		caches[i].slots = xcalloc(sizes[i], sizeof(struct entry));
		caches[i].n = sizes[i];
	}
}

void
web_cache_free(void)
{
	for (int i = 0; i < WEB_CACHE__MAX; i++) {
		for (size_t k = 0; k < caches[i].n; k++)
			free(caches[i].slots[k].body);
		free(caches[i].slots);
		pthread_mutex_destroy(&caches[i].lock);
		caches[i].slots = NULL;
	}
}

static struct entry *
slot(struct web_cache *c, const char *key)
{
	uint32_t h = 2166136261u;

	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &c->slots[h % c->n];
}

bool
web_cache_get(enum web_cache_kind kind, const char *key, const char *stamp, struct str *out)
{
	struct web_cache *c = &caches[kind];
	struct entry *e;
	bool hit;

	if (!c->slots)
		return false;
	pthread_mutex_lock(&c->lock);
	e = slot(c, key);
	hit = e->body && strcmp(e->key, key) == 0 && strcmp(e->stamp, stamp) == 0;
	if (hit)
		str_append(out, e->body, e->len);
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void
web_cache_put(enum web_cache_kind kind, const char *key, const char *stamp, const char *body,
	      size_t len)
{
	struct web_cache *c = &caches[kind];
	struct entry *e;
	char *copy;

	if (!c->slots || strlen(key) >= sizeof(e->key))
		return;
	copy = xmalloc(len + 1);
	memcpy(copy, body, len);
	copy[len] = '\0';
	pthread_mutex_lock(&c->lock);
	e = slot(c, key);
	free(e->body);
	snprintf(e->key, sizeof(e->key), "%s", key);
	snprintf(e->stamp, sizeof(e->stamp), "%s", stamp);
	e->body = copy;
	e->len = len;
	pthread_mutex_unlock(&c->lock);
}
