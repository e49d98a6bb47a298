/*
 * api_group.c: group commit of mutations (DESIGN.md: "a mutation answers
 * only after its transaction committed; concurrent mutations may share
 * one commit"). A mutation is not executed when it arrives: it joins the
 * queue, and a 0 ms edge timer - which fires after the current lws
 * service iteration, so every mutation read in that iteration is queued
 * by then - opens one store transaction (api_group_open), executes the
 * queued mutations one after another inside it (each store operation a
 * savepoint of its own, so a refused one undoes itself alone), commits
 * once (api_group_close) and only then answers them all. If the commit
 * fails (a full disk) every mutation of the group gets an error and
 * nothing of it is stored.
 *
 * News a resolver announces while the group is open - a mailbox got a
 * message (its long-polls and subscription followers), a mailbox's outbox
 * changed (its deliveries followers) - is held and given to the hub only
 * after the COMMIT succeeded, so nobody is woken for a row that is not
 * there yet, or never will be because the group was rolled back. Outside
 * a group (BUSY at BEGIN: each operation commits by itself) news goes out
 * at once, after the operation's own commit.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "store/store.h"

/* Most mutations in one commit; the rest go in the next group. */
#define API_GROUP_MAX	256

TAILQ_HEAD(api_group_list, api_req);

/* News held until the commit: what happened, to which mailbox. */
struct api_group_news {
	enum api_news	 kind;
	char		*mailbox;	/* NULL: every mailbox */
};

struct api_group {
	struct api_group_list	 queue;
	struct edge_timer	*timer;
	int			 open;		/* inside the transaction */
	struct api_group_news	*news;		/* to announce after */
	size_t			 nnews;
};

static struct api_group *group_get(struct api *);
static void	group_run(void *);
static void	group_answer(struct api_req *, enum store_result);
static void	group_announce(struct api *, int);
static int	group_news_is(const struct api_group_news *, enum api_news,
		    const char *);

static struct api_group *
group_get(struct api *api)
{
	struct api_group	*g = api->group;

	if (g == NULL) {
		g = api->group = xcalloc(1, sizeof(*g));
		TAILQ_INIT(&g->queue);
	}
	return g;
}

/* Queue mutation req for the next group commit. */
void
api_group_add(struct api_req *req)
{
	struct api		*api = req->api;
	struct api_group	*g = group_get(api);

	if (g->timer == NULL)
		g->timer = edge_timer_new(api->edge, group_run, api);
	buf_init(&req->gout);
	TAILQ_INSERT_TAIL(&g->queue, req, gentry);
	req->grouped = 1;
	if (!edge_timer_is_pending(g->timer))
		edge_timer_set(g->timer, 0);
}

/* Take req out of its group (it is being freed). */
void
api_group_remove(struct api_req *req)
{
	if (!req->grouped)
		return;
	TAILQ_REMOVE(&req->api->group->queue, req, gentry);
	req->grouped = 0;
	buf_free(&req->gout);
}

/*
 * Open a group: until api_group_close(), store operations join one
 * transaction and news waits. Return 0, or -1 when the transaction could
 * not begin (each operation then commits, and announces, by itself).
 */
int
api_group_open(struct api *api)
{
	struct api_group	*g = group_get(api);

	g->open = store_group_begin(api->store) == STORE_OK;
	return g->open ? 0 : -1;
}

/*
 * Close the open group: commit it (commit != 0) or roll it back. The
 * news held is announced only when the commit succeeded, else dropped.
 * Return the commit's result (STORE_OK without an open group).
 */
enum store_result
api_group_close(struct api *api, int commit)
{
	struct api_group	*g = group_get(api);
	enum store_result	 r = STORE_OK;

	if (!g->open) {
		group_announce(api, 0);
		return STORE_OK;
	}
	g->open = 0;
	if (!commit) {
		store_group_rollback(api->store);
		r = STORE_ERROR;
	} else if ((r = store_group_commit(api->store)) != STORE_OK)
		log_warnx("api", "a group of mutations failed to commit: %s",
		    store_errmsg(api->store));
	group_announce(api, commit && r == STORE_OK);
	return r;
}

/*
 * Hold news of kind for mailbox (NULL: every mailbox) until the open
 * group committed: 1. Without an open group: 0, announce it now.
 */
int
api_group_defer(struct api *api, enum api_news kind, const char *mailbox)
{
	struct api_group	*g = api->group;
	size_t			 i;

	if (g == NULL || !g->open)
		return 0;
	for (i = 0; i < g->nnews; i++)
		if (group_news_is(&g->news[i], kind, mailbox))
			return 1;
	g->news = xreallocarray(g->news, g->nnews + 1, sizeof(*g->news));
	g->news[g->nnews].kind = kind;
	g->news[g->nnews].mailbox = mailbox != NULL ? xstrdup(mailbox) : NULL;
	g->nnews++;
	return 1;
}

/* Hold a wake-up of mailbox until the open group committed: 1, else 0. */
int
api_group_defer_wake(struct api *api, const char *mailbox)
{
	return api_group_defer(api, API_NEWS_MESSAGES, mailbox);
}

static int
group_news_is(const struct api_group_news *n, enum api_news kind,
    const char *mailbox)
{
	if (n->kind != kind)
		return 0;
	if (n->mailbox == NULL || mailbox == NULL)
		return n->mailbox == mailbox;
	return strcmp(n->mailbox, mailbox) == 0;
}

/* Free the group state (edge thread end; requests are cancelled). */
void
api_group_fini(struct api *api)
{
	struct api_group	*g = api->group;

	if (g == NULL)
		return;
	group_announce(api, 0);
	edge_timer_free(g->timer);
	free(g);
	api->group = NULL;
}

static void
group_run(void *arg)
{
	struct api		*api = arg;
	struct api_group	*g = api->group;
	struct api_group_list	 run;
	struct api_req		*req;
	enum store_result	 r;
	int			 n = 0;

	TAILQ_INIT(&run);
	while ((req = TAILQ_FIRST(&g->queue)) != NULL && n++ < API_GROUP_MAX) {
		TAILQ_REMOVE(&g->queue, req, gentry);
		TAILQ_INSERT_TAIL(&run, req, gentry);
	}
	if (!TAILQ_EMPTY(&g->queue))
		edge_timer_set(g->timer, 0);
	(void)api_group_open(api);
	TAILQ_FOREACH(req, &run, gentry)
		(void)api_req_exec(req, &req->gout);
	r = api_group_close(api, 1);
	while ((req = TAILQ_FIRST(&run)) != NULL) {
		TAILQ_REMOVE(&run, req, gentry);
		req->grouped = 0;
		group_answer(req, r);
	}
	/*
	 * The followers this commit woke read it now, not one loop
	 * iteration later (after the next reads and their parsing): their
	 * frames then leave in the same writes as the answers.
	 */
	edge_timer_fire_now(api->hub_timer);
}

/* Answer req with its result, or with the group's failed commit. */
static void
group_answer(struct api_req *req, enum store_result r)
{
	struct buf	out = req->gout;

	buf_init(&req->gout);
	if (r != STORE_OK) {
		buf_reset(&out);
		buf_adds(&out, "{\"errors\":[{\"message\":\"the node could "
		    "not store this: ");
		buf_adds(&out, store_result_str(r));
		buf_adds(&out, "\",\"extensions\":{\"code\":"
		    "\"INTERNAL_SERVER_ERROR\"}}]}");
	}
	api_answer(req, r != STORE_OK ? 500 : 0, &out);
	buf_free(&out);
}

/* Give the held news to the hub (committed), or drop it. */
static void
group_announce(struct api *api, int committed)
{
	struct api_group	*g = api->group;
	struct api_group_news	*n;
	size_t			 i;

	for (i = 0; i < g->nnews; i++) {
		n = &g->news[i];
		if (committed && n->kind == API_NEWS_MESSAGES)
			api_wake_now(api, n->mailbox);
		else if (committed && n->kind == API_NEWS_DELIVERIES)
			api_sub_notify_deliveries(api, n->mailbox);
		free(n->mailbox);
	}
	free(g->news);
	g->news = NULL;
	g->nnews = 0;
}
