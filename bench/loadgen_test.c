/*
 * loadgen_test.c: Check suite for the pieces of bench/loadgen that decide
 * what it reports: the latency histogram's quantiles, the messages the
 * publishers send (valid JSON with the documents and variables a server
 * expects), and the cheap readers the subscribers use on what comes back.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <onionmsg/onionmsg.h>

#include "../tests/unit/unit.h"
#include "common/buf.h"
#include "common/util.h"
#include "loadgen.h"

#define ADDR	"abcdefghijklmnopqrstuvwxyz234567@" \
		"pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion"

static struct lg_mailbox	 mbs[3];
static struct lg_run		 run;

static void
setup(void)
{
	int	i;

	ck_assert_int_eq(om_init(), 0);
	memset(&run, 0, sizeof(run));
	for (i = 0; i < 3; i++)
		snprintf(mbs[i].address, sizeof(mbs[i].address), "%s", ADDR);
	run.mailboxes = mbs;
	run.nmailboxes = 3;
	run.o.envelope_bytes = 256;
	run.o.batch = 4;
	snprintf(run.run_id, sizeof(run.run_id), "0123456789abcdef");
	lg_msg_init(&run);
}

static void
teardown(void)
{
	lg_msg_free(&run);
}

START_TEST(hist_exact_below_64)
{
	static struct lg_hist	h;
	uint64_t		v;

	memset(&h, 0, sizeof(h));
	for (v = 1; v <= 50; v++)
		lg_hist_add(&h, v);
	ck_assert_uint_eq(lg_hist_quantile(&h, 0.5), 25);
	ck_assert_uint_eq(lg_hist_quantile(&h, 0.99), 50);
	ck_assert_uint_eq(lg_hist_quantile(&h, 1.0), 50);
	ck_assert_uint_eq(h.max, 50);
}
END_TEST

START_TEST(hist_within_3_percent_never_under)
{
	static struct lg_hist	h;
	uint64_t		v, q;

	for (v = 64; v < (1ULL << 34); v = v * 3 / 2 + 7) {
		memset(&h, 0, sizeof(h));
		lg_hist_add(&h, v);
		lg_hist_add(&h, v * 4);		/* max above: no clamping */
		q = lg_hist_quantile(&h, 0.5);
		ck_assert_uint_ge(q, v);
		ck_assert_uint_le(q, v + v / 32 + 1);
	}
}
END_TEST

START_TEST(hist_empty_and_quantiles)
{
	static struct lg_hist	h;
	int			i;

	memset(&h, 0, sizeof(h));
	ck_assert_uint_eq(lg_hist_quantile(&h, 0.99), 0);
	for (i = 0; i < 990; i++)
		lg_hist_add(&h, 100);
	for (i = 0; i < 10; i++)
		lg_hist_add(&h, 100000);
	ck_assert_uint_le(lg_hist_quantile(&h, 0.99), 103);
	ck_assert_uint_ge(lg_hist_quantile(&h, 0.999), 100000);
	ck_assert_uint_eq(lg_hist_quantile(&h, 0.999), 100000);  /* = max */
}
END_TEST

START_TEST(find_keys_in_any_layout)
{
	const char	*s = "{ \"type\" : \"next\", \"id\":\"s\",\"payload\":"
	    "{\"data\":{\"messages\":{\"cursor\":\"42\",\"envelope\":\"QUJD\"}}}}";
	const char	*v;
	size_t		 n;

	ck_assert_int_eq(lg_msg_find(s, strlen(s), "type", &v, &n), 0);
	ck_assert(n == 4 && memcmp(v, "next", 4) == 0);
	ck_assert_int_eq(lg_msg_find(s, strlen(s), "cursor", &v, &n), 0);
	ck_assert(n == 2 && memcmp(v, "42", 2) == 0);
	ck_assert_int_eq(lg_msg_find(s, strlen(s), "envelope", &v, &n), 0);
	ck_assert_int_eq(lg_msg_find(s, strlen(s), "payload", &v, &n), -1);
	ck_assert_int_eq(lg_msg_find(s, strlen(s), "missing", &v, &n), -1);
	/* A truncated value is not read past the end. */
	ck_assert_int_eq(lg_msg_find("{\"type\":\"nex", 12, "type", &v, &n), -1);
}
END_TEST

START_TEST(envelope_time_round_trip)
{
	char		out[LG_ENV_HEAD64 + 8];
	uint64_t	t = 0;

	ck_assert_uint_eq(lg_msg_envelope_head(0x0102030405060708ULL, out),
	    LG_ENV_HEAD64);
	ck_assert_int_eq(lg_msg_envelope_time(out, LG_ENV_HEAD64, &t), 0);
	ck_assert_uint_eq(t, 0x0102030405060708ULL);
	/* Someone else's envelope: no tag. */
	ck_assert_int_eq(lg_msg_envelope_time("AAAAAAAAAAAAAAAA", 16, &t), -1);
	ck_assert_int_eq(lg_msg_envelope_time("QUJD", 4, &t), -1);
}
END_TEST

START_TEST(ws_send_is_a_subscribe_with_variables)
{
	char		 out[4096];
	size_t		 n;
	json_t		*j, *vars;
	json_error_t	 err;
	const char	*env;
	uint64_t	 t;
	uint8_t		 raw[512];
	size_t		 rl;

	n = lg_msg_ws_send(&run, out, sizeof(out), 7, 3, 11, 2);
	ck_assert_uint_le(n, lg_msg_ws_max(&run));
	j = json_loadb(out, n, 0, &err);
	ck_assert_msg(j != NULL, "%s", err.text);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "7");
	ck_assert_str_eq(json_string_value(json_object_get(j, "type")),
	    "subscribe");
	ck_assert(strstr(json_string_value(json_object_get(json_object_get(j,
	    "payload"), "query")), "sendMessage(to:$t,id:$i,envelope:$e)"));
	vars = json_object_get(json_object_get(j, "payload"), "variables");
	ck_assert_str_eq(json_string_value(json_object_get(vars, "t")), ADDR);
	ck_assert_str_eq(json_string_value(json_object_get(vars, "i")),
	    "0123456789abcdef-3-11");
	env = json_string_value(json_object_get(vars, "e"));
	ck_assert_int_eq(om_base64_decode(env, strlen(env), raw, sizeof(raw),
	    &rl), 0);
	ck_assert_uint_eq(rl, 256);
	ck_assert_int_eq(lg_msg_envelope_time(env, strlen(env), &t), 0);
	ck_assert_uint_le(t, util_mono_us());
	json_decref(j);
}
END_TEST

START_TEST(http_batch_has_k_aliased_fields)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 n = 5;
	json_t		*j, *vars;
	json_error_t	 err;
	const char	*q;

	lg_msg_http_batch(&run, 9, &n, 4, &b);
	ck_assert_uint_eq(n, 9);
	j = json_loadb(b.data, b.len, 0, &err);
	ck_assert_msg(j != NULL, "%s", err.text);
	q = json_string_value(json_object_get(j, "query"));
	ck_assert(strstr(q, "m3:sendMessage(to:$t3,id:$i3,envelope:$e3)"));
	ck_assert(strstr(q, "m4:") == NULL);
	vars = json_object_get(j, "variables");
	ck_assert_uint_eq(json_object_size(vars), 12);
	ck_assert_str_eq(json_string_value(json_object_get(vars, "i0")),
	    "0123456789abcdef-9-5");
	ck_assert_str_eq(json_string_value(json_object_get(vars, "i3")),
	    "0123456789abcdef-9-8");
	json_decref(j);

	n = 0;
	lg_msg_http_batch(&run, 1, &n, 1, &b);	/* one per request */
	j = json_loadb(b.data, b.len, 0, &err);
	ck_assert_msg(j != NULL, "%s", err.text);
	ck_assert(json_object_get(json_object_get(j, "variables"), "t"));
	json_decref(j);
	buf_free(&b);
}
END_TEST

START_TEST(targets_spread_over_mailboxes)
{
	int		seen[3] = { 0, 0, 0 };
	uint64_t	i;

	for (i = 0; i < 300; i++)
		seen[lg_msg_target(&run, 1, i)]++;
	ck_assert_int_eq(seen[0], 100);
	ck_assert_int_eq(seen[1], 100);
	ck_assert_int_eq(seen[2], 100);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("loadgen");
	TCase	*tc = tcase_create("loadgen");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, hist_exact_below_64);
	tcase_add_test(tc, hist_within_3_percent_never_under);
	tcase_add_test(tc, hist_empty_and_quantiles);
	tcase_add_test(tc, find_keys_in_any_layout);
	tcase_add_test(tc, envelope_time_round_trip);
	tcase_add_test(tc, ws_send_is_a_subscribe_with_variables);
	tcase_add_test(tc, http_batch_has_k_aliased_fields);
	tcase_add_test(tc, targets_spread_over_mailboxes);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
