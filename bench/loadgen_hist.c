/*
 * loadgen_hist.c: the latency histogram of bench/loadgen. Fixed buckets,
 * no allocation per sample: exact microseconds below 64, then 32 buckets
 * per power of two, so a quantile is read within about 3% of its value
 * (the upper edge of its bucket is reported, never an underestimate).
 */
#include "config.h"

#include "loadgen.h"

static int	 lg_hist_index(uint64_t);
static uint64_t	 lg_hist_upper(int);

static int
lg_hist_index(uint64_t v)
{
	int	e, idx;

	if (v < 64)
		return (int)v;
	e = 63 - __builtin_clzll(v);
	idx = 64 + (e - 6) * 32 + (int)((v >> (e - 5)) - 32);
	if (idx >= LG_HIST_BUCKETS)
		idx = LG_HIST_BUCKETS - 1;
	return idx;
}

static uint64_t
lg_hist_upper(int idx)
{
	int		e;
	uint64_t	m;

	if (idx < 64)
		return (uint64_t)idx;
	e = (idx - 64) / 32 + 6;
	m = (uint64_t)((idx - 64) % 32 + 32);
	return ((m + 1) << (e - 5)) - 1;
}

/* Record one latency of v microseconds. */
void
lg_hist_add(struct lg_hist *h, uint64_t v)
{
	h->count[lg_hist_index(v)]++;
	h->n++;
	h->sum += v;
	if (v > h->max)
		h->max = v;
}

/* Return the q-quantile (0 < q <= 1) in microseconds; 0 when empty. */
uint64_t
lg_hist_quantile(const struct lg_hist *h, double q)
{
	uint64_t	rank, seen = 0;
	int		i;

	if (h->n == 0)
		return 0;
	rank = (uint64_t)(q * (double)h->n + 0.5);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < LG_HIST_BUCKETS; i++) {
		seen += h->count[i];
		if (seen >= rank) {
			uint64_t u = lg_hist_upper(i);
			return u < h->max ? u : h->max;
		}
	}
	return h->max;
}
