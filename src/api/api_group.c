/*
 * api_group.c: group commit of mutations (DESIGN.md: "a mutation answers
 * only after its transaction committed; concurrent mutations may share
 * one commit"). A mutation is not executed when it arrives: it joins the
 * queue, and a 0 ms edge timer - which fires after the current lws
 * service iteration, so every mutation read in that iteration is queued
 * by then - opens one store transaction (store_group_begin), executes
 * the queued mutations one after another inside it (each store operation
 * a savepoint of its own, so a refused one undoes itself alone), commits
 * once and only then answers them all. If the commit fails (a full disk)
 * every mutation of the group gets an error and nothing of it is stored.
 * Wake-ups a resolver asks for while the group is open (long-polls and
 * subscription followers of a mailbox that got a message) are held and
 * done after the commit, so nobody is woken for a row that is not there.
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

struct api_group {
	struct api_group_list	 queue;
	struct edge_timer	*timer;
	int			 open;		/* inside the transaction */
	char			**wakes;	/* mailboxes to wake after */
	size_t			 nwakes;
};

static void	group_run(void *);
static void	group_answer(struct api_req *, enum store_result);
static void	group_wakes(struct api *, int);

/* Queue mutation req for the next group commit. */
void
api_group_add(struct api_req *req)
{
	struct api		*api = req->api;
	struct api_group	*g = api->group;

	if (g == NULL) {
		g = api->group = xcalloc(1, sizeof(*g));
		TAILQ_INIT(&g->queue);
		g->timer = edge_timer_new(api->edge, group_run, api);
	}
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

/* Hold a wake-up of mailbox until the open group committed: 1, else 0. */
int
api_group_defer_wake(struct api *api, const char *mailbox)
{
	struct api_group	*g = api->group;
	size_t			 i;

	if (g == NULL || !g->open)
		return 0;
	for (i = 0; i < g->nwakes; i++)
		if (strcmp(g->wakes[i], mailbox) == 0)
			return 1;
	g->wakes = xreallocarray(g->wakes, g->nwakes + 1,
	    sizeof(*g->wakes));
	g->wakes[g->nwakes++] = xstrdup(mailbox);
	return 1;
}

/* Free the group state (edge thread end; requests are cancelled). */
void
api_group_fini(struct api *api)
{
	struct api_group	*g = api->group;

	if (g == NULL)
		return;
	group_wakes(api, 0);
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
	enum store_result	 r = STORE_OK;
	int			 n = 0;

	TAILQ_INIT(&run);
	while ((req = TAILQ_FIRST(&g->queue)) != NULL && n++ < API_GROUP_MAX) {
		TAILQ_REMOVE(&g->queue, req, gentry);
		TAILQ_INSERT_TAIL(&run, req, gentry);
	}
	if (!TAILQ_EMPTY(&g->queue))
		edge_timer_set(g->timer, 0);
	/* Without a group (BUSY), each operation commits by itself. */
	g->open = store_group_begin(api->store) == STORE_OK;
	TAILQ_FOREACH(req, &run, gentry)
		(void)api_req_exec(req, &req->gout);
	if (g->open) {
		g->open = 0;
		if ((r = store_group_commit(api->store)) != STORE_OK)
			log_warnx("api", "a group of %d mutations failed to "
			    "commit: %s", n, store_errmsg(api->store));
	}
	while ((req = TAILQ_FIRST(&run)) != NULL) {
		TAILQ_REMOVE(&run, req, gentry);
		req->grouped = 0;
		group_answer(req, r);
	}
	group_wakes(api, r == STORE_OK);
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

static void
group_wakes(struct api *api, int committed)
{
	struct api_group	*g = api->group;
	size_t			 i;

	for (i = 0; i < g->nwakes; i++) {
		if (committed)
			api_wake_now(api, g->wakes[i]);
		free(g->wakes[i]);
	}
	free(g->wakes);
	g->wakes = NULL;
	g->nwakes = 0;
}
