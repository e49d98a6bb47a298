/*
 * test_gql_validate_cases.c: validation documents and the errors
 * graphql-js 16.15 reports for them (validate(schema, doc, specifiedRules)
 * on tests/graphql/schema.graphql, its custom scalars Date and Odd
 * checking their literals as tests/graphql/reference.mjs has them do):
 * message, then locations, in graphql-js's order. Each rule has valid and
 * invalid documents here; the spec's own examples are in the differential
 * corpus (tests/graphql/corpus), which test_gql_validate.c checks too.
 * The expectations were produced by running graphql-js on these
 * documents, every location of every error (an error keeps them all, as
 * graphql-js does).
 *
 * test_gql_validate.c includes this file (a table, not a unit of its own).
 */

#define VEXP_LOCS	24	/* locations a table entry can list */

/* One expected error: message, then its locations. */
struct vexp {
	const char		*msg;	/* NULL: no error (a valid document) */
	unsigned		 nlocs;
	struct gql_loc		 locs[VEXP_LOCS];
	const struct gql_loc	*all;	/* if not NULL: all nlocs, not locs */
};

struct vcase {
	const char		*name;
	const char		*doc;
	unsigned		 nerrs;
	const struct vexp	*errs;
};

static const struct vcase vcases[] = {
	{ "args-dup",
	    "{ dog { doesKnowCommand(dogCommand: SIT, dogCommand: HEE"
	    "L, dogCommand: DOWN) isHouseTrained(atOtherHomes: true, "
	    "atOtherHomes: false) } dog @skip(if: true, if: false) @t"
	    "ag(name: \"a\", name: \"b\") { name } }\n",
	    4, (const struct vexp[]){
		{ "There can be only one argument named \"dogCommand\".",
		    3, { { 1, 25 }, { 1, 42 }, { 1, 60 } } },
		{ "There can be only one argument named \"atOtherHomes\".",
		    2, { { 1, 93 }, { 1, 113 } } },
		{ "There can be only one argument named \"if\".",
		    2, { { 1, 146 }, { 1, 156 } } },
		{ "There can be only one argument named \"name\".",
		    2, { { 1, 172 }, { 1, 183 } } },
	} },
	{ "args-required-meta",
	    "{ __type { name } }\n",
	    1, (const struct vexp[]){
		{ "Field \"__type\" argument \"name\" of type \"String!\" is requ"
		    "ired, but it was not provided.",
		    1, { { 1, 3 } } },
	} },
	{ "args-required",
	    "{ arguments { multipleRequirements multipleRequirements("
	    "x: 1) nonNullBooleanArgField booleanListArgField optiona"
	    "lNonNullBooleanArgField } dog @include @skip { doesKnowC"
	    "ommand } findDogStrict { name } echoRequired }\n",
	    13, (const struct vexp[]){
		{ "Fields \"multipleRequirements\" conflict because they have"
		    " differing arguments. Use different aliases on the field"
		    "s to fetch both if this was intentional.",
		    2, { { 1, 15 }, { 1, 36 } } },
		{ "Field \"multipleRequirements\" argument \"x\" of type \"Int!\""
		    " is required, but it was not provided.",
		    1, { { 1, 15 } } },
		{ "Field \"multipleRequirements\" argument \"y\" of type \"Int!\""
		    " is required, but it was not provided.",
		    1, { { 1, 15 } } },
		{ "Field \"multipleRequirements\" argument \"y\" of type \"Int!\""
		    " is required, but it was not provided.",
		    1, { { 1, 36 } } },
		{ "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanA"
		    "rg\" of type \"Boolean!\" is required, but it was not provi"
		    "ded.",
		    1, { { 1, 63 } } },
		{ "Field \"booleanListArgField\" argument \"booleanListArg\" of"
		    " type \"[Boolean]!\" is required, but it was not provided.",
		    1, { { 1, 86 } } },
		{ "Directive \"@include\" argument \"if\" of type \"Boolean!\" is"
		    " required, but it was not provided.",
		    1, { { 1, 143 } } },
		{ "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is re"
		    "quired, but it was not provided.",
		    1, { { 1, 152 } } },
		{ "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"D"
		    "ogCommand!\" is required, but it was not provided.",
		    1, { { 1, 160 } } },
		{ "Field \"findDogStrict\" argument \"input\" of type \"FindDogI"
		    "nput!\" is required, but it was not provided.",
		    1, { { 1, 178 } } },
		{ "Field \"echoRequired\" argument \"a\" of type \"Int!\" is requ"
		    "ired, but it was not provided.",
		    1, { { 1, 201 } } },
		{ "Field \"echoRequired\" argument \"b\" of type \"[Int!]!\" is r"
		    "equired, but it was not provided.",
		    1, { { 1, 201 } } },
		{ "Field \"echoRequired\" argument \"c\" of type \"[Int]!\" is re"
		    "quired, but it was not provided.",
		    1, { { 1, 201 } } },
	} },
	{ "args-unknown-directive",
	    "{ dog @skip(iff: true) @include(if: true, unless: false)"
	    " @tag(nam: \"x\", name: \"y\") { name } }\n",
	    4, (const struct vexp[]){
		{ "Unknown argument \"iff\" on directive \"@skip\". Did you mea"
		    "n \"if\"?",
		    1, { { 1, 13 } } },
		{ "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is re"
		    "quired, but it was not provided.",
		    1, { { 1, 7 } } },
		{ "Unknown argument \"unless\" on directive \"@include\".",
		    1, { { 1, 43 } } },
		{ "Unknown argument \"nam\" on directive \"@tag\". Did you mean"
		    " \"name\"?",
		    1, { { 1, 63 } } },
	} },
	{ "args-unknown-on-unknown-directive",
	    "{ dog @nope(x: 1) { name } }\n",
	    1, (const struct vexp[]){
		{ "Unknown directive \"@nope\".",
		    1, { { 1, 7 } } },
	} },
	{ "args-unknown",
	    "{ dog { doesKnowCommand(dogcommand: SIT, command: SIT) i"
	    "sHouseTrained(atOtherHome: true) name(x: 1) } human(ID: "
	    "\"1\") { name } }\n",
	    6, (const struct vexp[]){
		{ "Unknown argument \"dogcommand\" on field \"Dog.doesKnowComm"
		    "and\". Did you mean \"dogCommand\"?",
		    1, { { 1, 25 } } },
		{ "Unknown argument \"command\" on field \"Dog.doesKnowCommand"
		    "\". Did you mean \"dogCommand\"?",
		    1, { { 1, 42 } } },
		{ "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"D"
		    "ogCommand!\" is required, but it was not provided.",
		    1, { { 1, 9 } } },
		{ "Unknown argument \"atOtherHome\" on field \"Dog.isHouseTrai"
		    "ned\". Did you mean \"atOtherHomes\"?",
		    1, { { 1, 71 } } },
		{ "Unknown argument \"x\" on field \"Dog.name\".",
		    1, { { 1, 95 } } },
		{ "Unknown argument \"ID\" on field \"Query.human\". Did you me"
		    "an \"id\"?",
		    1, { { 1, 109 } } },
	} },
	{ "dirs-specified-by",
	    "query { dog @specifiedBy(url: \"x\") @oneOf { name @cost }"
	    " }\n",
	    3, (const struct vexp[]){
		{ "Directive \"@specifiedBy\" may not be used on FIELD.",
		    1, { { 1, 13 } } },
		{ "Directive \"@oneOf\" may not be used on FIELD.",
		    1, { { 1, 36 } } },
		{ "Directive \"@cost\" may not be used on FIELD.",
		    1, { { 1, 50 } } },
	} },
	{ "dirs-unknown-and-location",
	    "query Q @skip(if: true) @unknown @once { dog @once @once"
	    " @skip(if: true) @skip(if: false) @tag(name: \"a\") @tag(n"
	    "ame: \"b\") { name } ...F @once ... @once { dog { name } }"
	    " }\n"
	    "fragment F on Query @once @skip(if: true) { dog { name }"
	    " }\n"
	    "mutation M @once @once { mutateDog @deprecated { id } }\n"
	    "subscription S @once @filter { newMessage { body } }\n"
	    "query V($a: Int @once @tag(name: \"x\") @deprecated) { int"
	    "(value: $a) }\n",
	    14, (const struct vexp[]){
		{ "Directive \"@skip\" may not be used on QUERY.",
		    1, { { 1, 9 } } },
		{ "Unknown directive \"@unknown\".",
		    1, { { 1, 25 } } },
		{ "The directive \"@once\" can only be used once at this loca"
		    "tion.",
		    2, { { 1, 46 }, { 1, 52 } } },
		{ "The directive \"@skip\" can only be used once at this loca"
		    "tion.",
		    2, { { 1, 58 }, { 1, 74 } } },
		{ "Directive \"@once\" may not be used on FRAGMENT_SPREAD.",
		    1, { { 1, 137 } } },
		{ "Directive \"@once\" may not be used on INLINE_FRAGMENT.",
		    1, { { 1, 147 } } },
		{ "Directive \"@once\" may not be used on FRAGMENT_DEFINITION"
		    ".",
		    1, { { 2, 21 } } },
		{ "Directive \"@skip\" may not be used on FRAGMENT_DEFINITION"
		    ".",
		    1, { { 2, 27 } } },
		{ "The directive \"@once\" can only be used once at this loca"
		    "tion.",
		    2, { { 3, 12 }, { 3, 18 } } },
		{ "Directive \"@deprecated\" may not be used on FIELD.",
		    1, { { 3, 36 } } },
		{ "Directive \"@once\" may not be used on SUBSCRIPTION.",
		    1, { { 4, 16 } } },
		{ "Directive \"@filter\" may not be used on SUBSCRIPTION.",
		    1, { { 4, 22 } } },
		{ "Directive \"@once\" may not be used on VARIABLE_DEFINITION"
		    ".",
		    1, { { 5, 17 } } },
		{ "Directive \"@deprecated\" may not be used on VARIABLE_DEFI"
		    "NITION.",
		    1, { { 5, 39 } } },
	} },
	{ "fields-interface-suggest",
	    "{ pet { barkVolume nickname meowVolume nam } }\n",
	    4, (const struct vexp[]){
		{ "Cannot query field \"barkVolume\" on type \"Pet\". Did you m"
		    "ean to use an inline fragment on \"Dog\"?",
		    1, { { 1, 9 } } },
		{ "Cannot query field \"nickname\" on type \"Pet\". Did you mea"
		    "n to use an inline fragment on \"Cat\" or \"Dog\"?",
		    1, { { 1, 20 } } },
		{ "Cannot query field \"meowVolume\" on type \"Pet\". Did you m"
		    "ean to use an inline fragment on \"Cat\"?",
		    1, { { 1, 29 } } },
		{ "Cannot query field \"nam\" on type \"Pet\". Did you mean \"na"
		    "me\"?",
		    1, { { 1, 40 } } },
	} },
	{ "fields-node-resource",
	    "{ node(id: \"1\") { url width title ... on Resource { widt"
	    "h } } }\n",
	    4, (const struct vexp[]){
		{ "Cannot query field \"url\" on type \"Node\". Did you mean to"
		    " use an inline fragment on \"Resource\", \"Document\", or \"I"
		    "mage\"?",
		    1, { { 1, 19 } } },
		{ "Cannot query field \"width\" on type \"Node\". Did you mean "
		    "to use an inline fragment on \"Image\"?",
		    1, { { 1, 23 } } },
		{ "Cannot query field \"title\" on type \"Node\". Did you mean "
		    "to use an inline fragment on \"Document\"?",
		    1, { { 1, 29 } } },
		{ "Cannot query field \"width\" on type \"Resource\". Did you m"
		    "ean to use an inline fragment on \"Image\"?",
		    1, { { 1, 53 } } },
	} },
	{ "fields-schema-on-dog",
	    "{ dog { __schema { types { name } } __type(name: \"Dog\") "
	    "{ name } } }\n",
	    2, (const struct vexp[]){
		{ "Cannot query field \"__schema\" on type \"Dog\".",
		    1, { { 1, 9 } } },
		{ "Cannot query field \"__type\" on type \"Dog\".",
		    1, { { 1, 37 } } },
	} },
	{ "fields-search-union",
	    "{ search(text: \"x\") { name id url } }\n",
	    3, (const struct vexp[]){
		{ "Cannot query field \"name\" on type \"SearchResult\". Did yo"
		    "u mean to use an inline fragment on \"Pet\", \"Dog\", \"Senti"
		    "ent\", or \"Human\"?",
		    1, { { 1, 23 } } },
		{ "Cannot query field \"id\" on type \"SearchResult\". Did you "
		    "mean to use an inline fragment on \"Node\", \"Resource\", or"
		    " \"Document\"?",
		    1, { { 1, 28 } } },
		{ "Cannot query field \"url\" on type \"SearchResult\". Did you"
		    " mean to use an inline fragment on \"Resource\" or \"Docume"
		    "nt\"?",
		    1, { { 1, 31 } } },
	} },
	{ "fields-sentient",
	    "{ human { pets { ... on Sentient { name homePlanet } } }"
	    " }\n",
	    2, (const struct vexp[]){
		{ "Fragment cannot be spread here as objects of type \"Pet\" "
		    "can never be of type \"Sentient\".",
		    1, { { 1, 18 } } },
		{ "Cannot query field \"homePlanet\" on type \"Sentient\". Did "
		    "you mean to use an inline fragment on \"Alien\"?",
		    1, { { 1, 41 } } },
	} },
	{ "fields-typo",
	    "{ dog { nam barkvolume doesKnowComand } cat { meowVolum "
	    "} }\n",
	    4, (const struct vexp[]){
		{ "Cannot query field \"nam\" on type \"Dog\". Did you mean \"na"
		    "me\"?",
		    1, { { 1, 9 } } },
		{ "Cannot query field \"barkvolume\" on type \"Dog\". Did you m"
		    "ean \"barkVolume\"?",
		    1, { { 1, 13 } } },
		{ "Cannot query field \"doesKnowComand\" on type \"Dog\". Did y"
		    "ou mean \"doesKnowCommand\"?",
		    1, { { 1, 24 } } },
		{ "Cannot query field \"cat\" on type \"Query\". Did you mean \""
		    "date\", \"int\", or \"pet\"?",
		    1, { { 1, 41 } } },
	} },
	{ "fields-union-suggest",
	    "{ catOrDog { name nickname barkVolume __typename } }\n",
	    3, (const struct vexp[]){
		{ "Cannot query field \"name\" on type \"CatOrDog\". Did you me"
		    "an to use an inline fragment on \"Pet\", \"Cat\", or \"Dog\"?",
		    1, { { 1, 14 } } },
		{ "Cannot query field \"nickname\" on type \"CatOrDog\". Did yo"
		    "u mean to use an inline fragment on \"Cat\" or \"Dog\"?",
		    1, { { 1, 19 } } },
		{ "Cannot query field \"barkVolume\" on type \"CatOrDog\". Did "
		    "you mean to use an inline fragment on \"Dog\"?",
		    1, { { 1, 28 } } },
	} },
	{ "fields-union2",
	    "{ dogOrHuman { name pets } humanOrAlien { name homePlane"
	    "t } }\n",
	    4, (const struct vexp[]){
		{ "Cannot query field \"name\" on type \"DogOrHuman\". Did you "
		    "mean to use an inline fragment on \"Sentient\", \"Human\", \""
		    "Pet\", or \"Dog\"?",
		    1, { { 1, 16 } } },
		{ "Cannot query field \"pets\" on type \"DogOrHuman\". Did you "
		    "mean to use an inline fragment on \"Human\"?",
		    1, { { 1, 21 } } },
		{ "Cannot query field \"name\" on type \"HumanOrAlien\". Did yo"
		    "u mean to use an inline fragment on \"Sentient\", \"Alien\","
		    " or \"Human\"?",
		    1, { { 1, 43 } } },
		{ "Cannot query field \"homePlanet\" on type \"HumanOrAlien\". "
		    "Did you mean to use an inline fragment on \"Alien\"?",
		    1, { { 1, 48 } } },
	} },
	{ "frag-cycles-1",
	    "{ dog { ...A } }\n"
	    "fragment A on Dog { ...B }\n"
	    "fragment B on Dog { ...A }\n",
	    1, (const struct vexp[]){
		{ "Cannot spread fragment \"A\" within itself via \"B\".",
		    2, { { 2, 21 }, { 3, 21 } } },
	} },
	{ "frag-cycles-2",
	    "{ dog { ...A } }\n"
	    "fragment A on Dog { ...A owner { pets { ...A } } }\n",
	    2, (const struct vexp[]){
		{ "Cannot spread fragment \"A\" within itself.",
		    1, { { 2, 21 } } },
		{ "Cannot spread fragment \"A\" within itself.",
		    1, { { 2, 41 } } },
	} },
	{ "frag-cycles-3",
	    "{ dog { ...A } }\n"
	    "fragment A on Dog { name ...B owner { pets { ...C } } }\n"
	    "fragment B on Dog { ...C barkVolume }\n"
	    "fragment C on Dog { ...A ... on Dog { ...B } }\n",
	    2, (const struct vexp[]){
		{ "Cannot spread fragment \"A\" within itself via \"B\", \"C\".",
		    3, { { 2, 26 }, { 3, 21 }, { 4, 21 } } },
		{ "Cannot spread fragment \"B\" within itself via \"C\".",
		    2, { { 3, 21 }, { 4, 39 } } },
	} },
	{ "frag-cycles-4",
	    "{ dog { ...A ...X } }\n"
	    "fragment A on Dog { ...B ...C }\n"
	    "fragment B on Dog { ...C ...D }\n"
	    "fragment C on Dog { ...A ...D }\n"
	    "fragment D on Dog { ...B ...A }\n"
	    "fragment X on Dog { ...X }\n",
	    4, (const struct vexp[]){
		{ "Cannot spread fragment \"A\" within itself via \"B\", \"C\".",
		    3, { { 2, 21 }, { 3, 21 }, { 4, 21 } } },
		{ "Cannot spread fragment \"B\" within itself via \"C\", \"D\".",
		    3, { { 3, 21 }, { 4, 26 }, { 5, 21 } } },
		{ "Cannot spread fragment \"A\" within itself via \"B\", \"C\", \""
		    "D\".",
		    4, { { 2, 21 }, { 3, 21 }, { 4, 26 }, { 5, 26 } } },
		{ "Cannot spread fragment \"X\" within itself.",
		    1, { { 6, 21 } } },
	} },
	{ "frag-dup-names-2",
	    "{ dog { ...A } }\n"
	    "fragment A on Dog { ...A }\n"
	    "fragment A on Dog { name }\n",
	    2, (const struct vexp[]){
		{ "Cannot spread fragment \"A\" within itself.",
		    1, { { 2, 21 } } },
		{ "There can be only one fragment named \"A\".",
		    2, { { 2, 10 }, { 3, 10 } } },
	} },
	{ "frag-dup-names",
	    "{ dog { ...A } }\n"
	    "fragment A on Dog { name }\n"
	    "fragment A on Dog { ...A }\n"
	    "fragment A on Dog { barkVolume }\n",
	    2, (const struct vexp[]){
		{ "There can be only one fragment named \"A\".",
		    2, { { 2, 10 }, { 3, 10 } } },
		{ "There can be only one fragment named \"A\".",
		    2, { { 2, 10 }, { 4, 10 } } },
	} },
	{ "frag-impossible",
	    "{ dog { ...CatF ... on Cat { name } ... on CatOrDog { .."
	    ".HA } ...PetF } catOrDog { ... on HumanOrAlien { __typen"
	    "ame } ...HA ...SentF } pet { ...SentF ... on Sentient { "
	    "name } ... on DogOrHuman { __typename } } }\n"
	    "fragment CatF on Cat { name }\n"
	    "fragment HA on HumanOrAlien { __typename }\n"
	    "fragment PetF on Pet { name }\n"
	    "fragment SentF on Sentient { name }\n",
	    8, (const struct vexp[]){
		{ "Fragment \"CatF\" cannot be spread here as objects of type"
		    " \"Dog\" can never be of type \"Cat\".",
		    1, { { 1, 9 } } },
		{ "Fragment cannot be spread here as objects of type \"Dog\" "
		    "can never be of type \"Cat\".",
		    1, { { 1, 17 } } },
		{ "Fragment \"HA\" cannot be spread here as objects of type \""
		    "CatOrDog\" can never be of type \"HumanOrAlien\".",
		    1, { { 1, 55 } } },
		{ "Fragment cannot be spread here as objects of type \"CatOr"
		    "Dog\" can never be of type \"HumanOrAlien\".",
		    1, { { 1, 84 } } },
		{ "Fragment \"HA\" cannot be spread here as objects of type \""
		    "CatOrDog\" can never be of type \"HumanOrAlien\".",
		    1, { { 1, 119 } } },
		{ "Fragment \"SentF\" cannot be spread here as objects of typ"
		    "e \"CatOrDog\" can never be of type \"Sentient\".",
		    1, { { 1, 125 } } },
		{ "Fragment \"SentF\" cannot be spread here as objects of typ"
		    "e \"Pet\" can never be of type \"Sentient\".",
		    1, { { 1, 142 } } },
		{ "Fragment cannot be spread here as objects of type \"Pet\" "
		    "can never be of type \"Sentient\".",
		    1, { { 1, 151 } } },
	} },
	{ "frag-interface-in-interface",
	    "{ node(id: \"1\") { ... on Profile { handle } ... on Pet {"
	    " name } ... on Sentient { name } } }\n",
	    2, (const struct vexp[]){
		{ "Fragment cannot be spread here as objects of type \"Node\""
		    " can never be of type \"Pet\".",
		    1, { { 1, 45 } } },
		{ "Fragment cannot be spread here as objects of type \"Node\""
		    " can never be of type \"Sentient\".",
		    1, { { 1, 65 } } },
	} },
	{ "frag-nested-resource",
	    "{ node(id: \"1\") { ... on Resource { ... on Image { width"
	    " } ... on Document { title } ... on Dog { name } } } }\n",
	    1, (const struct vexp[]){
		{ "Fragment cannot be spread here as objects of type \"Resou"
		    "rce\" can never be of type \"Dog\".",
		    1, { { 1, 86 } } },
	} },
	{ "frag-on-non-composite",
	    "{ dog { ... on Boolean { x } ... on DogCommand { y } ..."
	    "F ...G } }\n"
	    "fragment F on ComplexInput { name }\n"
	    "fragment G on Int { name }\n",
	    4, (const struct vexp[]){
		{ "Fragment cannot condition on non composite type \"Boolean"
		    "\".",
		    1, { { 1, 16 } } },
		{ "Fragment cannot condition on non composite type \"DogComm"
		    "and\".",
		    1, { { 1, 37 } } },
		{ "Fragment \"F\" cannot condition on non composite type \"Com"
		    "plexInput\".",
		    1, { { 2, 15 } } },
		{ "Fragment \"G\" cannot condition on non composite type \"Int"
		    "\".",
		    1, { { 3, 15 } } },
	} },
	{ "frag-on-unknown",
	    "{ dog { ... on Unknown { name } ...F } }\n"
	    "fragment F on Nope { name }\n",
	    2, (const struct vexp[]){
		{ "Unknown type \"Unknown\".",
		    1, { { 1, 16 } } },
		{ "Unknown type \"Nope\". Did you mean \"Node\"?",
		    1, { { 2, 15 } } },
	} },
	{ "frag-unknown-unused",
	    "{ dog { ...A ...B } }\n"
	    "fragment A on Dog { name ...C }\n"
	    "fragment Unused on Dog { name ...Other }\n"
	    "fragment Other on Dog { name }\n",
	    4, (const struct vexp[]){
		{ "Unknown fragment \"B\".",
		    1, { { 1, 17 } } },
		{ "Unknown fragment \"C\".",
		    1, { { 2, 29 } } },
		{ "Fragment \"Unused\" is never used.",
		    1, { { 3, 1 } } },
		{ "Fragment \"Other\" is never used.",
		    1, { { 4, 1 } } },
	} },
	{ "intro-depth-frag",
	    "{ __type(name: \"Dog\") { ...A } __schema { types { ...A }"
	    " } }\n"
	    "fragment A on __Type { fields { type { ...B } } }\n"
	    "fragment B on __Type { possibleTypes { name } }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "intro-depth-nested",
	    "{ __schema { types { fields { type { inputFields { type "
	    "{ __type(name: \"x\") { name } } } } } } } }\n",
	    1, (const struct vexp[]){
		{ "Cannot query field \"__type\" on type \"__Type\". Did you me"
		    "an \"ofType\"?",
		    1, { { 1, 59 } } },
	} },
	{ "intro-depth-ok",
	    "{ __schema { types { fields { type { name } } interfaces"
	    " { name } } } }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "intro-depth",
	    "{ __schema { types { fields { type { fields { name } } }"
	    " } } __type(name: \"Dog\") { fields { type { interfaces { "
	    "name } } } } }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "intro-on-dog",
	    "{ dog { __type(name: \"Dog\") { fields { type { fields { t"
	    "ype { fields { name } } } } } } } }\n",
	    2, (const struct vexp[]){
		{ "Cannot query field \"__type\" on type \"Dog\".",
		    1, { { 1, 9 } } },
		{ "Maximum introspection depth exceeded",
		    1, { { 1, 9 } } },
	} },
	{ "known-types-case",
	    "query ($a: string) { dog { name } }\n",
	    2, (const struct vexp[]){
		{ "Unknown type \"string\". Did you mean \"String\"?",
		    1, { { 1, 12 } } },
		{ "Variable \"$a\" is never used.",
		    1, { { 1, 8 } } },
	} },
	{ "known-types",
	    "query ($a: Strin, $b: [Dgo!], $c: Boolaen) { dog { ... o"
	    "n Dgo { name } ...F } }\n"
	    "fragment F on Canine { name }\n",
	    8, (const struct vexp[]){
		{ "Unknown type \"Strin\". Did you mean \"String\" or \"Story\"?",
		    1, { { 1, 12 } } },
		{ "Unknown type \"Dgo\". Did you mean \"Dog\"?",
		    1, { { 1, 24 } } },
		{ "Unknown type \"Boolaen\". Did you mean \"Boolean\"?",
		    1, { { 1, 35 } } },
		{ "Unknown type \"Dgo\". Did you mean \"Dog\"?",
		    1, { { 1, 59 } } },
		{ "Variable \"$a\" is never used.",
		    1, { { 1, 8 } } },
		{ "Variable \"$b\" is never used.",
		    1, { { 1, 19 } } },
		{ "Variable \"$c\" is never used.",
		    1, { { 1, 31 } } },
		{ "Unknown type \"Canine\". Did you mean \"Alien\"?",
		    1, { { 2, 15 } } },
	} },
	{ "merge-args",
	    "{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand"
	    "(dogCommand: HEEL) } d2: dog { doesKnowCommand doesKnowC"
	    "ommand(dogCommand: SIT) } }\n",
	    3, (const struct vexp[]){
		{ "Fields \"doesKnowCommand\" conflict because they have diff"
		    "ering arguments. Use different aliases on the fields to "
		    "fetch both if this was intentional.",
		    2, { { 1, 9 }, { 1, 42 } } },
		{ "Fields \"doesKnowCommand\" conflict because they have diff"
		    "ering arguments. Use different aliases on the fields to "
		    "fetch both if this was intentional.",
		    2, { { 1, 88 }, { 1, 104 } } },
		{ "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"D"
		    "ogCommand!\" is required, but it was not provided.",
		    1, { { 1, 88 } } },
	} },
	{ "merge-basic",
	    "{ dog { name: nickname name } dog { x: name x: barkVolum"
	    "e } }\n",
	    2, (const struct vexp[]){
		{ "Fields \"name\" conflict because \"nickname\" and \"name\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 1, 9 }, { 1, 24 } } },
		{ "Fields \"x\" conflict because \"name\" and \"barkVolume\" are "
		    "different fields. Use different aliases on the fields to"
		    " fetch both if this was intentional.",
		    2, { { 1, 37 }, { 1, 45 } } },
	} },
	{ "merge-cyclic",
	    "{ dog { ...A } }\n"
	    "fragment A on Dog { name: nickname ...A ...B }\n"
	    "fragment B on Dog { name ...A }\n",
	    5, (const struct vexp[]){
		{ "Cannot spread fragment \"A\" within itself.",
		    1, { { 2, 36 } } },
		{ "Cannot spread fragment \"A\" within itself via \"B\".",
		    2, { { 2, 41 }, { 3, 26 } } },
		{ "Fields \"name\" conflict because \"nickname\" and \"name\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 2, 21 }, { 3, 21 } } },
		{ "Fields \"name\" conflict because \"nickname\" and \"name\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 2, 21 }, { 3, 21 } } },
		{ "Fields \"name\" conflict because \"name\" and \"nickname\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 3, 21 }, { 2, 21 } } },
	} },
	{ "merge-deep-multiple",
	    "{ dog { owner { a: name b: name c: __typename } } dog { "
	    "owner { a: __typename b: pets { name } c: name } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"dog\" conflict because subfields \"owner\" conflict"
		    " because subfields \"a\" conflict because \"name\" and \"__ty"
		    "pename\" are different fields and subfields \"b\" conflict "
		    "because \"name\" and \"pets\" are different fields and subfi"
		    "elds \"c\" conflict because \"__typename\" and \"name\" are di"
		    "fferent fields. Use different aliases on the fields to f"
		    "etch both if this was intentional.",
		    10, { { 1, 3 }, { 1, 9 }, { 1, 17 }, { 1, 25 },
		    { 1, 33 }, { 1, 51 }, { 1, 57 }, { 1, 65 }, { 1, 79 },
		    { 1, 96 } } },
	} },
	{ "merge-deep",
	    "{ dog { owner { x: name } owner { x: pets { name } } } d"
	    "og { owner { pets { a: name } } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"owner\" conflict because subfields \"x\" conflict b"
		    "ecause \"name\" and \"pets\" are different fields. Use diffe"
		    "rent aliases on the fields to fetch both if this was int"
		    "entional.",
		    4, { { 1, 9 }, { 1, 17 }, { 1, 27 }, { 1, 35 } } },
	} },
	{ "merge-exclusive-types",
	    "{ catOrDog { ... on Cat { x: meowVolume z: doesKnowComma"
	    "nd(catCommand: JUMP) } ... on Dog { x: name z: doesKnowC"
	    "ommand(dogCommand: SIT) } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"x\" conflict because they return conflicting type"
		    "s \"Int\" and \"String!\". Use different aliases on the fiel"
		    "ds to fetch both if this was intentional.",
		    2, { { 1, 27 }, { 1, 93 } } },
	} },
	{ "merge-exclusive",
	    "{ catOrDog { ... on Cat { x: meowVolume y: name } ... on"
	    " Dog { x: barkVolume y: nickname } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"y\" conflict because they return conflicting type"
		    "s \"String!\" and \"String\". Use different aliases on the f"
		    "ields to fetch both if this was intentional.",
		    2, { { 1, 41 }, { 1, 78 } } },
	} },
	{ "merge-frag-frag-nested",
	    "{ dog { ...A } dog { ...B } }\n"
	    "fragment A on Dog { owner { n: name } }\n"
	    "fragment B on Dog { owner { n: __typename } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"dog\" conflict because subfields \"owner\" conflict"
		    " because subfields \"n\" conflict because \"name\" and \"__ty"
		    "pename\" are different fields. Use different aliases on t"
		    "he fields to fetch both if this was intentional.",
		    6, { { 1, 3 }, { 2, 21 }, { 2, 29 }, { 1, 16 },
		    { 3, 21 }, { 3, 29 } } },
	} },
	{ "merge-fragments",
	    "{ dog { ...A ...B x: name } }\n"
	    "fragment A on Dog { x: barkVolume y: name }\n"
	    "fragment B on Dog { x: nickname y: name ...C }\n"
	    "fragment C on Dog { y: barkVolume }\n",
	    5, (const struct vexp[]){
		{ "Fields \"x\" conflict because \"name\" and \"barkVolume\" are "
		    "different fields. Use different aliases on the fields to"
		    " fetch both if this was intentional.",
		    2, { { 1, 19 }, { 2, 21 } } },
		{ "Fields \"x\" conflict because \"barkVolume\" and \"nickname\" "
		    "are different fields. Use different aliases on the field"
		    "s to fetch both if this was intentional.",
		    2, { { 2, 21 }, { 3, 21 } } },
		{ "Fields \"y\" conflict because \"name\" and \"barkVolume\" are "
		    "different fields. Use different aliases on the fields to"
		    " fetch both if this was intentional.",
		    2, { { 2, 35 }, { 4, 21 } } },
		{ "Fields \"x\" conflict because \"name\" and \"nickname\" are di"
		    "fferent fields. Use different aliases on the fields to f"
		    "etch both if this was intentional.",
		    2, { { 1, 19 }, { 3, 21 } } },
		{ "Fields \"y\" conflict because \"name\" and \"barkVolume\" are "
		    "different fields. Use different aliases on the fields to"
		    " fetch both if this was intentional.",
		    2, { { 3, 33 }, { 4, 21 } } },
	} },
	{ "merge-frags-exclusive",
	    "{ catOrDog { ... on Cat { ...CF } ... on Dog { ...DF } }"
	    " }\n"
	    "fragment CF on Cat { x: meowVolume }\n"
	    "fragment DF on Dog { x: name }\n",
	    1, (const struct vexp[]){
		{ "Fields \"x\" conflict because they return conflicting type"
		    "s \"Int\" and \"String!\". Use different aliases on the fiel"
		    "ds to fetch both if this was intentional.",
		    2, { { 2, 22 }, { 3, 22 } } },
	} },
	{ "merge-inline-single",
	    "{ dog { ... on Dog { name: nickname name } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"name\" conflict because \"nickname\" and \"name\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 1, 22 }, { 1, 37 } } },
	} },
	{ "merge-interface-not-exclusive",
	    "{ pet { ... on Dog { name } ... on Pet { name: __typenam"
	    "e } } pet { ... on Cat { nickname } ... on Dog { nicknam"
	    "e } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"name\" conflict because \"name\" and \"__typename\" a"
		    "re different fields. Use different aliases on the fields"
		    " to fetch both if this was intentional.",
		    2, { { 1, 22 }, { 1, 42 } } },
	} },
	{ "merge-list-args",
	    "{ a: intList(value: [1, 2]) a: intList(value: [1, 2]) b:"
	    " intList(value: [1, 2]) b: intList(value: [2, 1]) c: nes"
	    "ted(value: [[1]]) c: nested(value: [1]) }\n",
	    2, (const struct vexp[]){
		{ "Fields \"b\" conflict because they have differing argument"
		    "s. Use different aliases on the fields to fetch both if "
		    "this was intentional.",
		    2, { { 1, 55 }, { 1, 81 } } },
		{ "Fields \"c\" conflict because they have differing argument"
		    "s. Use different aliases on the fields to fetch both if "
		    "this was intentional.",
		    2, { { 1, 107 }, { 1, 131 } } },
	} },
	{ "merge-list-vs-nonlist",
	    "{ human { pets { name } } human { pets: name } lists { a"
	    " b } lists { a: b } lists { c: a } lists { d: c d: d } }"
	    "\n",
	    3, (const struct vexp[]){
		{ "Fields \"human\" conflict because subfields \"pets\" conflic"
		    "t because \"pets\" and \"name\" are different fields. Use di"
		    "fferent aliases on the fields to fetch both if this was "
		    "intentional.",
		    4, { { 1, 3 }, { 1, 11 }, { 1, 27 }, { 1, 35 } } },
		{ "Fields \"lists\" conflict because subfields \"a\" conflict b"
		    "ecause \"a\" and \"b\" are different fields. Use different a"
		    "liases on the fields to fetch both if this was intention"
		    "al.",
		    4, { { 1, 48 }, { 1, 56 }, { 1, 62 }, { 1, 70 } } },
		{ "Fields \"d\" conflict because \"c\" and \"d\" are different fi"
		    "elds. Use different aliases on the fields to fetch both "
		    "if this was intentional.",
		    2, { { 1, 100 }, { 1, 105 } } },
	} },
	{ "merge-many-conflicts",
	    "{ dog { a: name a: nickname a: barkVolume a: owner { nam"
	    "e } } }\n",
	    6, (const struct vexp[]){
		{ "Fields \"a\" conflict because \"name\" and \"nickname\" are di"
		    "fferent fields. Use different aliases on the fields to f"
		    "etch both if this was intentional.",
		    2, { { 1, 9 }, { 1, 17 } } },
		{ "Fields \"a\" conflict because \"name\" and \"barkVolume\" are "
		    "different fields. Use different aliases on the fields to"
		    " fetch both if this was intentional.",
		    2, { { 1, 9 }, { 1, 29 } } },
		{ "Fields \"a\" conflict because \"name\" and \"owner\" are diffe"
		    "rent fields. Use different aliases on the fields to fetc"
		    "h both if this was intentional.",
		    2, { { 1, 9 }, { 1, 43 } } },
		{ "Fields \"a\" conflict because \"nickname\" and \"barkVolume\" "
		    "are different fields. Use different aliases on the field"
		    "s to fetch both if this was intentional.",
		    2, { { 1, 17 }, { 1, 29 } } },
		{ "Fields \"a\" conflict because \"nickname\" and \"owner\" are d"
		    "ifferent fields. Use different aliases on the fields to "
		    "fetch both if this was intentional.",
		    2, { { 1, 17 }, { 1, 43 } } },
		{ "Fields \"a\" conflict because \"barkVolume\" and \"owner\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 1, 29 }, { 1, 43 } } },
	} },
	{ "merge-nonnull",
	    "{ lists { value: value } scalars { x: nnInt x: int } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"x\" conflict because \"nnInt\" and \"int\" are differ"
		    "ent fields. Use different aliases on the fields to fetch"
		    " both if this was intentional.",
		    2, { { 1, 36 }, { 1, 45 } } },
	} },
	{ "merge-object-args",
	    "{ a: findDog(complex: {name: \"a\", owner: \"b\"}) { name } "
	    "a: findDog(complex: {owner: \"b\", name: \"a\"}) { name } b:"
	    " findDog(complex: {name: \"a\"}) { name } b: findDog(compl"
	    "ex: {name: \"\"\"a\"\"\"}) { name } c: findDog(complex: {name:"
	    " \"a\"}) { name } c: findDog(complex: {name: \"a\", owner: n"
	    "ull}) { name } }\n",
	    2, (const struct vexp[]){
		{ "Fields \"b\" conflict because they have differing argument"
		    "s. Use different aliases on the fields to fetch both if "
		    "this was intentional.",
		    2, { { 1, 111 }, { 1, 153 } } },
		{ "Fields \"c\" conflict because they have differing argument"
		    "s. Use different aliases on the fields to fetch both if "
		    "this was intentional.",
		    2, { { 1, 199 }, { 1, 241 } } },
	} },
	{ "merge-subfields-exclusive",
	    "{ catOrDog { ... on Cat { x: nickname } ... on Dog { x: "
	    "owner { name } } } }\n",
	    1, (const struct vexp[]){
		{ "Fields \"x\" conflict because they return conflicting type"
		    "s \"String\" and \"Human\". Use different aliases on the fie"
		    "lds to fetch both if this was intentional.",
		    2, { { 1, 27 }, { 1, 54 } } },
	} },
	{ "merge-typename",
	    "{ dog { name: __typename name } __typename: dog { name }"
	    " }\n",
	    1, (const struct vexp[]){
		{ "Fields \"name\" conflict because \"__typename\" and \"name\" a"
		    "re different fields. Use different aliases on the fields"
		    " to fetch both if this was intentional.",
		    2, { { 1, 9 }, { 1, 26 } } },
	} },
	{ "merge-unknown-fields",
	    "{ dog { foo foo bar: foo bar: baz } }\n",
	    5, (const struct vexp[]){
		{ "Fields \"bar\" conflict because \"foo\" and \"baz\" are differ"
		    "ent fields. Use different aliases on the fields to fetch"
		    " both if this was intentional.",
		    2, { { 1, 17 }, { 1, 26 } } },
		{ "Cannot query field \"foo\" on type \"Dog\".",
		    1, { { 1, 9 } } },
		{ "Cannot query field \"foo\" on type \"Dog\".",
		    1, { { 1, 13 } } },
		{ "Cannot query field \"foo\" on type \"Dog\".",
		    1, { { 1, 17 } } },
		{ "Cannot query field \"baz\" on type \"Dog\".",
		    1, { { 1, 26 } } },
	} },
	{ "merge-unknown-frag",
	    "{ dog { ...Nope name } }\n",
	    1, (const struct vexp[]){
		{ "Unknown fragment \"Nope\".",
		    1, { { 1, 12 } } },
	} },
	{ "merge-value-vs-var",
	    "query ($a: DogCommand) { dog { doesKnowCommand(dogComman"
	    "d: $a) doesKnowCommand(dogCommand: SIT) } }\n",
	    2, (const struct vexp[]){
		{ "Fields \"doesKnowCommand\" conflict because they have diff"
		    "ering arguments. Use different aliases on the fields to "
		    "fetch both if this was intentional.",
		    2, { { 1, 32 }, { 1, 64 } } },
		{ "Variable \"$a\" of type \"DogCommand\" used in position expe"
		    "cting type \"DogCommand!\".",
		    2, { { 1, 8 }, { 1, 60 } } },
	} },
	{ "merge-vars",
	    "query ($a: DogCommand, $b: DogCommand) { dog { doesKnowC"
	    "ommand(dogCommand: $a) doesKnowCommand(dogCommand: $b) }"
	    " d: dog { doesKnowCommand(dogCommand: $a) doesKnowComman"
	    "d(dogCommand: $a) } }\n",
	    5, (const struct vexp[]){
		{ "Fields \"doesKnowCommand\" conflict because they have diff"
		    "ering arguments. Use different aliases on the fields to "
		    "fetch both if this was intentional.",
		    2, { { 1, 48 }, { 1, 80 } } },
		{ "Variable \"$a\" of type \"DogCommand\" used in position expe"
		    "cting type \"DogCommand!\".",
		    2, { { 1, 8 }, { 1, 76 } } },
		{ "Variable \"$b\" of type \"DogCommand\" used in position expe"
		    "cting type \"DogCommand!\".",
		    2, { { 1, 24 }, { 1, 108 } } },
		{ "Variable \"$a\" of type \"DogCommand\" used in position expe"
		    "cting type \"DogCommand!\".",
		    2, { { 1, 8 }, { 1, 151 } } },
		{ "Variable \"$a\" of type \"DogCommand\" used in position expe"
		    "cting type \"DogCommand!\".",
		    2, { { 1, 8 }, { 1, 183 } } },
	} },
	{ "multi-rule",
	    "query Q($a: Int, $a: Int) @skip(if: true) { dog(x: 1) { "
	    "name { x } ...F nope } ...G }\n"
	    "fragment F on Dog { name: nickname }\n",
	    9, (const struct vexp[]){
		{ "There can be only one variable named \"$a\".",
		    2, { { 1, 10 }, { 1, 19 } } },
		{ "Directive \"@skip\" may not be used on QUERY.",
		    1, { { 1, 27 } } },
		{ "Unknown argument \"x\" on field \"Query.dog\".",
		    1, { { 1, 49 } } },
		{ "Fields \"name\" conflict because \"name\" and \"nickname\" are"
		    " different fields. Use different aliases on the fields t"
		    "o fetch both if this was intentional.",
		    2, { { 1, 57 }, { 2, 21 } } },
		{ "Field \"name\" must not have a selection since type \"Strin"
		    "g!\" has no subfields.",
		    1, { { 1, 62 } } },
		{ "Cannot query field \"nope\" on type \"Dog\". Did you mean \"n"
		    "ame\"?",
		    1, { { 1, 73 } } },
		{ "Unknown fragment \"G\".",
		    1, { { 1, 83 } } },
		{ "Variable \"$a\" is never used in operation \"Q\".",
		    1, { { 1, 9 } } },
		{ "Variable \"$a\" is never used in operation \"Q\".",
		    1, { { 1, 18 } } },
	} },
	{ "ops-anon-and-named",
	    "{ dog { name } }\n"
	    "query Q { dog { name } }\n"
	    "mutation { mutateDog { id } }\n",
	    2, (const struct vexp[]){
		{ "This anonymous operation must be the only defined operat"
		    "ion.",
		    1, { { 1, 1 } } },
		{ "This anonymous operation must be the only defined operat"
		    "ion.",
		    1, { { 3, 1 } } },
	} },
	{ "ops-dup-names-3",
	    "query A { dog { name } }\n"
	    "query A { dog { name } }\n"
	    "mutation A { mutateDog { id } }\n",
	    2, (const struct vexp[]){
		{ "There can be only one operation named \"A\".",
		    2, { { 1, 7 }, { 2, 7 } } },
		{ "There can be only one operation named \"A\".",
		    2, { { 1, 7 }, { 3, 10 } } },
	} },
	{ "ops-two-anon",
	    "{ dog { name } }\n"
	    "{ cat: dog { name } }\n",
	    2, (const struct vexp[]){
		{ "This anonymous operation must be the only defined operat"
		    "ion.",
		    1, { { 1, 1 } } },
		{ "This anonymous operation must be the only defined operat"
		    "ion.",
		    1, { { 2, 1 } } },
	} },
	{ "order-interleave",
	    "query Q($v: Int) { dog @nope(a: 1) { nope(x: \"y\") @skip("
	    "if: 1) name(a: 1, a: 2) } int(value: \"x\", value: 2) ... "
	    "on Dog { name } }\n",
	    10, (const struct vexp[]){
		{ "Unknown directive \"@nope\".",
		    1, { { 1, 24 } } },
		{ "Cannot query field \"nope\" on type \"Dog\". Did you mean \"n"
		    "ame\"?",
		    1, { { 1, 38 } } },
		{ "Boolean cannot represent a non boolean value: 1",
		    1, { { 1, 61 } } },
		{ "There can be only one argument named \"a\".",
		    2, { { 1, 69 }, { 1, 75 } } },
		{ "Unknown argument \"a\" on field \"Dog.name\".",
		    1, { { 1, 69 } } },
		{ "Unknown argument \"a\" on field \"Dog.name\".",
		    1, { { 1, 75 } } },
		{ "There can be only one argument named \"value\".",
		    2, { { 1, 87 }, { 1, 99 } } },
		{ "Int cannot represent non-integer value: \"x\"",
		    1, { { 1, 94 } } },
		{ "Fragment cannot be spread here as objects of type \"Query"
		    "\" can never be of type \"Dog\".",
		    1, { { 1, 109 } } },
		{ "Variable \"$v\" is never used in operation \"Q\".",
		    1, { { 1, 9 } } },
	} },
	{ "scalar-leafs",
	    "{ dog { name { x } owner barkVolume { a b } } human pets"
	    " { name } }\n",
	    4, (const struct vexp[]){
		{ "Field \"name\" must not have a selection since type \"Strin"
		    "g!\" has no subfields.",
		    1, { { 1, 14 } } },
		{ "Field \"owner\" of type \"Human\" must have a selection of s"
		    "ubfields. Did you mean \"owner { ... }\"?",
		    1, { { 1, 20 } } },
		{ "Field \"barkVolume\" must not have a selection since type "
		    "\"Int\" has no subfields.",
		    1, { { 1, 37 } } },
		{ "Field \"human\" of type \"Human\" must have a selection of s"
		    "ubfields. Did you mean \"human { ... }\"?",
		    1, { { 1, 47 } } },
	} },
	{ "scalar-leafs2",
	    "{ __typename { a } __schema __type(name: \"Dog\") colors(v"
	    "alue: [RED]) { a } }\n",
	    4, (const struct vexp[]){
		{ "Field \"__typename\" must not have a selection since type "
		    "\"String!\" has no subfields.",
		    1, { { 1, 14 } } },
		{ "Field \"__schema\" of type \"__Schema!\" must have a selecti"
		    "on of subfields. Did you mean \"__schema { ... }\"?",
		    1, { { 1, 20 } } },
		{ "Field \"__type\" of type \"__Type\" must have a selection of"
		    " subfields. Did you mean \"__type { ... }\"?",
		    1, { { 1, 29 } } },
		{ "Field \"colors\" must not have a selection since type \"[Co"
		    "lor]\" has no subfields.",
		    1, { { 1, 70 } } },
	} },
	{ "scalar-leafs3",
	    "mutation { mutateDog increment { x } }\n",
	    2, (const struct vexp[]){
		{ "Field \"mutateDog\" of type \"MutateDogResult\" must have a "
		    "selection of subfields. Did you mean \"mutateDog { ... }\""
		    "?",
		    1, { { 1, 12 } } },
		{ "Field \"increment\" must not have a selection since type \""
		    "Int!\" has no subfields.",
		    1, { { 1, 32 } } },
	} },
	{ "sdl-doc-directive-used",
	    "query Q @new { dog @new @new(a: 1) @new(c: 2) { name @re"
	    "p @rep } }\n"
	    "directive @new(a: Int!) on FIELD\n"
	    "directive @rep repeatable on FIELD\n",
	    9, (const struct vexp[]){
		{ "The \"new\" definition is not executable.",
		    1, { { 2, 1 } } },
		{ "The \"rep\" definition is not executable.",
		    1, { { 3, 1 } } },
		{ "Directive \"@new\" may not be used on QUERY.",
		    1, { { 1, 9 } } },
		{ "Directive \"@new\" argument \"a\" of type \"Int!\" is required"
		    ", but it was not provided.",
		    1, { { 1, 9 } } },
		{ "The directive \"@new\" can only be used once at this locat"
		    "ion.",
		    2, { { 1, 20 }, { 1, 25 } } },
		{ "The directive \"@new\" can only be used once at this locat"
		    "ion.",
		    2, { { 1, 20 }, { 1, 36 } } },
		{ "Directive \"@new\" argument \"a\" of type \"Int!\" is required"
		    ", but it was not provided.",
		    1, { { 1, 20 } } },
		{ "Unknown argument \"c\" on directive \"@new\". Did you mean \""
		    "a\"?",
		    1, { { 1, 41 } } },
		{ "Directive \"@new\" argument \"a\" of type \"Int!\" is required"
		    ", but it was not provided.",
		    1, { { 1, 36 } } },
	} },
	{ "sdl-doc-type-used",
	    "query ($x: Foo, $y: [Bar!]) { dog { name } }\n"
	    "type Foo { a: Int }\n"
	    "input Bar { a: Int }\n",
	    4, (const struct vexp[]){
		{ "The \"Foo\" definition is not executable.",
		    1, { { 2, 1 } } },
		{ "The \"Bar\" definition is not executable.",
		    1, { { 3, 1 } } },
		{ "Variable \"$x\" is never used.",
		    1, { { 1, 8 } } },
		{ "Variable \"$y\" is never used.",
		    1, { { 1, 17 } } },
	} },
	{ "sdl-mixed",
	    "{ dog { name } }\n"
	    "type Foo implements Bar @cost(weight: \"x\") @cost { a(x: "
	    "Strin = 1 @length(max: 1)): Inx @deprecated @meta }\n"
	    "extend type Foo @cost\n"
	    "interface Bar { a: Int }\n"
	    "scalar S @meta @meta @specifiedBy(url: \"u\")\n"
	    "extend scalar S @meta\n"
	    "union U @meta = Foo | Nope\n"
	    "enum E @meta { A @meta @deprecated B @deprecated @deprec"
	    "ated }\n"
	    "input I @meta { a: Int = 1 @length(max: 1) b: I2 = {x: 1"
	    ", x: 2} }\n"
	    "extend input I { c: Int @length(max: 2) }\n"
	    "schema @meta { query: Query mutation: Mutx }\n"
	    "extend schema @meta\n"
	    "directive @new(a: Int!, b: String = \"x\") on FIELD | QUER"
	    "Y\n"
	    "directive @rep repeatable on FIELD\n",
	    27, (const struct vexp[]){
		{ "The \"Foo\" definition is not executable.",
		    1, { { 2, 1 } } },
		{ "The \"Foo\" definition is not executable.",
		    1, { { 3, 1 } } },
		{ "The \"Bar\" definition is not executable.",
		    1, { { 4, 1 } } },
		{ "The \"S\" definition is not executable.",
		    1, { { 5, 1 } } },
		{ "The \"S\" definition is not executable.",
		    1, { { 6, 1 } } },
		{ "The \"U\" definition is not executable.",
		    1, { { 7, 1 } } },
		{ "The \"E\" definition is not executable.",
		    1, { { 8, 1 } } },
		{ "The \"I\" definition is not executable.",
		    1, { { 9, 1 } } },
		{ "The \"I\" definition is not executable.",
		    1, { { 10, 1 } } },
		{ "The schema definition is not executable.",
		    1, { { 11, 1 } } },
		{ "The schema definition is not executable.",
		    1, { { 12, 1 } } },
		{ "The \"new\" definition is not executable.",
		    1, { { 13, 1 } } },
		{ "The \"rep\" definition is not executable.",
		    1, { { 14, 1 } } },
		{ "The directive \"@cost\" can only be used once at this loca"
		    "tion.",
		    2, { { 2, 25 }, { 2, 44 } } },
		{ "Int cannot represent non-integer value: \"x\"",
		    1, { { 2, 39 } } },
		{ "Unknown type \"Strin\". Did you mean \"String\" or \"Story\"?",
		    1, { { 2, 57 } } },
		{ "Unknown type \"Inx\". Did you mean \"Int\", \"I\", or \"ID\"?",
		    1, { { 2, 85 } } },
		{ "Directive \"@meta\" may not be used on FIELD_DEFINITION.",
		    1, { { 2, 101 } } },
		{ "The directive \"@cost\" can only be used once at this loca"
		    "tion.",
		    2, { { 2, 25 }, { 3, 17 } } },
		{ "The directive \"@meta\" can only be used once at this loca"
		    "tion.",
		    2, { { 5, 10 }, { 5, 16 } } },
		{ "The directive \"@meta\" can only be used once at this loca"
		    "tion.",
		    2, { { 5, 10 }, { 6, 17 } } },
		{ "Unknown type \"Nope\". Did you mean \"Node\"?",
		    1, { { 7, 23 } } },
		{ "The directive \"@deprecated\" can only be used once at thi"
		    "s location.",
		    2, { { 8, 38 }, { 8, 50 } } },
		{ "Unknown type \"I2\". Did you mean \"I\" or \"ID\"?",
		    1, { { 9, 47 } } },
		{ "There can be only one input field named \"x\".",
		    2, { { 9, 53 }, { 9, 59 } } },
		{ "Unknown type \"Mutx\".",
		    1, { { 11, 39 } } },
		{ "The directive \"@meta\" can only be used once at this loca"
		    "tion.",
		    2, { { 11, 8 }, { 12, 15 } } },
	} },
	{ "sdl-standard-types",
	    "type Foo { a: Strin b: __Typ c: Int }\n",
	    3, (const struct vexp[]){
		{ "The \"Foo\" definition is not executable.",
		    1, { { 1, 1 } } },
		{ "Unknown type \"Strin\". Did you mean \"String\" or \"Story\"?",
		    1, { { 1, 15 } } },
		{ "Unknown type \"__Typ\". Did you mean \"__Type\"?",
		    1, { { 1, 24 } } },
	} },
	{ "spec-example-1",
	    "query getDogName { dog { name } }\n"
	    "query getOwnerName { dog { owner { name } } }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "spec-unnamed-frag-inline",
	    "{ ... { dog { name } } ... @include(if: true) { dog { ba"
	    "rkVolume } } }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "subs-anon-three",
	    "subscription { newMessage { body } a: newMessage { body "
	    "} ticks disallowedSecondRootField }\n",
	    1, (const struct vexp[]){
		{ "Anonymous Subscription must select only one top level fi"
		    "eld.",
		    3, { { 1, 36 }, { 1, 59 }, { 1, 65 } } },
	} },
	{ "subs-frag-on-other-type",
	    "subscription { ... on Query { dog { name } } newMessage "
	    "{ body } }\n",
	    1, (const struct vexp[]){
		{ "Fragment cannot be spread here as objects of type \"Subsc"
		    "ription\" can never be of type \"Query\".",
		    1, { { 1, 16 } } },
	} },
	{ "subs-fragment-fields",
	    "subscription S { ...F }\n"
	    "fragment F on Subscription { newMessage { body } ticks }"
	    "\n",
	    1, (const struct vexp[]){
		{ "Subscription \"S\" must select only one top level field.",
		    1, { { 2, 50 } } },
	} },
	{ "subs-include-false",
	    "subscription { newMessage { body } ticks @include(if: fa"
	    "lse) }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "subs-inline-and-typename",
	    "subscription S { ... on Subscription { newMessage { body"
	    " } } __typename }\n",
	    2, (const struct vexp[]){
		{ "Subscription \"S\" must select only one top level field.",
		    1, { { 1, 62 } } },
		{ "Subscription \"S\" must not select an introspection top le"
		    "vel field.",
		    1, { { 1, 62 } } },
	} },
	{ "subs-only-typename",
	    "subscription { __typename }\n",
	    1, (const struct vexp[]){
		{ "Anonymous Subscription must not select an introspection "
		    "top level field.",
		    1, { { 1, 16 } } },
	} },
	{ "subs-same-key-twice",
	    "subscription { newMessage { body } newMessage { sender }"
	    " }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "subs-skip-literal",
	    "subscription { newMessage { body } ticks @skip(if: true)"
	    " }\n",
	    0, (const struct vexp[]){
		{ NULL, 0, { { 0, 0 } } },
	} },
	{ "subs-two-fields",
	    "subscription S { newMessage { body } disallowedSecondRoo"
	    "tField }\n",
	    1, (const struct vexp[]){
		{ "Subscription \"S\" must select only one top level field.",
		    1, { { 1, 38 } } },
	} },
	{ "subs-unknown-fragment",
	    "subscription { ...Nope newMessage { body } }\n",
	    1, (const struct vexp[]){
		{ "Unknown fragment \"Nope\".",
		    1, { { 1, 19 } } },
	} },
	{ "too-many-errors",
	    "{ dog { a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a"
	    "15 a16 a17 a18 a19 a20 a21 a22 a23 a24 a25 a26 a27 a28 a"
	    "29 a30 a31 a32 a33 a34 a35 a36 a37 a38 a39 a40 a41 a42 a"
	    "43 a44 a45 a46 a47 a48 a49 a50 a51 a52 a53 a54 a55 a56 a"
	    "57 a58 a59 a60 a61 a62 a63 a64 a65 a66 a67 a68 a69 a70 a"
	    "71 a72 a73 a74 a75 a76 a77 a78 a79 a80 a81 a82 a83 a84 a"
	    "85 a86 a87 a88 a89 a90 a91 a92 a93 a94 a95 a96 a97 a98 a"
	    "99 a100 a101 a102 } }\n",
	    101, (const struct vexp[]){
		{ "Cannot query field \"a1\" on type \"Dog\".",
		    1, { { 1, 9 } } },
		{ "Cannot query field \"a2\" on type \"Dog\".",
		    1, { { 1, 12 } } },
		{ "Cannot query field \"a3\" on type \"Dog\".",
		    1, { { 1, 15 } } },
		{ "Cannot query field \"a4\" on type \"Dog\".",
		    1, { { 1, 18 } } },
		{ "Cannot query field \"a5\" on type \"Dog\".",
		    1, { { 1, 21 } } },
		{ "Cannot query field \"a6\" on type \"Dog\".",
		    1, { { 1, 24 } } },
		{ "Cannot query field \"a7\" on type \"Dog\".",
		    1, { { 1, 27 } } },
		{ "Cannot query field \"a8\" on type \"Dog\".",
		    1, { { 1, 30 } } },
		{ "Cannot query field \"a9\" on type \"Dog\".",
		    1, { { 1, 33 } } },
		{ "Cannot query field \"a10\" on type \"Dog\".",
		    1, { { 1, 36 } } },
		{ "Cannot query field \"a11\" on type \"Dog\".",
		    1, { { 1, 40 } } },
		{ "Cannot query field \"a12\" on type \"Dog\".",
		    1, { { 1, 44 } } },
		{ "Cannot query field \"a13\" on type \"Dog\".",
		    1, { { 1, 48 } } },
		{ "Cannot query field \"a14\" on type \"Dog\".",
		    1, { { 1, 52 } } },
		{ "Cannot query field \"a15\" on type \"Dog\".",
		    1, { { 1, 56 } } },
		{ "Cannot query field \"a16\" on type \"Dog\".",
		    1, { { 1, 60 } } },
		{ "Cannot query field \"a17\" on type \"Dog\".",
		    1, { { 1, 64 } } },
		{ "Cannot query field \"a18\" on type \"Dog\".",
		    1, { { 1, 68 } } },
		{ "Cannot query field \"a19\" on type \"Dog\".",
		    1, { { 1, 72 } } },
		{ "Cannot query field \"a20\" on type \"Dog\".",
		    1, { { 1, 76 } } },
		{ "Cannot query field \"a21\" on type \"Dog\".",
		    1, { { 1, 80 } } },
		{ "Cannot query field \"a22\" on type \"Dog\".",
		    1, { { 1, 84 } } },
		{ "Cannot query field \"a23\" on type \"Dog\".",
		    1, { { 1, 88 } } },
		{ "Cannot query field \"a24\" on type \"Dog\".",
		    1, { { 1, 92 } } },
		{ "Cannot query field \"a25\" on type \"Dog\".",
		    1, { { 1, 96 } } },
		{ "Cannot query field \"a26\" on type \"Dog\".",
		    1, { { 1, 100 } } },
		{ "Cannot query field \"a27\" on type \"Dog\".",
		    1, { { 1, 104 } } },
		{ "Cannot query field \"a28\" on type \"Dog\".",
		    1, { { 1, 108 } } },
		{ "Cannot query field \"a29\" on type \"Dog\".",
		    1, { { 1, 112 } } },
		{ "Cannot query field \"a30\" on type \"Dog\".",
		    1, { { 1, 116 } } },
		{ "Cannot query field \"a31\" on type \"Dog\".",
		    1, { { 1, 120 } } },
		{ "Cannot query field \"a32\" on type \"Dog\".",
		    1, { { 1, 124 } } },
		{ "Cannot query field \"a33\" on type \"Dog\".",
		    1, { { 1, 128 } } },
		{ "Cannot query field \"a34\" on type \"Dog\".",
		    1, { { 1, 132 } } },
		{ "Cannot query field \"a35\" on type \"Dog\".",
		    1, { { 1, 136 } } },
		{ "Cannot query field \"a36\" on type \"Dog\".",
		    1, { { 1, 140 } } },
		{ "Cannot query field \"a37\" on type \"Dog\".",
		    1, { { 1, 144 } } },
		{ "Cannot query field \"a38\" on type \"Dog\".",
		    1, { { 1, 148 } } },
		{ "Cannot query field \"a39\" on type \"Dog\".",
		    1, { { 1, 152 } } },
		{ "Cannot query field \"a40\" on type \"Dog\".",
		    1, { { 1, 156 } } },
		{ "Cannot query field \"a41\" on type \"Dog\".",
		    1, { { 1, 160 } } },
		{ "Cannot query field \"a42\" on type \"Dog\".",
		    1, { { 1, 164 } } },
		{ "Cannot query field \"a43\" on type \"Dog\".",
		    1, { { 1, 168 } } },
		{ "Cannot query field \"a44\" on type \"Dog\".",
		    1, { { 1, 172 } } },
		{ "Cannot query field \"a45\" on type \"Dog\".",
		    1, { { 1, 176 } } },
		{ "Cannot query field \"a46\" on type \"Dog\".",
		    1, { { 1, 180 } } },
		{ "Cannot query field \"a47\" on type \"Dog\".",
		    1, { { 1, 184 } } },
		{ "Cannot query field \"a48\" on type \"Dog\".",
		    1, { { 1, 188 } } },
		{ "Cannot query field \"a49\" on type \"Dog\".",
		    1, { { 1, 192 } } },
		{ "Cannot query field \"a50\" on type \"Dog\".",
		    1, { { 1, 196 } } },
		{ "Cannot query field \"a51\" on type \"Dog\".",
		    1, { { 1, 200 } } },
		{ "Cannot query field \"a52\" on type \"Dog\".",
		    1, { { 1, 204 } } },
		{ "Cannot query field \"a53\" on type \"Dog\".",
		    1, { { 1, 208 } } },
		{ "Cannot query field \"a54\" on type \"Dog\".",
		    1, { { 1, 212 } } },
		{ "Cannot query field \"a55\" on type \"Dog\".",
		    1, { { 1, 216 } } },
		{ "Cannot query field \"a56\" on type \"Dog\".",
		    1, { { 1, 220 } } },
		{ "Cannot query field \"a57\" on type \"Dog\".",
		    1, { { 1, 224 } } },
		{ "Cannot query field \"a58\" on type \"Dog\".",
		    1, { { 1, 228 } } },
		{ "Cannot query field \"a59\" on type \"Dog\".",
		    1, { { 1, 232 } } },
		{ "Cannot query field \"a60\" on type \"Dog\".",
		    1, { { 1, 236 } } },
		{ "Cannot query field \"a61\" on type \"Dog\".",
		    1, { { 1, 240 } } },
		{ "Cannot query field \"a62\" on type \"Dog\".",
		    1, { { 1, 244 } } },
		{ "Cannot query field \"a63\" on type \"Dog\".",
		    1, { { 1, 248 } } },
		{ "Cannot query field \"a64\" on type \"Dog\".",
		    1, { { 1, 252 } } },
		{ "Cannot query field \"a65\" on type \"Dog\".",
		    1, { { 1, 256 } } },
		{ "Cannot query field \"a66\" on type \"Dog\".",
		    1, { { 1, 260 } } },
		{ "Cannot query field \"a67\" on type \"Dog\".",
		    1, { { 1, 264 } } },
		{ "Cannot query field \"a68\" on type \"Dog\".",
		    1, { { 1, 268 } } },
		{ "Cannot query field \"a69\" on type \"Dog\".",
		    1, { { 1, 272 } } },
		{ "Cannot query field \"a70\" on type \"Dog\".",
		    1, { { 1, 276 } } },
		{ "Cannot query field \"a71\" on type \"Dog\".",
		    1, { { 1, 280 } } },
		{ "Cannot query field \"a72\" on type \"Dog\".",
		    1, { { 1, 284 } } },
		{ "Cannot query field \"a73\" on type \"Dog\".",
		    1, { { 1, 288 } } },
		{ "Cannot query field \"a74\" on type \"Dog\".",
		    1, { { 1, 292 } } },
		{ "Cannot query field \"a75\" on type \"Dog\".",
		    1, { { 1, 296 } } },
		{ "Cannot query field \"a76\" on type \"Dog\".",
		    1, { { 1, 300 } } },
		{ "Cannot query field \"a77\" on type \"Dog\".",
		    1, { { 1, 304 } } },
		{ "Cannot query field \"a78\" on type \"Dog\".",
		    1, { { 1, 308 } } },
		{ "Cannot query field \"a79\" on type \"Dog\".",
		    1, { { 1, 312 } } },
		{ "Cannot query field \"a80\" on type \"Dog\".",
		    1, { { 1, 316 } } },
		{ "Cannot query field \"a81\" on type \"Dog\".",
		    1, { { 1, 320 } } },
		{ "Cannot query field \"a82\" on type \"Dog\".",
		    1, { { 1, 324 } } },
		{ "Cannot query field \"a83\" on type \"Dog\".",
		    1, { { 1, 328 } } },
		{ "Cannot query field \"a84\" on type \"Dog\".",
		    1, { { 1, 332 } } },
		{ "Cannot query field \"a85\" on type \"Dog\".",
		    1, { { 1, 336 } } },
		{ "Cannot query field \"a86\" on type \"Dog\".",
		    1, { { 1, 340 } } },
		{ "Cannot query field \"a87\" on type \"Dog\".",
		    1, { { 1, 344 } } },
		{ "Cannot query field \"a88\" on type \"Dog\".",
		    1, { { 1, 348 } } },
		{ "Cannot query field \"a89\" on type \"Dog\".",
		    1, { { 1, 352 } } },
		{ "Cannot query field \"a90\" on type \"Dog\".",
		    1, { { 1, 356 } } },
		{ "Cannot query field \"a91\" on type \"Dog\".",
		    1, { { 1, 360 } } },
		{ "Cannot query field \"a92\" on type \"Dog\".",
		    1, { { 1, 364 } } },
		{ "Cannot query field \"a93\" on type \"Dog\".",
		    1, { { 1, 368 } } },
		{ "Cannot query field \"a94\" on type \"Dog\".",
		    1, { { 1, 372 } } },
		{ "Cannot query field \"a95\" on type \"Dog\".",
		    1, { { 1, 376 } } },
		{ "Cannot query field \"a96\" on type \"Dog\".",
		    1, { { 1, 380 } } },
		{ "Cannot query field \"a97\" on type \"Dog\".",
		    1, { { 1, 384 } } },
		{ "Cannot query field \"a98\" on type \"Dog\".",
		    1, { { 1, 388 } } },
		{ "Cannot query field \"a99\" on type \"Dog\".",
		    1, { { 1, 392 } } },
		{ "Cannot query field \"a100\" on type \"Dog\".",
		    1, { { 1, 396 } } },
		{ "Too many validation errors, error limit reached. Validat"
		    "ion aborted.",
		    0, {  } },
	} },
	{ "values-block-string",
	    "{ string(value: 1) s: echo(int: \"\"\"block \"quoted\" string"
	    "\"\"\", float: \"\"\"\n"
	    "  multi\n"
	    "  line\n"
	    "\"\"\", id: \"esc\\n\\t\\\"\\\\\\u0001\\u007F\\u0085\") }\n",
	    3, (const struct vexp[]){
		{ "String cannot represent a non string value: 1",
		    1, { { 1, 17 } } },
		{ "Int cannot represent non-integer value: \"\"\"block \"quoted"
		    "\" string\"\"\"",
		    1, { { 1, 33 } } },
		{ "Float cannot represent non numeric value: \"\"\"\n"
		    "multi\n"
		    "line\n"
		    "\"\"\"",
		    1, { { 1, 69 } } },
	} },
	{ "values-custom",
	    "{ date(value: \"2020-01-01\") d2: date(value: \"2020-1-1\") "
	    "d3: date(value: 20200101) d4: date(value: [\"2020-01-01\"]"
	    ") odd(value: 3) o2: odd(value: 4) o3: odd(value: \"3\") o4"
	    ": odd(value: 2147483648) echo(json: {a: [1, {b: $x}]}, d"
	    "ate: {a: 1}) }\n",
	    8, (const struct vexp[]){
		{ "Expected value of type \"Date\", found \"2020-1-1\"; Date mu"
		    "st be a string of the form YYYY-MM-DD",
		    1, { { 1, 45 } } },
		{ "Expected value of type \"Date\", found 20200101; Date must"
		    " be a string of the form YYYY-MM-DD",
		    1, { { 1, 73 } } },
		{ "Expected value of type \"Date\", found [\"2020-01-01\"]; Dat"
		    "e must be a string of the form YYYY-MM-DD",
		    1, { { 1, 99 } } },
		{ "Expected value of type \"Odd\", found 4; Odd must be an od"
		    "d 32-bit integer",
		    1, { { 1, 144 } } },
		{ "Expected value of type \"Odd\", found \"3\"; Odd must be an "
		    "odd 32-bit integer",
		    1, { { 1, 162 } } },
		{ "Expected value of type \"Odd\", found 2147483648; Odd must"
		    " be an odd 32-bit integer",
		    1, { { 1, 182 } } },
		{ "Expected value of type \"Date\", found {a: 1}; Date must b"
		    "e a string of the form YYYY-MM-DD",
		    1, { { 1, 230 } } },
		{ "Variable \"$x\" is not defined.",
		    2, { { 1, 217 }, { 1, 1 } } },
	} },
	{ "values-directive-args",
	    "{ dog @skip(if: \"true\") @include(if: 1) @filter(where: {"
	    "field: 1, and: [{equals: \"x\"}]}, order: DOWN, keys: [1, "
	    "\"a\", null]) { name } }\n",
	    7, (const struct vexp[]){
		{ "Boolean cannot represent a non boolean value: \"true\"",
		    1, { { 1, 17 } } },
		{ "Boolean cannot represent a non boolean value: 1",
		    1, { { 1, 38 } } },
		{ "String cannot represent a non string value: 1",
		    1, { { 1, 64 } } },
		{ "Field \"FilterInput.field\" of required type \"String!\" was"
		    " not provided.",
		    1, { { 1, 73 } } },
		{ "Value \"DOWN\" does not exist in \"Order\" enum.",
		    1, { { 1, 97 } } },
		{ "String cannot represent a non string value: 1",
		    1, { { 1, 110 } } },
		{ "Expected value of type \"String!\", found null.",
		    1, { { 1, 118 } } },
	} },
	{ "values-enum-suggest-long",
	    "{ color(value: \"RED_AND_GREEN_AND_BLUE\") c: color(value:"
	    " Red) }\n",
	    2, (const struct vexp[]){
		{ "Enum \"Color\" cannot represent non-enum value: \"RED_AND_G"
		    "REEN_AND_BLUE\".",
		    1, { { 1, 16 } } },
		{ "Value \"Red\" does not exist in \"Color\" enum. Did you mean"
		    " the enum value \"RED\"?",
		    1, { { 1, 58 } } },
	} },
	{ "values-enums",
	    "{ color(value: \"RED\") c2: color(value: red) c3: color(va"
	    "lue: PURPLE) c4: color(value: 1) c5: color(value: GREN) "
	    "c6: color(value: BLUE) colors(value: [RED, \"GREEN\", rd])"
	    " }\n",
	    7, (const struct vexp[]){
		{ "Enum \"Color\" cannot represent non-enum value: \"RED\". Did"
		    " you mean the enum value \"RED\" or \"GREEN\"?",
		    1, { { 1, 16 } } },
		{ "Value \"red\" does not exist in \"Color\" enum. Did you mean"
		    " the enum value \"RED\"?",
		    1, { { 1, 40 } } },
		{ "Value \"PURPLE\" does not exist in \"Color\" enum.",
		    1, { { 1, 62 } } },
		{ "Enum \"Color\" cannot represent non-enum value: 1.",
		    1, { { 1, 87 } } },
		{ "Value \"GREN\" does not exist in \"Color\" enum. Did you mea"
		    "n the enum value \"GREEN\" or \"RED\"?",
		    1, { { 1, 107 } } },
		{ "Enum \"Color\" cannot represent non-enum value: \"GREEN\". D"
		    "id you mean the enum value \"GREEN\"?",
		    1, { { 1, 156 } } },
		{ "Value \"rd\" does not exist in \"Color\" enum. Did you mean "
		    "the enum value \"RED\"?",
		    1, { { 1, 165 } } },
	} },
	{ "values-lists",
	    "{ intList(value: [1, \"2\", null, [3]]) i2: intList(value:"
	    " 1) i3: intList(value: [[1]]) nested(value: [1, [2, \"3\"]"
	    ", [[4]]]) echoLists(b: [1, null], d: [null, [null]], inp"
	    "uts: [{int: \"x\"}, 1]) }\n",
	    10, (const struct vexp[]){
		{ "Int cannot represent non-integer value: \"2\"",
		    1, { { 1, 22 } } },
		{ "Int cannot represent non-integer value: [3]",
		    1, { { 1, 33 } } },
		{ "Int cannot represent non-integer value: [1]",
		    1, { { 1, 81 } } },
		{ "Int cannot represent non-integer value: \"3\"",
		    1, { { 1, 109 } } },
		{ "Int cannot represent non-integer value: [4]",
		    1, { { 1, 116 } } },
		{ "Expected value of type \"Int!\", found null.",
		    1, { { 1, 140 } } },
		{ "Expected value of type \"[Int!]!\", found null.",
		    1, { { 1, 151 } } },
		{ "Expected value of type \"Int!\", found null.",
		    1, { { 1, 158 } } },
		{ "Int cannot represent non-integer value: \"x\"",
		    1, { { 1, 181 } } },
		{ "Expected value of type \"EchoInput\", found 1.",
		    1, { { 1, 187 } } },
	} },
	{ "values-objects-nested",
	    "{ echoInput(input: {nested: {nested: {int: \"x\", colr: RE"
	    "D}, list: [1, \"a\"]}, nnList: [null]}, required: {c: [1]}"
	    ") }\n",
	    5, (const struct vexp[]){
		{ "Int cannot represent non-integer value: \"x\"",
		    1, { { 1, 44 } } },
		{ "Field \"colr\" is not defined by type \"EchoInput\". Did you"
		    " mean \"color\"?",
		    1, { { 1, 49 } } },
		{ "Int cannot represent non-integer value: \"a\"",
		    1, { { 1, 71 } } },
		{ "Expected value of type \"Int!\", found null.",
		    1, { { 1, 87 } } },
		{ "Field \"RequiredInput.a\" of required type \"Int!\" was not "
		    "provided.",
		    1, { { 1, 105 } } },
	} },
	{ "values-objects-unique",
	    "{ echoInput(input: {int: 1, int: 2, nested: {int: 1, int"
	    ": \"x\", string: \"a\"}, int: 3}) findDog(complex: {name: \"a"
	    "\", name: \"b\"}) }\n",
	    6, (const struct vexp[]){
		{ "There can be only one input field named \"int\".",
		    2, { { 1, 21 }, { 1, 29 } } },
		{ "There can be only one input field named \"int\".",
		    2, { { 1, 46 }, { 1, 54 } } },
		{ "Int cannot represent non-integer value: \"x\"",
		    1, { { 1, 59 } } },
		{ "There can be only one input field named \"int\".",
		    2, { { 1, 21 }, { 1, 78 } } },
		{ "Field \"findDog\" of type \"Dog\" must have a selection of s"
		    "ubfields. Did you mean \"findDog { ... }\"?",
		    1, { { 1, 87 } } },
		{ "There can be only one input field named \"name\".",
		    2, { { 1, 105 }, { 1, 116 } } },
	} },
	{ "values-objects",
	    "{ findDog(complex: {name: \"x\", nam: \"y\", owner: 1}) f2: "
	    "findDog(complex: \"x\") f3: findDog(complex: [{name: \"x\"}]"
	    ") findDogStrict(input: {owner: \"x\"}) f4: findDogStrict(i"
	    "nput: {name: null}) f5: findDogStrict(input: null) }\n",
	    13, (const struct vexp[]){
		{ "Field \"findDog\" of type \"Dog\" must have a selection of s"
		    "ubfields. Did you mean \"findDog { ... }\"?",
		    1, { { 1, 3 } } },
		{ "Field \"nam\" is not defined by type \"ComplexInput\". Did y"
		    "ou mean \"name\"?",
		    1, { { 1, 32 } } },
		{ "String cannot represent a non string value: 1",
		    1, { { 1, 49 } } },
		{ "Field \"findDog\" of type \"Dog\" must have a selection of s"
		    "ubfields. Did you mean \"findDog { ... }\"?",
		    1, { { 1, 53 } } },
		{ "Expected value of type \"ComplexInput\", found \"x\".",
		    1, { { 1, 74 } } },
		{ "Field \"findDog\" of type \"Dog\" must have a selection of s"
		    "ubfields. Did you mean \"findDog { ... }\"?",
		    1, { { 1, 79 } } },
		{ "Expected value of type \"ComplexInput\", found [{name: \"x\""
		    "}].",
		    1, { { 1, 100 } } },
		{ "Field \"findDogStrict\" of type \"Dog\" must have a selectio"
		    "n of subfields. Did you mean \"findDogStrict { ... }\"?",
		    1, { { 1, 115 } } },
		{ "Field \"FindDogInput.name\" of required type \"String!\" was"
		    " not provided.",
		    1, { { 1, 136 } } },
		{ "Field \"findDogStrict\" of type \"Dog\" must have a selectio"
		    "n of subfields. Did you mean \"findDogStrict { ... }\"?",
		    1, { { 1, 150 } } },
		{ "Expected value of type \"String!\", found null.",
		    1, { { 1, 182 } } },
		{ "Field \"findDogStrict\" of type \"Dog\" must have a selectio"
		    "n of subfields. Did you mean \"findDogStrict { ... }\"?",
		    1, { { 1, 189 } } },
		{ "Expected value of type \"FindDogInput!\", found null.",
		    1, { { 1, 214 } } },
	} },
	{ "values-oneof",
	    "{ a: echoOneOf(input: {}) b: echoOneOf(input: {a: 1, b: "
	    "\"x\"}) c: echoOneOf(input: {a: null}) d: echoOneOf(input:"
	    " {a: 1, a: 2}) e: echoOneOf(input: {a: 1, a: null}) f: e"
	    "choOneOf(input: {c: {int: 1}}) g: echoOneOf(input: {d: 1"
	    "}) h: echoInput(oneOf: {b: null, b: \"x\"}) }\n",
	    8, (const struct vexp[]){
		{ "OneOf Input Object \"OneOfInput\" must specify exactly one"
		    " key.",
		    1, { { 1, 23 } } },
		{ "OneOf Input Object \"OneOfInput\" must specify exactly one"
		    " key.",
		    1, { { 1, 47 } } },
		{ "Field \"OneOfInput.a\" must be non-null.",
		    1, { { 1, 83 } } },
		{ "There can be only one input field named \"a\".",
		    2, { { 1, 115 }, { 1, 121 } } },
		{ "Field \"OneOfInput.a\" must be non-null.",
		    1, { { 1, 148 } } },
		{ "There can be only one input field named \"a\".",
		    2, { { 1, 149 }, { 1, 155 } } },
		{ "Field \"d\" is not defined by type \"OneOfInput\". Did you m"
		    "ean \"a\", \"b\", or \"c\"?",
		    1, { { 1, 221 } } },
		{ "There can be only one input field named \"b\".",
		    2, { { 1, 249 }, { 1, 258 } } },
	} },
	{ "values-scalars",
	    "{ int(value: \"1\") i2: int(value: 1.5) i3: int(value: tru"
	    "e) i4: int(value: RED) i5: int(value: [1]) i6: int(value"
	    ": {a: 1}) i7: int(value: 2147483648) i8: int(value: -214"
	    "7483649) i9: int(value: -2147483648) i10: int(value: 214"
	    "7483647) }\n",
	    8, (const struct vexp[]){
		{ "Int cannot represent non-integer value: \"1\"",
		    1, { { 1, 14 } } },
		{ "Int cannot represent non-integer value: 1.5",
		    1, { { 1, 34 } } },
		{ "Int cannot represent non-integer value: true",
		    1, { { 1, 54 } } },
		{ "Int cannot represent non-integer value: RED",
		    1, { { 1, 75 } } },
		{ "Int cannot represent non-integer value: [1]",
		    1, { { 1, 95 } } },
		{ "Int cannot represent non-integer value: {a: 1}",
		    1, { { 1, 115 } } },
		{ "Int cannot represent non 32-bit signed integer value: 21"
		    "47483648",
		    1, { { 1, 138 } } },
		{ "Int cannot represent non 32-bit signed integer value: -2"
		    "147483649",
		    1, { { 1, 165 } } },
	} },
	{ "values-scalars2",
	    "{ float(value: \"1\") f2: float(value: 1) f3: float(value:"
	    " true) string(value: 1) s2: string(value: SOME) s3: stri"
	    "ng(value: null) boolean(value: 1) b2: boolean(value: \"tr"
	    "ue\") id(value: 1.5) id2: id(value: true) id3: id(value: "
	    "12) id4: id(value: \"x\") }\n",
	    8, (const struct vexp[]){
		{ "Float cannot represent non numeric value: \"1\"",
		    1, { { 1, 16 } } },
		{ "Float cannot represent non numeric value: true",
		    1, { { 1, 58 } } },
		{ "String cannot represent a non string value: 1",
		    1, { { 1, 78 } } },
		{ "String cannot represent a non string value: SOME",
		    1, { { 1, 99 } } },
		{ "Boolean cannot represent a non boolean value: 1",
		    1, { { 1, 144 } } },
		{ "Boolean cannot represent a non boolean value: \"true\"",
		    1, { { 1, 166 } } },
		{ "ID cannot represent a non-string and non-integer value: "
		    "1.5",
		    1, { { 1, 184 } } },
		{ "ID cannot represent a non-string and non-integer value: "
		    "true",
		    1, { { 1, 204 } } },
	} },
	{ "values-var-default-sdl",
	    "type X { a(x: Int = \"s\", y: ComplexInput = {name: 1, nam"
	    "e: 2}): Int }\n",
	    2, (const struct vexp[]){
		{ "The \"X\" definition is not executable.",
		    1, { { 1, 1 } } },
		{ "There can be only one input field named \"name\".",
		    2, { { 1, 45 }, { 1, 54 } } },
	} },
	{ "vars-defaults-bad",
	    "query Q($a: Int = \"x\", $b: [Int!] = [1, null], $c: Compl"
	    "exInput = {nam: \"x\"}, $d: FindDogInput = {owner: \"x\"}, $"
	    "e: DogCommand = \"SIT\", $f: Int! = null, $g: String = 1.5"
	    ", $h: OneOfInput = {a: 1, b: \"x\"}) { dog { name } }\n",
	    16, (const struct vexp[]){
		{ "Int cannot represent non-integer value: \"x\"",
		    1, { { 1, 19 } } },
		{ "Expected value of type \"Int!\", found null.",
		    1, { { 1, 41 } } },
		{ "Field \"nam\" is not defined by type \"ComplexInput\". Did y"
		    "ou mean \"name\"?",
		    1, { { 1, 68 } } },
		{ "Field \"FindDogInput.name\" of required type \"String!\" was"
		    " not provided.",
		    1, { { 1, 98 } } },
		{ "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\""
		    ". Did you mean the enum value \"SIT\"?",
		    1, { { 1, 129 } } },
		{ "Expected value of type \"Int!\", found null.",
		    1, { { 1, 147 } } },
		{ "String cannot represent a non string value: 1.5",
		    1, { { 1, 166 } } },
		{ "OneOf Input Object \"OneOfInput\" must specify exactly one"
		    " key.",
		    1, { { 1, 188 } } },
		{ "Variable \"$a\" is never used in operation \"Q\".",
		    1, { { 1, 9 } } },
		{ "Variable \"$b\" is never used in operation \"Q\".",
		    1, { { 1, 24 } } },
		{ "Variable \"$c\" is never used in operation \"Q\".",
		    1, { { 1, 48 } } },
		{ "Variable \"$d\" is never used in operation \"Q\".",
		    1, { { 1, 79 } } },
		{ "Variable \"$e\" is never used in operation \"Q\".",
		    1, { { 1, 112 } } },
		{ "Variable \"$f\" is never used in operation \"Q\".",
		    1, { { 1, 136 } } },
		{ "Variable \"$g\" is never used in operation \"Q\".",
		    1, { { 1, 153 } } },
		{ "Variable \"$h\" is never used in operation \"Q\".",
		    1, { { 1, 171 } } },
	} },
	{ "vars-dup",
	    "query Q($a: Int, $b: Int, $a: String, $a: Int, $b: Int) "
	    "{ int(value: $a) string(value: $b) }\n",
	    3, (const struct vexp[]){
		{ "There can be only one variable named \"$a\".",
		    3, { { 1, 10 }, { 1, 28 }, { 1, 40 } } },
		{ "There can be only one variable named \"$b\".",
		    2, { { 1, 19 }, { 1, 49 } } },
		{ "Variable \"$b\" of type \"Int\" used in position expecting t"
		    "ype \"String\".",
		    2, { { 1, 48 }, { 1, 88 } } },
	} },
	{ "vars-in-directives",
	    "query Q($a: Boolean, $b: Boolean!, $n: String, $w: Filte"
	    "rInput) @tag(name: $n) {\n"
	    "  dog @skip(if: $a) @include(if: $b) { name @filter(wher"
	    "e: $w, keys: [$n]) }\n"
	    "  ... @skip(if: $a) { dog { name } }\n"
	    "  ...F @include(if: $a)\n"
	    "}\n"
	    "fragment F on Query @tag(name: $zz) { dog { name } }\n",
	    6, (const struct vexp[]){
		{ "Variable \"$zz\" is not defined by operation \"Q\".",
		    2, { { 6, 32 }, { 1, 1 } } },
		{ "Variable \"$n\" of type \"String\" used in position expectin"
		    "g type \"String!\".",
		    2, { { 1, 36 }, { 1, 76 } } },
		{ "Variable \"$a\" of type \"Boolean\" used in position expecti"
		    "ng type \"Boolean!\".",
		    2, { { 1, 9 }, { 2, 17 } } },
		{ "Variable \"$n\" of type \"String\" used in position expectin"
		    "g type \"String!\".",
		    2, { { 1, 36 }, { 2, 71 } } },
		{ "Variable \"$a\" of type \"Boolean\" used in position expecti"
		    "ng type \"Boolean!\".",
		    2, { { 1, 9 }, { 3, 17 } } },
		{ "Variable \"$a\" of type \"Boolean\" used in position expecti"
		    "ng type \"Boolean!\".",
		    2, { { 1, 9 }, { 4, 21 } } },
	} },
	{ "vars-in-unknown-directive-quirk",
	    "query Q($a: String) { dog { doesKnowCommand(dogCommand: "
	    "SIT) @foo(dogCommand: $a) } }\n",
	    2, (const struct vexp[]){
		{ "Unknown directive \"@foo\".",
		    1, { { 1, 62 } } },
		{ "Variable \"$a\" of type \"String\" used in position expectin"
		    "g type \"DogCommand!\".",
		    2, { { 1, 9 }, { 1, 79 } } },
	} },
	{ "vars-list-of-list",
	    "query Q($a: [[Int]], $b: [Int]) { nested(value: $a) n2: "
	    "nested(value: $b) n3: nested(value: [$b]) n4: nested(val"
	    "ue: [[$b]]) }\n",
	    2, (const struct vexp[]){
		{ "Variable \"$b\" of type \"[Int]\" used in position expecting"
		    " type \"[[Int]]\".",
		    2, { { 1, 22 }, { 1, 71 } } },
		{ "Variable \"$b\" of type \"[Int]\" used in position expecting"
		    " type \"Int\".",
		    2, { { 1, 22 }, { 1, 119 } } },
	} },
	{ "vars-non-input",
	    "query Q($a: Dog, $b: [Pet!], $c: CatOrDog!, $d: [[Human]"
	    "], $e: Nope, $f: DogCommand, $g: FindDogInput) { dog { n"
	    "ame } }\n",
	    12, (const struct vexp[]){
		{ "Variable \"$a\" cannot be non-input type \"Dog\".",
		    1, { { 1, 13 } } },
		{ "Variable \"$b\" cannot be non-input type \"[Pet!]\".",
		    1, { { 1, 22 } } },
		{ "Variable \"$c\" cannot be non-input type \"CatOrDog!\".",
		    1, { { 1, 34 } } },
		{ "Variable \"$d\" cannot be non-input type \"[[Human]]\".",
		    1, { { 1, 49 } } },
		{ "Unknown type \"Nope\". Did you mean \"Node\"?",
		    1, { { 1, 64 } } },
		{ "Variable \"$a\" is never used in operation \"Q\".",
		    1, { { 1, 9 } } },
		{ "Variable \"$b\" is never used in operation \"Q\".",
		    1, { { 1, 18 } } },
		{ "Variable \"$c\" is never used in operation \"Q\".",
		    1, { { 1, 30 } } },
		{ "Variable \"$d\" is never used in operation \"Q\".",
		    1, { { 1, 45 } } },
		{ "Variable \"$e\" is never used in operation \"Q\".",
		    1, { { 1, 60 } } },
		{ "Variable \"$f\" is never used in operation \"Q\".",
		    1, { { 1, 70 } } },
		{ "Variable \"$g\" is never used in operation \"Q\".",
		    1, { { 1, 86 } } },
	} },
	{ "vars-oneof",
	    "query Q($a: Int, $b: Int!, $c: String, $o: OneOfInput, $"
	    "oo: OneOfInput!) {\n"
	    "  x: echoOneOf(input: {a: $a})\n"
	    "  y: echoOneOf(input: {a: $b})\n"
	    "  z: echoInput(oneOf: {b: $c})\n"
	    "  w: echoInput(oneOf: {c: {int: $a}})\n"
	    "  v: echoOneOf(input: $o)\n"
	    "  u: echoInput(oneOf: $oo)\n"
	    "}\n",
	    2, (const struct vexp[]){
		{ "Variable \"$c\" is of type \"String\" but must be non-nullab"
		    "le to be used for OneOf Input Object \"OneOfInput\".",
		    2, { { 1, 28 }, { 4, 27 } } },
		{ "Variable \"$o\" of type \"OneOfInput\" used in position expe"
		    "cting type \"OneOfInput!\".",
		    2, { { 1, 40 }, { 6, 23 } } },
	} },
	{ "vars-positions-defaults",
	    "query Q($i: Int = 1, $j: Int = null, $k: Int) {\n"
	    "  echoRequired(a: $i, b: [$i], c: [$j], d: $k)\n"
	    "  echoInput(required: {a: $j, b: $k, c: [$i]})\n"
	    "  echoDefaults(i: [$k])\n"
	    "  echoInput(input: {withDefault: $k}, required: {a: 1, c"
	    ": [], b: $k})\n"
	    "}\n",
	    6, (const struct vexp[]){
		{ "Fields \"echoInput\" conflict because they have differing "
		    "arguments. Use different aliases on the fields to fetch "
		    "both if this was intentional.",
		    2, { { 3, 3 }, { 5, 3 } } },
		{ "Variable \"$k\" of type \"Int\" used in position expecting t"
		    "ype \"String!\".",
		    2, { { 1, 38 }, { 2, 44 } } },
		{ "Variable \"$j\" of type \"Int\" used in position expecting t"
		    "ype \"Int!\".",
		    2, { { 1, 22 }, { 3, 27 } } },
		{ "Variable \"$k\" of type \"Int\" used in position expecting t"
		    "ype \"String!\".",
		    2, { { 1, 38 }, { 3, 34 } } },
		{ "Variable \"$k\" of type \"Int\" used in position expecting t"
		    "ype \"Color!\".",
		    2, { { 1, 38 }, { 4, 20 } } },
		{ "Variable \"$k\" of type \"Int\" used in position expecting t"
		    "ype \"String!\".",
		    2, { { 1, 38 }, { 5, 66 } } },
	} },
	{ "vars-positions",
	    "query Q($i: Int, $ii: Int!, $li: [Int], $lii: [Int!], $b"
	    ": Boolean, $s: String, $id: ID, $f: Float) {\n"
	    "  echoRequired(a: $i, b: $li, c: $lii)\n"
	    "  a: echoRequired(a: $ii, b: $lii, c: $li)\n"
	    "  booleanList(booleanListArg: $b)\n"
	    "  arguments { nonNullBooleanArgField(nonNullBooleanArg: "
	    "$b) optionalNonNullBooleanArgField(optionalBooleanArg: $"
	    "b) booleanListArgField(booleanListArg: [$b, $b]) nonNull"
	    "BooleanListField(nonNullBooleanListArg: $b) }\n"
	    "  string(value: $id) id(value: $s) float(value: $i) int("
	    "value: $f)\n"
	    "  echoLists(b: [$i, $ii], c: [[$i]], d: [$li, [$ii]], co"
	    "lors: [$s])\n"
	    "}\n",
	    15, (const struct vexp[]){
		{ "Variable \"$i\" of type \"Int\" used in position expecting t"
		    "ype \"Int!\".",
		    2, { { 1, 9 }, { 2, 19 } } },
		{ "Variable \"$li\" of type \"[Int]\" used in position expectin"
		    "g type \"[Int!]!\".",
		    2, { { 1, 29 }, { 2, 26 } } },
		{ "Variable \"$lii\" of type \"[Int!]\" used in position expect"
		    "ing type \"[Int]!\".",
		    2, { { 1, 41 }, { 2, 34 } } },
		{ "Variable \"$lii\" of type \"[Int!]\" used in position expect"
		    "ing type \"[Int!]!\".",
		    2, { { 1, 41 }, { 3, 30 } } },
		{ "Variable \"$li\" of type \"[Int]\" used in position expectin"
		    "g type \"[Int]!\".",
		    2, { { 1, 29 }, { 3, 39 } } },
		{ "Variable \"$b\" of type \"Boolean\" used in position expecti"
		    "ng type \"[Boolean!]\".",
		    2, { { 1, 55 }, { 4, 31 } } },
		{ "Variable \"$b\" of type \"Boolean\" used in position expecti"
		    "ng type \"Boolean!\".",
		    2, { { 1, 55 }, { 5, 57 } } },
		{ "Variable \"$b\" of type \"Boolean\" used in position expecti"
		    "ng type \"[Boolean]!\".",
		    2, { { 1, 55 }, { 5, 209 } } },
		{ "Variable \"$id\" of type \"ID\" used in position expecting t"
		    "ype \"String\".",
		    2, { { 1, 80 }, { 6, 17 } } },
		{ "Variable \"$s\" of type \"String\" used in position expectin"
		    "g type \"ID\".",
		    2, { { 1, 68 }, { 6, 32 } } },
		{ "Variable \"$i\" of type \"Int\" used in position expecting t"
		    "ype \"Float\".",
		    2, { { 1, 9 }, { 6, 49 } } },
		{ "Variable \"$f\" of type \"Float\" used in position expecting"
		    " type \"Int\".",
		    2, { { 1, 89 }, { 6, 64 } } },
		{ "Variable \"$i\" of type \"Int\" used in position expecting t"
		    "ype \"Int!\".",
		    2, { { 1, 9 }, { 7, 17 } } },
		{ "Variable \"$li\" of type \"[Int]\" used in position expectin"
		    "g type \"[Int!]!\".",
		    2, { { 1, 29 }, { 7, 42 } } },
		{ "Variable \"$s\" of type \"String\" used in position expectin"
		    "g type \"Color!\".",
		    2, { { 1, 68 }, { 7, 64 } } },
	} },
	{ "vars-undefined-two-ops",
	    "query A($a: Boolean) { dog { ...F } }\n"
	    "query B { dog { ...F } }\n"
	    "fragment F on Dog { isHouseTrained(atOtherHomes: $a) }\n",
	    1, (const struct vexp[]){
		{ "Variable \"$a\" is not defined by operation \"B\".",
		    2, { { 3, 50 }, { 2, 1 } } },
	} },
	{ "vars-undefined",
	    "query Q { dog { doesKnowCommand(dogCommand: $cmd) isHous"
	    "eTrained(atOtherHomes: $a) } }\n"
	    "query { dog { doesKnowCommand(dogCommand: $cmd) ...F } }"
	    "\n"
	    "fragment F on Dog { isHouseTrained(atOtherHomes: $x) own"
	    "er { pets { ...G } } }\n"
	    "fragment G on Pet { ... on Dog { isHouseTrained(atOtherH"
	    "omes: $x) } }\n",
	    6, (const struct vexp[]){
		{ "Variable \"$cmd\" is not defined by operation \"Q\".",
		    2, { { 1, 45 }, { 1, 1 } } },
		{ "Variable \"$a\" is not defined by operation \"Q\".",
		    2, { { 1, 80 }, { 1, 1 } } },
		{ "This anonymous operation must be the only defined operat"
		    "ion.",
		    1, { { 2, 1 } } },
		{ "Variable \"$cmd\" is not defined.",
		    2, { { 2, 43 }, { 2, 1 } } },
		{ "Variable \"$x\" is not defined.",
		    2, { { 3, 50 }, { 2, 1 } } },
		{ "Variable \"$x\" is not defined.",
		    2, { { 4, 63 }, { 2, 1 } } },
	} },
	{ "vars-unknown-arg-position",
	    "query Q($a: Int) { dog { name(x: $a) nickname @unknown(x"
	    ": $a) } int(value: 1) @skip(if: $a) }\n",
	    3, (const struct vexp[]){
		{ "Unknown argument \"x\" on field \"Dog.name\".",
		    1, { { 1, 31 } } },
		{ "Unknown directive \"@unknown\".",
		    1, { { 1, 47 } } },
		{ "Variable \"$a\" of type \"Int\" used in position expecting t"
		    "ype \"Boolean!\".",
		    2, { { 1, 9 }, { 1, 89 } } },
	} },
	{ "vars-unused",
	    "query Q($a: Int, $b: Int, $c: Int @tag(name: \"x\")) { int"
	    "(value: $b) }\n"
	    "query ($a: Int, $b: Int = 3) { int(value: $a) }\n",
	    4, (const struct vexp[]){
		{ "Variable \"$a\" is never used in operation \"Q\".",
		    1, { { 1, 9 } } },
		{ "Variable \"$c\" is never used in operation \"Q\".",
		    1, { { 1, 27 } } },
		{ "This anonymous operation must be the only defined operat"
		    "ion.",
		    1, { { 2, 1 } } },
		{ "Variable \"$b\" is never used.",
		    1, { { 2, 17 } } },
	} },
};

static const size_t nvcases = sizeof(vcases) / sizeof(vcases[0]);
