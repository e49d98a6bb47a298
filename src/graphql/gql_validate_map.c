/*
 * gql_validate_map.c: the validator's maps: from names (bytes and
 * length) and from pairs of pointers (never both NULL) to a pointer. Open
 * addressing with linear probing; a table doubles when half full. Tables
 * live on the validation's heap list (gql_validate_heap_calloc()), not in
 * the arena, so a table that grew is freed at once and large ones come
 * zeroed from the kernel; whatever is left is freed when validation ends.
 * A zero-initialised map is an empty map.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "graphql/gql_validate_int.h"

#define MAP_MIN	8
#define MAP_PTR_FREE(e)	((e)->a == NULL && (e)->b == NULL)

static void	 map_str_grow(struct gv *, struct gv_strmap *);
static void	 map_ptr_grow(struct gv *, struct gv_ptrmap *);
static uint32_t	 map_ptr_hash(const void *, const void *);

/* FNV-1a over a name. */
uint32_t
gql_validate_map_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t
map_ptr_hash(const void *a, const void *b)
{
	uint64_t	x = (uint64_t)(uintptr_t)a * 0x9e3779b97f4a7c15ull;

	x ^= (uint64_t)(uintptr_t)b + 0x632be59bd9b4e019ull + (x << 6) +
	    (x >> 2);
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 32;
	return (uint32_t)x;
}

static void
map_str_grow(struct gv *v, struct gv_strmap *m)
{
	struct gv_strent	*old = m->e;
	uint32_t		 oldcap = old == NULL ? 0 : m->mask + 1;
	uint32_t		 cap = oldcap == 0 ? MAP_MIN : oldcap * 2;
	uint32_t		 i, j;

	m->e = gql_validate_heap_calloc(v, cap, sizeof(*m->e));
	m->mask = cap - 1;
	for (i = 0; i < oldcap; i++) {
		if (old[i].s == NULL)
			continue;
		for (j = old[i].hash & m->mask; m->e[j].s != NULL;
		    j = (j + 1) & m->mask)
			;
		m->e[j] = old[i];
	}
	gql_validate_heap_free(v, old);
}

/* Return the value stored under a name, or NULL. */
void *
gql_validate_map_str_get(const struct gv_strmap *m, const char *s,
    size_t len)
{
	uint32_t	h, j;

	if (m->e == NULL)
		return NULL;
	h = gql_validate_map_hash(s, len);
	for (j = h & m->mask; m->e[j].s != NULL; j = (j + 1) & m->mask) {
		if (m->e[j].hash == h && m->e[j].len == len &&
		    memcmp(m->e[j].s, s, len) == 0)
			return m->e[j].val;
	}
	return NULL;
}

/*
 * Return the slot of a name, adding it (value NULL, *isnew set) if it is
 * not there. The name's bytes must outlive the map.
 */
void **
gql_validate_map_str_slot(struct gv *v, struct gv_strmap *m,
    const char *s, size_t len, int *isnew)
{
	uint32_t	h, j;

	if (m->e == NULL || (m->n + 1) * 2 > m->mask + 1)
		map_str_grow(v, m);
	h = gql_validate_map_hash(s, len);
	for (j = h & m->mask; m->e[j].s != NULL; j = (j + 1) & m->mask) {
		if (m->e[j].hash == h && m->e[j].len == len &&
		    memcmp(m->e[j].s, s, len) == 0) {
			*isnew = 0;
			return &m->e[j].val;
		}
	}
	m->e[j].s = s;
	m->e[j].len = (uint32_t)len;
	m->e[j].hash = h;
	m->e[j].val = NULL;
	m->n++;
	*isnew = 1;
	return &m->e[j].val;
}

static void
map_ptr_grow(struct gv *v, struct gv_ptrmap *m)
{
	struct gv_ptrent	*old = m->e;
	uint32_t		 oldcap = old == NULL ? 0 : m->mask + 1;
	uint32_t		 cap = oldcap == 0 ? MAP_MIN : oldcap * 2;
	uint32_t		 i, j;

	m->e = gql_validate_heap_calloc(v, cap, sizeof(*m->e));
	m->mask = cap - 1;
	for (i = 0; i < oldcap; i++) {
		if (MAP_PTR_FREE(&old[i]))
			continue;
		for (j = map_ptr_hash(old[i].a, old[i].b) & m->mask;
		    !MAP_PTR_FREE(&m->e[j]); j = (j + 1) & m->mask)
			;
		m->e[j] = old[i];
	}
	gql_validate_heap_free(v, old);
}

/* Return the value stored under a pair of pointers, or NULL. */
void *
gql_validate_map_ptr_get(const struct gv_ptrmap *m, const void *a,
    const void *b)
{
	uint32_t	j;

	if (m->e == NULL)
		return NULL;
	for (j = map_ptr_hash(a, b) & m->mask; !MAP_PTR_FREE(&m->e[j]);
	    j = (j + 1) & m->mask) {
		if (m->e[j].a == a && m->e[j].b == b)
			return m->e[j].val;
	}
	return NULL;
}

/* Return the slot of a pair of pointers, adding it if it is not there. */
void **
gql_validate_map_ptr_slot(struct gv *v, struct gv_ptrmap *m,
    const void *a, const void *b, int *isnew)
{
	uint32_t	j;

	if (m->e == NULL || (m->n + 1) * 2 > m->mask + 1)
		map_ptr_grow(v, m);
	for (j = map_ptr_hash(a, b) & m->mask; !MAP_PTR_FREE(&m->e[j]);
	    j = (j + 1) & m->mask) {
		if (m->e[j].a == a && m->e[j].b == b) {
			*isnew = 0;
			return &m->e[j].val;
		}
	}
	m->e[j].a = a;
	m->e[j].b = b;
	m->e[j].val = NULL;
	m->n++;
	*isnew = 1;
	return &m->e[j].val;
}

/* Return the number stored under a name (0 if absent). */
uintptr_t
gql_validate_map_str_num(const struct gv_strmap *m, const char *s, size_t len)
{
	void	*p = gql_validate_map_str_get(m, s, len);

	return (uintptr_t)p;
}

/* Return the number stored under a pair of pointers (0 if absent). */
uintptr_t
gql_validate_map_ptr_num(const struct gv_ptrmap *m, const void *a,
    const void *b)
{
	void	*p = gql_validate_map_ptr_get(m, a, b);

	return (uintptr_t)p;
}
