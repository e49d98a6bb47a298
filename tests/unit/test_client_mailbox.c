/*
 * test_client_mailbox.c: mailbox ids (derivation checked against Python's
 * hashlib.blake2b, validation, ownership) and the Address scalar
 * "<mailbox-id>@<onion>.onion" (parse, format, every failure, case).
 */
#include "config.h"

#include <string.h>

#include <onionmsg/onionmsg.h>

#include "unit.h"

#define ONION42	"ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezhid"
#define MBOX42	"m2pxhjeqm5toi7hjyr4sy3wofbkwkfv7"

static enum om_address_status addr_parse(const char *, struct om_address *);

static enum om_address_status
addr_parse(const char *s, struct om_address *a)
{
	return om_address_parse(s, strlen(s), a);
}

START_TEST(mailbox_id_derivation_vectors)
{
	uint8_t	pk[32];
	char	id[OM_MAILBOX_ID_LEN + 1];

	/* base32(blake2b(b"onionmsg mailbox v1" + pk, digest_size=20)) */
	memset(pk, 0x42, sizeof(pk));
	om_mailbox_id_from_owner(pk, id);
	ck_assert_str_eq(id, MBOX42);
	memset(pk, 0, sizeof(pk));
	om_mailbox_id_from_owner(pk, id);
	ck_assert_str_eq(id, "dqg2n2tbaelx57cnsyhnidyfrsfk55ig");
	ck_assert_uint_eq(strlen(id), OM_MAILBOX_ID_LEN);
}
END_TEST

START_TEST(mailbox_id_validation)
{
	uint8_t	raw[OM_MAILBOX_ID_RAW_LEN];
	char	id[OM_MAILBOX_ID_LEN + 1];

	ck_assert(om_mailbox_id_is_valid(MBOX42, 32));
	ck_assert(!om_mailbox_id_is_valid(MBOX42, 31));
	ck_assert(!om_mailbox_id_is_valid(MBOX42 "a", 33));
	ck_assert(!om_mailbox_id_is_valid("M2PXHJEQM5TOI7HJYR4SY3WOFBKWKFV7",
	    32));
	ck_assert(!om_mailbox_id_is_valid("m2pxhjeqm5toi7hjyr4sy3wofbkwkfv1",
	    32));
	ck_assert(!om_mailbox_id_is_valid("m2pxhjeqm5toi7hjyr4sy3wofbkwkf=7",
	    32));
	ck_assert(!om_mailbox_id_is_valid("m2pxhjeqm5toi7hjyr4s\0" "3wofbkwkfv7",
	    32));
	ck_assert(!om_mailbox_id_is_valid(NULL, 32));
	ck_assert(!om_mailbox_id_is_valid("", 0));
	/* text <-> bytes */
	ck_assert_int_eq(om_mailbox_id_decode(MBOX42, 32, raw), 0);
	om_mailbox_id_encode(raw, id);
	ck_assert_str_eq(id, MBOX42);
}
END_TEST

START_TEST(mailbox_id_is_self_certifying)
{
	uint8_t	pk[32];

	memset(pk, 0x42, sizeof(pk));
	ck_assert(om_mailbox_id_is_owner(MBOX42, 32, pk));
	pk[31] ^= 1;
	ck_assert(!om_mailbox_id_is_owner(MBOX42, 32, pk));
	pk[31] ^= 1;
	ck_assert(!om_mailbox_id_is_owner("dqg2n2tbaelx57cnsyhnidyfrsfk55ig",
	    32, pk));
	ck_assert(!om_mailbox_id_is_owner(MBOX42, 31, pk));
	ck_assert(!om_mailbox_id_is_owner(NULL, 32, pk));
}
END_TEST

START_TEST(address_parse_and_format)
{
	struct om_address	a;
	uint8_t			pk[32];
	char			out[OM_ADDRESS_LEN + 1];

	ck_assert_int_eq(addr_parse(MBOX42 "@" ONION42 ".onion", &a),
	    OM_ADDRESS_OK);
	ck_assert_str_eq(a.mailbox_id, MBOX42);
	ck_assert_str_eq(a.onion, ONION42);
	memset(pk, 0x42, sizeof(pk));
	ck_assert(memcmp(a.node_pubkey, pk, 32) == 0);
	ck_assert_int_eq(om_address_format(a.mailbox_id, a.onion, out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, MBOX42 "@" ONION42 ".onion");
	ck_assert_uint_eq(strlen(out), OM_ADDRESS_LEN);
	ck_assert_uint_eq(OM_ADDRESS_LEN, 95);
	ck_assert_int_eq(addr_parse(out, NULL), OM_ADDRESS_OK);
}
END_TEST

START_TEST(address_folds_case_to_canonical)
{
	struct om_address	a;

	ck_assert_int_eq(addr_parse("M2PXHJEQM5TOI7HJYR4SY3WOFBKWKFV7@"
	    "IJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEZHID.Onion",
	    &a), OM_ADDRESS_OK);
	ck_assert_str_eq(a.mailbox_id, MBOX42);
	ck_assert_str_eq(a.onion, ONION42);
}
END_TEST

START_TEST(address_failures_each_reason)
{
	struct om_address	a;
	char			out[OM_ADDRESS_LEN + 1];

	memset(&a, 0x55, sizeof(a));
	ck_assert_int_eq(addr_parse("", &a), OM_ADDRESS_MALFORMED);
	ck_assert_int_eq(om_address_parse(NULL, 95, &a), OM_ADDRESS_MALFORMED);
	ck_assert_int_eq(addr_parse(MBOX42 "@" ONION42, &a),
	    OM_ADDRESS_MALFORMED);		/* no .onion */
	ck_assert_int_eq(addr_parse(MBOX42 "@" ONION42 ".onion.", &a),
	    OM_ADDRESS_MALFORMED);
	ck_assert_int_eq(addr_parse(MBOX42 "@" ONION42 ".oniom", &a),
	    OM_ADDRESS_MALFORMED);
	ck_assert_int_eq(addr_parse(MBOX42 "#" ONION42 ".onion", &a),
	    OM_ADDRESS_MALFORMED);
	ck_assert_int_eq(addr_parse(" " MBOX42 "@" ONION42 ".onio", &a),
	    OM_ADDRESS_MALFORMED);		/* shifted by one */
	ck_assert_int_eq(addr_parse(MBOX42 "@@" ONION42 ".onio", &a),
	    OM_ADDRESS_MALFORMED);		/* "d.onio" is no suffix */
	ck_assert_int_eq(addr_parse(MBOX42 "@@" "jbeeqscijbeeqscijbeeqscijbeeq"
	    "scijbeeqscijbeeqscijbezhid.onion", &a), OM_ADDRESS_BAD_ONION);
	ck_assert_int_eq(addr_parse("m2pxhjeqm5toi7hjyr4sy3wofbkwkfv1@"
	    ONION42 ".onion", &a), OM_ADDRESS_BAD_MAILBOX_ID);
	ck_assert_int_eq(addr_parse(MBOX42 "@"
	    "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezaid.onion",
	    &a), OM_ADDRESS_BAD_CHECKSUM);
	ck_assert_int_eq(addr_parse(MBOX42 "@"
	    "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbbbiie.onion",
	    &a), OM_ADDRESS_BAD_ONION);	/* version 4 */
	ck_assert_int_eq(addr_parse(MBOX42 "@"
	    "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezhi1.onion",
	    &a), OM_ADDRESS_BAD_ONION);
	ck_assert_uint_eq((unsigned char)a.mailbox_id[0], 0x55);
	/* formatting refuses what does not parse back */
	ck_assert_int_eq(om_address_format("M2PXHJEQM5TOI7HJYR4SY3WOFBKWKFV7",
	    ONION42, out, sizeof(out)), -1);
	ck_assert_int_eq(om_address_format(MBOX42, ONION42 ".onion", out,
	    sizeof(out)), -1);
	ck_assert_int_eq(om_address_format(MBOX42, ONION42, out,
	    OM_ADDRESS_LEN), -1);
	ck_assert_int_eq(om_address_format(NULL, ONION42, out, sizeof(out)),
	    -1);
	ck_assert_str_eq(om_address_status_str(OM_ADDRESS_BAD_CHECKSUM),
	    "onion address checksum mismatch (mistyped?)");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("client_mailbox");
	TCase	*tc = tcase_create("mailbox_id");
	TCase	*ta = tcase_create("address");

	tcase_add_test(tc, mailbox_id_derivation_vectors);
	tcase_add_test(tc, mailbox_id_validation);
	tcase_add_test(tc, mailbox_id_is_self_certifying);
	suite_add_tcase(s, tc);
	tcase_add_test(ta, address_parse_and_format);
	tcase_add_test(ta, address_folds_case_to_canonical);
	tcase_add_test(ta, address_failures_each_reason);
	suite_add_tcase(s, ta);
	return unit_run(s);
}
