/*
 * hub.c: followers by topic and key in hash buckets, a queue of pending
 * followers drained by hub_run(), and the per-run payload cache (see
 * hub.h). A follower removed while a run is under way is simply taken off
 * the pending queue; the run only ever holds the queue's head.
 */
#include "config.h"

#include <sys/queue.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "hub/hub.h"

#define HUB_BUCKETS	256
#define HUB_CACHE	64

struct hub_follower {
	struct hub			*hub;
	enum hub_topic			 topic;
	char				*key;
	unsigned			 bucket;
	int				 pending;
	hub_wake_fn			 wake;
	void				*arg;
	TAILQ_ENTRY(hub_follower)	 entry;
	TAILQ_ENTRY(hub_follower)	 pentry;
};
TAILQ_HEAD(hub_list, hub_follower);

struct hub_cached {
	char			*key;
	size_t			 key_len;
	uint64_t		 hash;
	int64_t			 seq;
	char			*text;
	size_t			 len;
	struct hub_cached	*next;
};

struct hub {
	struct hub_list		 buckets[HUB_BUCKETS];
	struct hub_list		 pending;
	size_t			 count;
	void			(*kick)(void *);
	void			*kick_arg;
	int			 kicked;
	struct hub_cached	*cache[HUB_CACHE];
};

static unsigned	hub_bucket(enum hub_topic, const char *);
static void	hub_cache_clear(struct hub *);

static unsigned
hub_bucket(enum hub_topic topic, const char *key)
{
	uint32_t	h = 2166136261U ^ (uint32_t)topic;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619U;
	return h % HUB_BUCKETS;
}

/* Make a hub; kick(arg) asks the owner to call hub_run() soon. */
struct hub *
hub_new(void (*kick)(void *), void *arg)
{
	struct hub	*hub = xcalloc(1, sizeof(*hub));
	size_t		 i;

	for (i = 0; i < HUB_BUCKETS; i++)
		TAILQ_INIT(&hub->buckets[i]);
	TAILQ_INIT(&hub->pending);
	hub->kick = kick;
	hub->kick_arg = arg;
	return hub;
}

/* Free the hub (its followers must be gone); NULL is a no-op. */
void
hub_free(struct hub *hub)
{
	if (hub == NULL)
		return;
	hub_cache_clear(hub);
	free(hub);
}

/* Follow topic for key (a mailbox id, "" for the node). */
struct hub_follower *
hub_follow(struct hub *hub, enum hub_topic topic, const char *key,
    hub_wake_fn wake, void *arg)
{
	struct hub_follower	*f = xcalloc(1, sizeof(*f));

	f->hub = hub;
	f->topic = topic;
	f->key = xstrdup(key);
	f->bucket = hub_bucket(topic, key);
	f->wake = wake;
	f->arg = arg;
	TAILQ_INSERT_TAIL(&hub->buckets[f->bucket], f, entry);
	hub->count++;
	return f;
}

/* Stop following and free f; NULL is a no-op. */
void
hub_unfollow(struct hub_follower *f)
{
	if (f == NULL)
		return;
	if (f->pending)
		TAILQ_REMOVE(&f->hub->pending, f, pentry);
	TAILQ_REMOVE(&f->hub->buckets[f->bucket], f, entry);
	f->hub->count--;
	free(f->key);
	free(f);
}

/* Wake f at the next run. */
void
hub_mark(struct hub_follower *f)
{
	struct hub	*hub = f->hub;

	if (!f->pending) {
		f->pending = 1;
		TAILQ_INSERT_TAIL(&hub->pending, f, pentry);
	}
	if (!hub->kicked) {
		hub->kicked = 1;
		hub->kick(hub->kick_arg);
	}
}

/* Wake every follower of topic and key at the next run. */
void
hub_notify(struct hub *hub, enum hub_topic topic, const char *key)
{
	struct hub_follower	*f;

	if (hub == NULL)
		return;
	TAILQ_FOREACH(f, &hub->buckets[hub_bucket(topic, key)], entry)
		if (f->topic == topic && strcmp(f->key, key) == 0)
			hub_mark(f);
}

/* Wake every follower of topic, whatever its key, at the next run. */
void
hub_notify_all(struct hub *hub, enum hub_topic topic)
{
	struct hub_follower	*f;
	size_t			 i;

	if (hub == NULL)
		return;
	for (i = 0; i < HUB_BUCKETS; i++)
		TAILQ_FOREACH(f, &hub->buckets[i], entry)
			if (f->topic == topic)
				hub_mark(f);
}

/*
 * Call fn(follower, its callback argument, arg) for every follower of
 * topic and key; fn may hub_mark() it, not unfollow it.
 */
void
hub_each(struct hub *hub, enum hub_topic topic, const char *key,
    void (*fn)(struct hub_follower *, void *, void *), void *arg)
{
	struct hub_follower	*f;

	if (hub == NULL)
		return;
	TAILQ_FOREACH(f, &hub->buckets[hub_bucket(topic, key)], entry)
		if (f->topic == topic && strcmp(f->key, key) == 0)
			fn(f, f->arg, arg);
}

/*
 * Call the wake callback of each follower pending now. One marked again
 * during the run (more to read) waits for the next run, so a run is
 * bounded and other work of the loop goes on in between.
 */
void
hub_run(struct hub *hub)
{
	struct hub_follower	*f;
	size_t			 n = 0, i;

	hub->kicked = 0;
	TAILQ_FOREACH(f, &hub->pending, pentry)
		n++;
	for (i = 0; i < n && (f = TAILQ_FIRST(&hub->pending)) != NULL; i++) {
		TAILQ_REMOVE(&hub->pending, f, pentry);
		f->pending = 0;
		f->wake(f->arg);
	}
	hub_cache_clear(hub);
	if (!TAILQ_EMPTY(&hub->pending) && !hub->kicked) {
		hub->kicked = 1;
		hub->kick(hub->kick_arg);
	}
}

/* Return how many followers there are. */
size_t
hub_count(const struct hub *hub)
{
	return hub == NULL ? 0 : hub->count;
}

/* The JSON cached this run for (key, seq), or NULL. */
const char *
hub_cache_get(struct hub *hub, const char *key, size_t key_len,
    uint64_t hash, int64_t seq, size_t *len)
{
	struct hub_cached	*c;

	for (c = hub->cache[(hash ^ (uint64_t)seq) % HUB_CACHE]; c != NULL;
	    c = c->next) {
		if (c->hash == hash && c->seq == seq && c->key_len ==
		    key_len && memcmp(c->key, key, key_len) == 0) {
			*len = c->len;
			return c->text;
		}
	}
	return NULL;
}

/* Remember the JSON of (key, seq) until the end of this run. */
void
hub_cache_put(struct hub *hub, const char *key, size_t key_len,
    uint64_t hash, int64_t seq, const char *text, size_t len)
{
	struct hub_cached	*c = xcalloc(1, sizeof(*c));
	size_t			 b = (hash ^ (uint64_t)seq) % HUB_CACHE;

	c->key = xmalloc(key_len + 1);
	memcpy(c->key, key, key_len);
	c->key_len = key_len;
	c->hash = hash;
	c->seq = seq;
	c->text = xmalloc(len + 1);
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	c->len = len;
	c->next = hub->cache[b];
	hub->cache[b] = c;
}

static void
hub_cache_clear(struct hub *hub)
{
	struct hub_cached	*c, *next;
	size_t			 i;

	for (i = 0; i < HUB_CACHE; i++) {
		for (c = hub->cache[i]; c != NULL; c = next) {
			next = c->next;
			free(c->key);
			free(c->text);
			free(c);
		}
		hub->cache[i] = NULL;
	}
}
