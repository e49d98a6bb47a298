/*
 * loadgen_http.c: bench/loadgen's HTTP publishers. One thread runs a
 * libcurl multi loop with --http-pubs requests in flight, each on its own
 * kept-alive connection, each carrying --batch aliased sendMessage fields
 * (1: one message per request, as a plain client does). Paced runs
 * (--rate) give every publisher an equal share of the rate and start its
 * next request when it is due; otherwise the next request leaves as soon
 * as the previous one is answered. The thread stops publishing when the
 * lws thread sets stop_publishing, finishes what is in flight and sets
 * http_done.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "loadgen.h"

struct lg_http_req {
	CURL		*easy;
	struct buf	 body;
	struct buf	 resp;
	int		 pub;		/* publisher number in message ids */
	uint64_t	 n;		/* next message number */
	uint64_t	 due;		/* paced: when the next request leaves */
	int		 active;
};

struct lg_http {
	struct lg_run		*run;
	pthread_t		 thread;
	CURLM			*multi;
	struct lg_http_req	*reqs;
	int			 nreqs;
	int			 active;
	uint64_t		 interval;	/* paced: us between requests */
	struct curl_slist	*hdrs;
	char			 url[128];
};

static size_t	 lg_http_write(char *, size_t, size_t, void *);
static void	*lg_http_main(void *);
static void	 lg_http_arm(struct lg_http *, struct lg_http_req *);
static void	 lg_http_done(struct lg_http *, CURL *, CURLcode);
static int	 lg_http_count(const char *, size_t, const char *);

static size_t
lg_http_write(char *p, size_t size, size_t n, void *arg)
{
	buf_add(arg, p, size * n);
	return size * n;
}

static int
lg_http_count(const char *s, size_t len, const char *needle)
{
	size_t		 nl = strlen(needle);
	const char	*p = s, *end = s + len;
	int		 n = 0;

	while ((p = memmem(p, (size_t)(end - p), needle, nl)) != NULL) {
		n++;
		p += nl;
	}
	return n;
}

static void
lg_http_arm(struct lg_http *h, struct lg_http_req *r)
{
	lg_msg_http_batch(h->run, r->pub, &r->n, h->run->o.batch, &r->body);
	buf_reset(&r->resp);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDS, r->body.data);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDSIZE, (long)r->body.len);
	curl_multi_add_handle(h->multi, r->easy);
	r->active = 1;
	h->active++;
}

/* Account one answered request: a cursor per stored message. */
static void
lg_http_done(struct lg_http *h, CURL *easy, CURLcode rc)
{
	struct lg_stats		*st = &h->run->st;
	struct lg_http_req	*r = NULL;
	long			 status = 0;
	int			 ok, k = h->run->o.batch;
	uint64_t		 now = util_mono_us();

	curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&r);
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(h->multi, easy);
	r->active = 0;
	h->active--;
	atomic_fetch_add(&st->http_requests, 1);
	if (rc != CURLE_OK || status != 200) {
		static int warned;

		if (warned++ < 5)
			log_warnx("loadgen", "HTTP publisher: %s, status %ld: "
			    "%.200s", curl_easy_strerror(rc), status,
			    buf_cstr(&r->resp));
		atomic_fetch_add(&st->http_failures, 1);
		atomic_fetch_add(&st->pub_errors, (unsigned long long)k);
	} else {
		ok = lg_http_count(r->resp.data, r->resp.len, "\"cursor\"");
		if (ok > k)
			ok = k;
		atomic_fetch_add(&st->published, (unsigned long long)ok);
		if (now >= h->run->t_win_start && now < h->run->t_win_end)
			atomic_fetch_add(&st->window_published,
			    (unsigned long long)ok);
		atomic_fetch_add(&st->pub_errors, (unsigned long long)(k - ok));
	}
	if (h->interval != 0) {
		r->due += h->interval;
		if (r->due + h->interval < now)	/* far behind: no burst */
			r->due = now;
	}
}

static void *
lg_http_main(void *arg)
{
	struct lg_http	*h = arg;
	struct lg_stats	*st = &h->run->st;
	CURLMsg		*m;
	int		 running, left, i, finished;
	uint64_t	 now;

	for (;;) {
		/*
		 * Arm what is due after reading what finished, and start it
		 * before sleeping: a publisher whose answer just came must
		 * not wait for someone else's event (or the poll's timeout)
		 * to send its next request.
		 */
		now = util_mono_us();
		if (!atomic_load(&st->stop_publishing))
			for (i = 0; i < h->nreqs; i++)
				if (!h->reqs[i].active && now >= h->reqs[i].due)
					lg_http_arm(h, &h->reqs[i]);
		if (h->active == 0 && atomic_load(&st->stop_publishing))
			break;
		curl_multi_perform(h->multi, &running);
		finished = 0;
		while ((m = curl_multi_info_read(h->multi, &left)) != NULL)
			if (m->msg == CURLMSG_DONE) {
				lg_http_done(h, m->easy_handle, m->data.result);
				finished++;
			}
		if (finished == 0)
			curl_multi_poll(h->multi, NULL, 0, h->interval ? 1 :
			    50, NULL);
	}
	atomic_store(&st->http_done, 1);
	return NULL;
}

/* Start the HTTP publishers' thread; NULL when --http-pubs is 0. */
struct lg_http *
lg_http_start(struct lg_run *run)
{
	struct lg_http	*h;
	int		 i, npubs = run->o.ws_pubs + run->o.http_pubs;

	if (run->o.http_pubs == 0) {
		atomic_store(&run->st.http_done, 1);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->run = run;
	h->nreqs = run->o.http_pubs;
	h->reqs = xcalloc((size_t)h->nreqs, sizeof(*h->reqs));
	snprintf(h->url, sizeof(h->url), "http://%s:%d/graphql", run->o.host,
	    run->o.port);
	h->hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	h->hdrs = curl_slist_append(h->hdrs, "Expect:");
	if (run->o.rate > 0)
		h->interval = (uint64_t)(1e6 * run->o.batch /
		    (run->o.rate / npubs));
	h->multi = curl_multi_init();
	curl_multi_setopt(h->multi, CURLMOPT_MAXCONNECTS, (long)h->nreqs + 4);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)h->nreqs);
	for (i = 0; i < h->nreqs; i++) {
		struct lg_http_req *r = &h->reqs[i];

		r->pub = run->o.ws_pubs + i;
		r->due = run->t_start + (h->interval * (uint64_t)i) /
		    (uint64_t)h->nreqs;
		r->easy = curl_easy_init();
		curl_easy_setopt(r->easy, CURLOPT_URL, h->url);
		curl_easy_setopt(r->easy, CURLOPT_HTTPHEADER, h->hdrs);
		curl_easy_setopt(r->easy, CURLOPT_WRITEFUNCTION, lg_http_write);
		curl_easy_setopt(r->easy, CURLOPT_WRITEDATA, &r->resp);
		curl_easy_setopt(r->easy, CURLOPT_PRIVATE, r);
		curl_easy_setopt(r->easy, CURLOPT_TIMEOUT_MS, 10000L);
		curl_easy_setopt(r->easy, CURLOPT_NOPROXY, "*");
		curl_easy_setopt(r->easy, CURLOPT_TCP_NODELAY, 1L);
	}
	if (pthread_create(&h->thread, NULL, lg_http_main, h) != 0)
		fatalx("loadgen", "pthread_create");
	return h;
}

/* Wait for the HTTP thread to stop and free it; NULL is a no-op. */
void
lg_http_join(struct lg_http *h)
{
	int	i;

	if (h == NULL)
		return;
	pthread_join(h->thread, NULL);
	for (i = 0; i < h->nreqs; i++) {
		curl_easy_cleanup(h->reqs[i].easy);
		buf_free(&h->reqs[i].body);
		buf_free(&h->reqs[i].resp);
	}
	curl_multi_cleanup(h->multi);
	curl_slist_free_all(h->hdrs);
	free(h->reqs);
	free(h);
}
