/*
 * hub.h: the hub, where subscriptions wait for news. A follower follows
 * one topic (a mailbox's messages, a mailbox's deliveries, the node) and
 * is woken after a commit changed what it follows. The hub does not read
 * the store or speak GraphQL: a woken follower's callback reads from the
 * store after its own cursor and sends what it finds (src/api/
 * api_subscribe.c), so the store is the buffer and a follower costs a few
 * bytes however far behind it is.
 *
 * Wake-ups never run inside the caller of hub_notify() (a resolver in the
 * middle of a mutation): they mark followers pending and call the kick
 * callback once; the owner then calls hub_run() from its event loop (a
 * 0 ms timer), which calls each pending follower's wake callback. During
 * one run, the payload cache maps (subscription key, event sequence) to
 * serialised JSON so that N followers with the same selection serialise
 * an event once; it is emptied at the end of the run.
 *
 * hub_each() visits the followers of one topic and key (to mark those
 * whose subscription must check something at its next wake-up, such as
 * whether its mailbox still exists); its callback may mark a follower
 * but must not unfollow one.
 *
 * Single-threaded: everything here runs on the edge thread.
 */
#ifndef OM_HUB_H
#define OM_HUB_H

#include <stddef.h>
#include <stdint.h>

enum hub_topic {
	HUB_MESSAGES = 0,
	HUB_DELIVERIES,
	HUB_NODE,
};

struct hub;
struct hub_follower;

typedef void	(*hub_wake_fn)(void *);

struct hub	*hub_new(void (*)(void *), void *);
void		 hub_free(struct hub *);
struct hub_follower *hub_follow(struct hub *, enum hub_topic, const char *,
		    hub_wake_fn, void *);
void		 hub_unfollow(struct hub_follower *);
void		 hub_notify(struct hub *, enum hub_topic, const char *);
void		 hub_notify_all(struct hub *, enum hub_topic);
void		 hub_each(struct hub *, enum hub_topic, const char *,
		    void (*)(struct hub_follower *, void *, void *), void *);
void		 hub_mark(struct hub_follower *);
void		 hub_run(struct hub *);
size_t		 hub_count(const struct hub *);

const char	*hub_cache_get(struct hub *, const char *, size_t, uint64_t,
		    int64_t, size_t *);
void		 hub_cache_put(struct hub *, const char *, size_t, uint64_t,
		    int64_t, const char *, size_t);

#endif
