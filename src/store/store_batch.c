/*
 * store_batch.c: group commit. Inserts queued by many callers run in one
 * transaction; each op's outcome is known only once that transaction
 * committed (or failed as a whole), so nobody is told "stored" early.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "store/store_int.h"

struct store_batch_op {
	struct store_message_in	 in;
	enum store_result	 result;
	int64_t			 seq;
};

struct store_batch {
	struct store_batch_op	*ops;
	size_t			 n;
	size_t			 cap;
};

static void	 store_batch_settle(struct store_batch *, enum store_result);

/* Return a new, empty batch. */
struct store_batch *
store_batch_new(void)
{
	return xcalloc(1, sizeof(struct store_batch));
}

/* Free batch and the copies it holds. */
void
store_batch_free(struct store_batch *b)
{
	if (b == NULL)
		return;
	store_batch_reset(b);
	free(b->ops);
	free(b);
}

/* Empty batch, keeping its memory for the next round. */
void
store_batch_reset(struct store_batch *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++) {
		free((char *)b->ops[i].in.mailbox);
		free((char *)b->ops[i].in.sender_id);
		free((void *)b->ops[i].in.envelope);
	}
	b->n = 0;
}

/* Queue a copy of one insert; return its index. */
size_t
store_batch_add(struct store_batch *b, const struct store_message_in *in)
{
	struct store_batch_op	*op;

	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->ops = xreallocarray(b->ops, b->cap, sizeof(*b->ops));
	}
	op = &b->ops[b->n];
	op->in = *in;
	op->in.mailbox = xstrdup(in->mailbox);
	op->in.sender_id = xstrdup(in->sender_id);
	op->in.envelope = in->size != 0 ? xmemdup(in->envelope, in->size) :
	    NULL;
	op->result = STORE_PENDING;
	op->seq = 0;
	return b->n++;
}

/* Return the number of queued ops. */
size_t
store_batch_count(const struct store_batch *b)
{
	return b->n;
}

/*
 * Run every op in one transaction. Refusals (DUPLICATE, QUOTA, NOT_FOUND,
 * TOO_BIG) change nothing and stay per op; a failure of the transaction
 * (FULL, BUSY, I/O, COMMIT) becomes every op's outcome.
 */
enum store_result
store_batch_commit(struct store *st, struct store_batch *b)
{
	struct store_batch_op	*op;
	enum store_result	 r;
	size_t			 i;

	if (b->n == 0)
		return STORE_OK;
	if ((r = store_begin(st)) != STORE_OK)
		goto fail;
	for (i = 0; i < b->n; i++) {
		op = &b->ops[i];
		op->result = store_message_insert_tx(st, &op->in, &op->seq);
		switch (op->result) {
		case STORE_OK:
		case STORE_DUPLICATE:
		case STORE_QUOTA:
		case STORE_NOT_FOUND:
		case STORE_TOO_BIG:
			continue;
		default:
			r = op->result;
			store_rollback(st);
			goto fail;
		}
	}
	if ((r = store_commit(st)) != STORE_OK)
		goto fail;
	return STORE_OK;
fail:
	store_batch_settle(b, r);
	return r;
}

/* Give every op the transaction's failure r. */
static void
store_batch_settle(struct store_batch *b, enum store_result r)
{
	size_t	i;

	for (i = 0; i < b->n; i++) {
		b->ops[i].result = r;
		b->ops[i].seq = 0;
	}
}

/* Return op i's outcome and seq. */
enum store_result
store_batch_result(const struct store_batch *b, size_t i, int64_t *seq)
{
	if (i >= b->n)
		return STORE_NOT_FOUND;
	if (seq != NULL)
		*seq = b->ops[i].seq;
	return b->ops[i].result;
}
