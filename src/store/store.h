/*
 * store.h: the node's SQLite store: mailboxes, devices, messages, the
 * outbox and node settings, in one WAL-mode database file.
 *
 * A struct store is one SQLite connection; it belongs to one thread at a
 * time (each daemon thread opens its own on the same file). Every mutation
 * runs in its own transaction and returns only after it committed; group
 * commit (struct store_batch) lets many inserts share one commit.
 */
#ifndef OM_STORE_H
#define OM_STORE_H

#include <stddef.h>
#include <stdint.h>

/* Durability: NORMAL survives a process crash, FULL a power loss. */
enum store_sync {
	STORE_SYNC_NORMAL,
	STORE_SYNC_FULL,
};

/* What an operation did. Every value but STORE_OK has a message. */
enum store_result {
	STORE_OK = 0,
	STORE_DUPLICATE,	/* already there; the first one's id is returned */
	STORE_NOT_FOUND,	/* no such mailbox, device, entry or key */
	STORE_QUOTA,		/* the mailbox's count or bytes quota is used up */
	STORE_LAST_DEVICE,	/* a mailbox keeps at least one device */
	STORE_FULL,		/* disk or database full; nothing was changed */
	STORE_BUSY,		/* another connection held the lock too long */
	STORE_CORRUPT,		/* the database file is damaged */
	STORE_ERROR,		/* anything else; see store_errmsg() */
	STORE_PENDING,		/* a batch op whose batch has not committed */
};

struct store;

/*
 * Open (creating when missing, mode 0600 whatever the umask) the database
 * at path and bring its schema up to date. Returns NULL and a one-line
 * message in err when the file is not an onionmsg database, is corrupt,
 * comes from a newer onionmsgd or cannot be opened. Never recreates it.
 */
struct store	*store_open(const char *, enum store_sync, char *, size_t);
/* Close the connection; NULL is a no-op. */
void		 store_close(struct store *);
/* Return the message of the last failed operation on this connection. */
const char	*store_errmsg(const struct store *);
/* Return the schema version (PRAGMA user_version) this build writes. */
int		 store_schema_version(void);
/* Return a short constant name for a result ("quota exceeded" ...). */
const char	*store_result_str(enum store_result);

#endif
