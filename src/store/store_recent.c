/*
 * store_recent.c: the messages a connection committed last, kept in
 * memory (see store.h: "Recent messages"), so that subscriptions that
 * follow mailboxes from their newest message get each new one without
 * reading it back in a read transaction of their own.
 *
 * A ring of rows in seq order (seqs grow from one commit to the next on
 * the one connection that inserts) and a floor: every committed message
 * with a seq above the floor is in the ring. Rows inserted in the open
 * transaction wait in a pending list: an op rolled back to its savepoint
 * drops its own, a rolled-back transaction all of them, and a commit
 * moves them to the ring. When the ring is full its oldest row goes and
 * the floor rises to it. Acknowledged messages deleted (an ack, a removed
 * device: every message of a mailbox up to a seq) are cut from the ring
 * when their transaction commits, as cuts made by an op rolled back to
 * its savepoint are forgotten with it. A deleted mailbox empties the ring
 * at the next commit or rollback, the floor rising to the newest seq it
 * knew: the store answers those readers. Expired messages need nothing:
 * readers hide them by their expiry, as the store's listing does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "store/store_int.h"

struct store_recent_row {
	int64_t			 mbx;
	struct store_message	 m;	/* owns sender_id and envelope;
					   sender_id NULL: cut (deleted) */
};

/* Mailbox mbx's messages up to seq upto were deleted. */
struct store_recent_cut {
	int64_t			 mbx;
	int64_t			 upto;
};

struct store_recent {
	struct store_recent_row	*ring;
	size_t			 cap;		/* rows */
	size_t			 head;		/* oldest */
	size_t			 n;
	size_t			 bytes;
	size_t			 max_bytes;
	int64_t			 floor;
	int64_t			 newest;	/* seq of the newest row ever */
	struct store_recent_row	*pend;
	size_t			 npend;
	size_t			 cappend;
	size_t			 mark;		/* npend at the savepoint */
	struct store_recent_cut	*cuts;		/* of the open transaction */
	size_t			 ncuts;
	size_t			 capcuts;
	size_t			 cutmark;	/* ncuts at the savepoint */
	int			 stale;		/* empty it */
};

static void	 recent_row_clear(struct store_recent_row *);
static void	 recent_drop_oldest(struct store_recent *);
static void	 recent_forget(struct store_recent *);
static size_t	 recent_first_after(const struct store_recent *, int64_t);
static struct store_recent_row *recent_at(const struct store_recent *, size_t);
static void	 recent_apply_cuts(struct store_recent *);
static int	 recent_is_cut(const struct store_recent *,
		    const struct store_recent_row *);

/*
 * Keep up to max_rows committed messages (max_bytes of envelopes) in
 * memory from now on. The caller promises that no other connection
 * inserts or deletes messages, except the expiry purge.
 */
enum store_result
store_recent_enable(struct store *st, size_t max_rows, size_t max_bytes)
{
	struct store_recent	*rc;
	enum store_result	 r;
	int64_t			 newest;

	if (st->recent != NULL || max_rows == 0)
		return STORE_OK;
	if ((r = store_message_newest(st, &newest)) != STORE_OK)
		return r;
	rc = xcalloc(1, sizeof(*rc));
	rc->ring = xcalloc(max_rows, sizeof(*rc->ring));
	rc->cap = max_rows;
	rc->max_bytes = max_bytes;
	rc->floor = rc->newest = newest;
	st->recent = rc;
	return STORE_OK;
}

/* Free the connection's recent messages (store_close). */
void
store_recent_free(struct store *st)
{
	struct store_recent	*rc = st->recent;
	size_t			 i;

	if (rc == NULL)
		return;
	while (rc->n > 0)
		recent_drop_oldest(rc);
	for (i = 0; i < rc->npend; i++)
		recent_row_clear(&rc->pend[i]);
	free(rc->pend);
	free(rc->cuts);
	free(rc->ring);
	free(rc);
	st->recent = NULL;
}

/* Remember a message inserted as seq into mailbox mbx (not committed). */
void
store_recent_add(struct store *st, int64_t mbx, int64_t seq,
    const struct store_message_in *in)
{
	struct store_recent	*rc = st->recent;
	struct store_recent_row	*row;

	if (rc == NULL)
		return;
	if (rc->npend == rc->cappend) {
		rc->cappend = rc->cappend == 0 ? 64 : rc->cappend * 2;
		rc->pend = xreallocarray(rc->pend, rc->cappend,
		    sizeof(*rc->pend));
	}
	row = &rc->pend[rc->npend++];
	row->mbx = mbx;
	row->m.seq = seq;
	row->m.sender_id = xstrdup(in->sender_id);
	row->m.envelope = xmalloc(in->size + 1);
	if (in->size != 0)
		memcpy(row->m.envelope, in->envelope, in->size);
	row->m.envelope[in->size] = '\0';
	row->m.size = in->size;
	row->m.received = in->received;
	row->m.expires = in->expires;
}

/* An op's savepoint begins: what it adds from here is its own. */
void
store_recent_mark(struct store *st)
{
	if (st->recent == NULL)
		return;
	st->recent->mark = st->recent->npend;
	st->recent->cutmark = st->recent->ncuts;
}

/* The op was rolled back to its savepoint: forget what it added. */
void
store_recent_undo(struct store *st)
{
	struct store_recent	*rc = st->recent;

	if (rc == NULL)
		return;
	while (rc->npend > rc->mark)
		recent_row_clear(&rc->pend[--rc->npend]);
	rc->ncuts = rc->cutmark;
}

/* Mailbox mbx's messages up to seq upto were deleted in the open one. */
void
store_recent_cut(struct store *st, int64_t mbx, int64_t upto)
{
	struct store_recent	*rc = st->recent;

	if (rc == NULL)
		return;
	if (rc->ncuts == rc->capcuts) {
		rc->capcuts = rc->capcuts == 0 ? 8 : rc->capcuts * 2;
		rc->cuts = xreallocarray(rc->cuts, rc->capcuts,
		    sizeof(*rc->cuts));
	}
	rc->cuts[rc->ncuts].mbx = mbx;
	rc->cuts[rc->ncuts++].upto = upto;
}

/* Messages were deleted in the open transaction, no telling which. */
void
store_recent_stale(struct store *st)
{
	if (st->recent != NULL)
		st->recent->stale = 1;
}

/*
 * The transaction ended: committed (its rows join the ring) or rolled
 * back (they are forgotten). After a deletion the ring is emptied.
 */
void
store_recent_end(struct store *st, int committed)
{
	struct store_recent	*rc = st->recent;
	struct store_recent_row	*row;
	size_t			 i;

	if (rc == NULL)
		return;
	if (committed)
		recent_apply_cuts(rc);
	for (i = 0; i < rc->npend; i++) {
		row = &rc->pend[i];
		if (committed && row->m.seq <= rc->newest)
			rc->stale = 1;		/* out of order: never here */
		if (!committed || rc->stale || recent_is_cut(rc, row)) {
			if (committed && row->m.seq > rc->newest)
				rc->newest = row->m.seq;
			recent_row_clear(row);
			continue;
		}
		if (rc->n == rc->cap)
			recent_drop_oldest(rc);
		*recent_at(rc, rc->n++) = *row;
		rc->bytes += row->m.size;
		rc->newest = row->m.seq;
		while (rc->bytes > rc->max_bytes && rc->n > 1)
			recent_drop_oldest(rc);
	}
	rc->npend = rc->mark = rc->ncuts = rc->cutmark = 0;
	if (rc->stale)
		recent_forget(rc);
	rc->stale = 0;
}

/*
 * Fill out (room for limit) with mailbox id's unexpired messages after
 * seq after, oldest first, from memory; the entries point into it and
 * stay valid until the next write on this connection. NOT_FOUND when
 * memory cannot answer (not kept, inside a transaction, a mailbox not
 * looked up yet, or after is older than what it holds): read the store.
 */
enum store_result
store_message_recent(struct store *st, const char *id, int64_t after,
    size_t limit, int64_t now, struct store_message *out, size_t *n)
{
	struct store_recent		*rc = st->recent;
	const struct store_recent_row	*row;
	int64_t				 mbx;
	size_t				 i;

	*n = 0;
	if (rc == NULL || st->in_tx || after < rc->floor ||
	    !store_mailbox_cache_get(st, id, &mbx))
		return STORE_NOT_FOUND;
	for (i = recent_first_after(rc, after); i < rc->n && *n < limit;
	    i++) {
		row = recent_at(rc, i);
		if (row->mbx != mbx || row->m.sender_id == NULL ||
		    (row->m.expires != 0 &&
		    row->m.expires <= now))
			continue;
		out[(*n)++] = row->m;
	}
	return STORE_OK;
}

/* The row i places after the oldest (a subtraction, not a division:
 * every follower's look-up walks the rows of the last commits). */
static struct store_recent_row *
recent_at(const struct store_recent *rc, size_t i)
{
	size_t	k = rc->head + i;

	return &rc->ring[k >= rc->cap ? k - rc->cap : k];
}

/* Index (from the oldest) of the first row with seq > after. */
static size_t
recent_first_after(const struct store_recent *rc, int64_t after)
{
	size_t	lo = 0, hi = rc->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (recent_at(rc, mid)->m.seq <= after)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Cut the committed deletions from the ring: their rows keep their seq. */
static void
recent_apply_cuts(struct store_recent *rc)
{
	struct store_recent_row	*row;
	size_t			 c, i, end;

	for (c = 0; c < rc->ncuts; c++) {
		end = recent_first_after(rc, rc->cuts[c].upto);
		for (i = 0; i < end; i++) {
			row = recent_at(rc, i);
			if (row->mbx != rc->cuts[c].mbx ||
			    row->m.sender_id == NULL)
				continue;
			rc->bytes -= row->m.size;
			free(row->m.sender_id);
			free(row->m.envelope);
			row->m.sender_id = NULL;
			row->m.envelope = NULL;
			row->m.size = 0;
		}
	}
}

/* Whether a cut of the open transaction deleted row. */
static int
recent_is_cut(const struct store_recent *rc, const struct store_recent_row *row)
{
	size_t	i;

	for (i = 0; i < rc->ncuts; i++)
		if (rc->cuts[i].mbx == row->mbx &&
		    row->m.seq <= rc->cuts[i].upto)
			return 1;
	return 0;
}

static void
recent_row_clear(struct store_recent_row *row)
{
	free(row->m.sender_id);
	free(row->m.envelope);
	memset(row, 0, sizeof(*row));
}

static void
recent_drop_oldest(struct store_recent *rc)
{
	struct store_recent_row	*row = &rc->ring[rc->head];

	if (row->m.seq > rc->floor)
		rc->floor = row->m.seq;
	rc->bytes -= row->m.size;
	recent_row_clear(row);
	rc->head = (rc->head + 1) % rc->cap;
	rc->n--;
}

/* Empty the ring: the store answers everything up to the newest seq. */
static void
recent_forget(struct store_recent *rc)
{
	while (rc->n > 0)
		recent_drop_oldest(rc);
	if (rc->newest > rc->floor)
		rc->floor = rc->newest;
}
