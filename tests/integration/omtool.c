/*
 * omtool.c: a small test tool that prints libonionmsg keys, mailbox ids,
 * proofs and tokens derived from fixed seeds, so shell tests can talk to
 * a real onionmsgd with curl. Seeds are 64 hex digits (32 bytes); keys,
 * proofs are printed in padded standard base64, as the API takes them.
 *
 * usage:
 *   omtool pub SEEDHEX                     the Ed25519 public key (base64)
 *   omtool mailbox-id SEEDHEX              the mailbox id of an owner seed
 *   omtool onion SEEDHEX                   the onion label of a node seed
 *   omtool proof KIND OWNERSEED ONIONLABEL [DEVICESEED]
 *       KIND: create-mailbox, add-device, remove-device, delete-mailbox
 *       (delete-mailbox takes no device); issued now
 *   omtool token SEEDHEX MAILBOXID ONIONLABEL [LIFETIME [ISSUED-AT]]
 *       a bearer token signed by SEEDHEX (device or owner), default
 *       lifetime 600 s, issued now
 *   omtool address MAILBOXID ONIONLABEL    "<id>@<label>.onion"
 * Exit status 0, or 2 with a usage message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <onionmsg/address.h>
#include <onionmsg/base64.h>
#include <onionmsg/key.h>
#include <onionmsg/mailbox.h>
#include <onionmsg/onion.h>
#include <onionmsg/onionmsg.h>
#include <onionmsg/proof.h>
#include <onionmsg/token.h>

static struct om_key	*key_arg(const char *);
static void		 print_b64(const void *, size_t);
static int		 usage(void);
static int		 cmd_proof(int, char **);
static int		 cmd_token(int, char **);

static struct om_key *
key_arg(const char *hex)
{
	uint8_t		seed[OM_SEED_LEN];
	unsigned	v;
	size_t		i;

	if (strlen(hex) != 2 * OM_SEED_LEN)
		return NULL;
	for (i = 0; i < OM_SEED_LEN; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return NULL;
		seed[i] = (uint8_t)v;
	}
	return om_key_from_seed(seed);
}

static void
print_b64(const void *p, size_t len)
{
	char	out[OM_BASE64_LEN(1024) + 1];

	if (len > 1024 || om_base64_encode(p, len, out, sizeof(out)) == -1)
		exit(2);
	printf("%s\n", out);
}

static int
usage(void)
{
	fprintf(stderr, "usage: omtool pub|mailbox-id|onion SEEDHEX\n"
	    "       omtool proof KIND OWNERSEED ONIONLABEL [DEVICESEED]\n"
	    "       omtool token SEEDHEX MAILBOXID ONIONLABEL [LIFETIME "
	    "[ISSUED-AT]]\n"
	    "       omtool address MAILBOXID ONIONLABEL\n");
	return 2;
}

static int
cmd_proof(int argc, char **argv)
{
	static const char *const kinds[] = { "create-mailbox", "add-device",
	    "remove-device", "delete-mailbox" };
	struct om_key	*owner, *dev = NULL;
	uint8_t		 proof[OM_PROOF_LEN];
	int		 k;

	if (argc < 5)
		return usage();
	for (k = 0; k < 4 && strcmp(argv[2], kinds[k]) != 0; k++)
		;
	if (k == 4 || (owner = key_arg(argv[3])) == NULL)
		return usage();
	if (argc > 5 && (dev = key_arg(argv[5])) == NULL)
		return usage();
	if (om_proof_sign((enum om_proof_kind)k, owner, argv[4],
	    dev != NULL ? om_key_pubkey(dev) : NULL, (uint64_t)time(NULL),
	    proof) == -1)
		return usage();
	print_b64(proof, sizeof(proof));
	om_key_free(owner);
	om_key_free(dev);
	return 0;
}

static int
cmd_token(int argc, char **argv)
{
	struct om_key	*key;
	char		 tok[OM_TOKEN_LEN + 1];
	uint64_t	 life = 600, iat = (uint64_t)time(NULL);

	if (argc < 5 || (key = key_arg(argv[2])) == NULL)
		return usage();
	if (argc > 5)
		life = strtoull(argv[5], NULL, 10);
	if (argc > 6)
		iat = strtoull(argv[6], NULL, 10);
	if (om_token_sign(key, argv[3], argv[4], iat, life, tok,
	    sizeof(tok)) == -1)
		return usage();
	printf("%s\n", tok);
	om_key_free(key);
	return 0;
}

int
main(int argc, char **argv)
{
	struct om_key	*key;
	char		 s[OM_ADDRESS_LEN + 1];

	if (om_init() == -1 || argc < 3)
		return usage();
	if (strcmp(argv[1], "proof") == 0)
		return cmd_proof(argc, argv);
	if (strcmp(argv[1], "token") == 0)
		return cmd_token(argc, argv);
	if (strcmp(argv[1], "address") == 0) {
		if (argc < 4 || om_address_format(argv[2], argv[3], s,
		    sizeof(s)) == -1)
			return usage();
		printf("%s\n", s);
		return 0;
	}
	if ((key = key_arg(argv[2])) == NULL)
		return usage();
	if (strcmp(argv[1], "pub") == 0)
		print_b64(om_key_pubkey(key), OM_PUBKEY_LEN);
	else if (strcmp(argv[1], "mailbox-id") == 0) {
		om_mailbox_id_from_owner(om_key_pubkey(key), s);
		printf("%s\n", s);
	} else if (strcmp(argv[1], "onion") == 0) {
		om_onion_address_from_pubkey(om_key_pubkey(key), s);
		printf("%s\n", s);
	} else
		return usage();
	om_key_free(key);
	return 0;
}
