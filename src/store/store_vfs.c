/*
 * store_vfs.c: the store's SQLite VFS, "onionmsg": the default (unix)
 * VFS with the WAL file's writes gathered, so that a commit writes its
 * frames with one pwrite instead of two per page.
 *
 * SQLite writes each WAL frame as a 24-byte header, then the page, each
 * with its own pwrite; the header's misalignment makes the kernel touch
 * two page-cache pages per call. On the machine this was measured on,
 * that cost 4-6 us per frame, against 0.6 us when a commit's frames go
 * out as one write: a third of a commit's time. So the WAL file's writes
 * that follow one another are kept in a buffer, and written when:
 *
 *   - the page of a commit frame arrives (a frame header whose second
 *     word, the database size after the commit, is not zero: the WAL file
 *     format, https://www.sqlite.org/fileformat2.html#walformat), before
 *     xWrite returns: the commit is only made visible to readers (the
 *     wal-index header) after that, and a failure (ENOSPC) is reported
 *     by that xWrite, as the unix VFS reports it, so the commit fails and
 *     is rolled back as before; a commit frame's header with nothing
 *     gathered before it is written at once (SQLite rewrites the headers
 *     of a transaction that wrote a page twice, each after a read, and
 *     the last one, the commit's, is followed by nothing);
 *   - a write does not follow the buffered ones, or the buffer is full
 *     (then a commit frame's page that does not fit goes out at once,
 *     after the buffer that holds its header);
 *   - the file is read, synced, truncated, sized, or closed; the write
 *     lock is released; SQLite is about to publish a commit (its shm
 *     barrier).
 *
 * Nothing another connection can see changes: it reads only frames of
 * commits, all written by then. A crash loses at most frames of a commit
 * that never became visible, as it could lose them before. Every other
 * file (the database itself, temporary files) is the unix VFS's own,
 * opened in place.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "store/store_int.h"

#define VFS_NAME	"onionmsg"
/*
 * Gathered at most: the unix VFS writes at most 128 KiB - 1 bytes per
 * pwrite (seekAndWriteFd() masks the count with 0x1ffff), and takes a
 * write it could not finish for a full disk.
 */
#define VFS_BUF_MAX	(112 * 1024)
#define VFS_FRAME_HDR	24		/* a WAL frame's header */

struct vfs_wal {
	sqlite3_file		 base;
	sqlite3_file		*real;	/* the unix VFS's, after this */
	char			*buf;
	size_t			 len;
	size_t			 cap;
	sqlite3_int64		 off;	/* of buf[0] in the file */
	int			 commit;	/* a commit frame's header in */
};

/* The unix file follows struct vfs_wal, 8-byte aligned. */
#define VFS_WAL_SIZE	((sizeof(struct vfs_wal) + 7) & ~(size_t)7)

static int	 vfs_open(sqlite3_vfs *, sqlite3_filename, sqlite3_file *,
		    int, int *);
static int	 vfs_flush(struct vfs_wal *);
static int	 wal_close(sqlite3_file *);
static int	 wal_read(sqlite3_file *, void *, int, sqlite3_int64);
static int	 wal_write(sqlite3_file *, const void *, int, sqlite3_int64);
static int	 wal_truncate(sqlite3_file *, sqlite3_int64);
static int	 wal_sync(sqlite3_file *, int);
static int	 wal_file_size(sqlite3_file *, sqlite3_int64 *);
static int	 wal_lock(sqlite3_file *, int);
static int	 wal_unlock(sqlite3_file *, int);
static int	 wal_check_reserved_lock(sqlite3_file *, int *);
static int	 wal_file_control(sqlite3_file *, int, void *);
static int	 wal_sector_size(sqlite3_file *);
static int	 wal_device_characteristics(sqlite3_file *);
static int	 wal_shm_map(sqlite3_file *, int, int, int, void volatile **);
static int	 wal_shm_lock(sqlite3_file *, int, int, int);
static void	 wal_shm_barrier(sqlite3_file *);
static int	 wal_shm_unmap(sqlite3_file *, int);
static int	 wal_fetch(sqlite3_file *, sqlite3_int64, int, void **);
static int	 wal_unfetch(sqlite3_file *, sqlite3_int64, void *);

static sqlite3_vfs		 vfs;
static const sqlite3_io_methods	 wal_methods = {
	3,
	wal_close, wal_read, wal_write, wal_truncate, wal_sync,
	wal_file_size, wal_lock, wal_unlock, wal_check_reserved_lock,
	wal_file_control, wal_sector_size, wal_device_characteristics,
	wal_shm_map, wal_shm_lock, wal_shm_barrier, wal_shm_unmap,
	wal_fetch, wal_unfetch,
};

#define REAL(f)		(((struct vfs_wal *)(f))->real)
#define METHODS(f)	(REAL(f)->pMethods)

/*
 * Register the VFS (once, before SQLite opens anything of ours); return
 * its name for sqlite3_open_v2(), or NULL to use SQLite's default when
 * there is no unix VFS to wrap.
 */
const char *
store_vfs_register(void)
{
	sqlite3_vfs	*unix_vfs;

	if (vfs.zName != NULL)
		return VFS_NAME;
	if ((unix_vfs = sqlite3_vfs_find(NULL)) == NULL)
		return NULL;
	vfs = *unix_vfs;
	vfs.zName = VFS_NAME;
	vfs.pNext = NULL;
	vfs.pAppData = unix_vfs;
	vfs.szOsFile = (int)VFS_WAL_SIZE + unix_vfs->szOsFile;
	vfs.xOpen = vfs_open;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
		memset(&vfs, 0, sizeof(vfs));
		return NULL;
	}
	return VFS_NAME;
}

/* A WAL file gets gathered writes; anything else is the unix VFS's. */
static int
vfs_open(sqlite3_vfs *v, sqlite3_filename name, sqlite3_file *f, int flags,
    int *out_flags)
{
	sqlite3_vfs	*unix_vfs = v->pAppData;
	struct vfs_wal	*w = (struct vfs_wal *)f;
	int		 rc;

	if (!(flags & SQLITE_OPEN_WAL))
		return unix_vfs->xOpen(unix_vfs, name, f, flags, out_flags);
	memset(w, 0, sizeof(*w));
	w->real = (sqlite3_file *)((char *)w + VFS_WAL_SIZE);
	rc = unix_vfs->xOpen(unix_vfs, name, w->real, flags, out_flags);
	if (rc != SQLITE_OK || w->real->pMethods == NULL) {
		if (w->real->pMethods != NULL)
			w->real->pMethods->xClose(w->real);
		w->base.pMethods = NULL;
		return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
	}
	w->base.pMethods = &wal_methods;
	return SQLITE_OK;
}

/* Write what was gathered; the unix VFS's result (FULL, IOERR ...). */
static int
vfs_flush(struct vfs_wal *w)
{
	int	rc;

	w->commit = 0;
	if (w->len == 0)
		return SQLITE_OK;
	rc = w->real->pMethods->xWrite(w->real, w->buf, (int)w->len, w->off);
	w->len = 0;
	return rc;
}

static int
wal_write(sqlite3_file *f, const void *data, int amt, sqlite3_int64 off)
{
	struct vfs_wal		*w = (struct vfs_wal *)f;
	const unsigned char	*p = data;
	int			 rc, commit, follows, page;

	follows = w->len != 0 && off == w->off + (sqlite3_int64)w->len;
	if (w->len != 0 && (!follows || w->len + (size_t)amt > VFS_BUF_MAX)) {
		/*
		 * The commit frame's page right after its gathered header,
		 * past the buffer: the header goes with the buffer, the
		 * page at once, before SQLite makes the commit visible.
		 */
		page = w->commit && follows;
		if ((rc = vfs_flush(w)) != SQLITE_OK)
			return rc;
		if (page)
			return METHODS(f)->xWrite(REAL(f), data, amt, off);
	}
	commit = amt == VFS_FRAME_HDR && (p[4] | p[5] | p[6] | p[7]) != 0;
	if ((size_t)amt > VFS_BUF_MAX || (commit && w->len == 0)) {
		/*
		 * A commit frame's header with nothing gathered before it:
		 * a one-frame commit, or SQLite rewriting the checksums of
		 * a transaction's frames (walRewriteChecksums(): a read,
		 * then a header, and no page after the last one). Out now.
		 */
		w->commit = commit;
		return METHODS(f)->xWrite(REAL(f), data, amt, off);
	}
	if (w->len == 0)
		w->off = off;
	if (w->len + (size_t)amt > w->cap) {
		w->cap = w->cap == 0 ? 64 * 1024 : w->cap;
		while (w->cap < w->len + (size_t)amt)
			w->cap *= 2;
		w->buf = xrealloc(w->buf, w->cap);
	}
	memcpy(w->buf + w->len, data, (size_t)amt);
	w->len += (size_t)amt;
	if (w->commit)			/* the commit frame's page: done */
		return vfs_flush(w);
	w->commit = commit;
	return SQLITE_OK;
}

static int
wal_close(sqlite3_file *f)
{
	struct vfs_wal	*w = (struct vfs_wal *)f;
	int		 rc, rc2;

	rc = vfs_flush(w);
	rc2 = METHODS(f)->xClose(REAL(f));
	free(w->buf);
	w->buf = NULL;
	w->cap = 0;
	return rc != SQLITE_OK ? rc : rc2;
}

static int
wal_read(sqlite3_file *f, void *data, int amt, sqlite3_int64 off)
{
	int	rc;

	if ((rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	return METHODS(f)->xRead(REAL(f), data, amt, off);
}

static int
wal_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int	rc;

	if ((rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	return METHODS(f)->xTruncate(REAL(f), size);
}

static int
wal_sync(sqlite3_file *f, int flags)
{
	int	rc;

	if ((rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	return METHODS(f)->xSync(REAL(f), flags);
}

static int
wal_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	int	rc;

	if ((rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	return METHODS(f)->xFileSize(REAL(f), size);
}

static int
wal_file_control(sqlite3_file *f, int op, void *arg)
{
	int	rc;

	if ((rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	return METHODS(f)->xFileControl(REAL(f), op, arg);
}

/* The rest as the unix VFS does it. */
static int
wal_lock(sqlite3_file *f, int lock)
{
	return METHODS(f)->xLock(REAL(f), lock);
}

static int
wal_unlock(sqlite3_file *f, int lock)
{
	return METHODS(f)->xUnlock(REAL(f), lock);
}

static int
wal_check_reserved_lock(sqlite3_file *f, int *out)
{
	return METHODS(f)->xCheckReservedLock(REAL(f), out);
}

static int
wal_sector_size(sqlite3_file *f)
{
	return METHODS(f)->xSectorSize(REAL(f));
}

static int
wal_device_characteristics(sqlite3_file *f)
{
	return METHODS(f)->xDeviceCharacteristics(REAL(f));
}

static int
wal_shm_map(sqlite3_file *f, int region, int size, int extend,
    void volatile **p)
{
	if (METHODS(f)->iVersion < 2)
		return SQLITE_IOERR;
	return METHODS(f)->xShmMap(REAL(f), region, size, extend, p);
}

/*
 * Before the write lock (slot 0) goes, what is gathered goes out: frames
 * of a transaction rolled back after it spilled pages must not be written
 * later, over frames another connection committed in between.
 */
static int
wal_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	int	rc;

	if (METHODS(f)->iVersion < 2)
		return SQLITE_IOERR;
	if (offset == 0 && (flags & SQLITE_SHM_UNLOCK) &&
	    (rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	return METHODS(f)->xShmLock(REAL(f), offset, n, flags);
}

/*
 * SQLite puts a barrier before it publishes a commit in the wal-index:
 * whatever frames it counts then are in the file (padding frames written
 * after a sync point, which follow no commit page, included).
 */
static void
wal_shm_barrier(sqlite3_file *f)
{
	(void)vfs_flush((struct vfs_wal *)f);
	if (METHODS(f)->iVersion >= 2)
		METHODS(f)->xShmBarrier(REAL(f));
}

static int
wal_shm_unmap(sqlite3_file *f, int del)
{
	if (METHODS(f)->iVersion < 2)
		return SQLITE_OK;
	return METHODS(f)->xShmUnmap(REAL(f), del);
}

static int
wal_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **p)
{
	int	rc;

	*p = NULL;
	if ((rc = vfs_flush((struct vfs_wal *)f)) != SQLITE_OK)
		return rc;
	if (METHODS(f)->iVersion < 3)
		return SQLITE_OK;
	return METHODS(f)->xFetch(REAL(f), off, amt, p);
}

static int
wal_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	if (METHODS(f)->iVersion < 3)
		return SQLITE_OK;
	return METHODS(f)->xUnfetch(REAL(f), off, p);
}
