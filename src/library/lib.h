/*
 * lib.h - the content library: frameworks, their controls, Prudent's own
 * safeguards, and the mappings between them.
 *
 * The library is YAML (docs/library-format.md).  The copy in library/ is
 * compiled into the binary; a directory given with --library or
 * PRUDENT_LIBRARY replaces it.  Loading validates everything and reports every
 * problem with its file and line, so an author sees all mistakes at once.
 *
 * A loaded library is immutable and lives in one arena: every pointer below is
 * borrowed from it and valid until lib_free.
 */
#ifndef PRUDENT_LIB_H
#define PRUDENT_LIB_H

#include "core/core.h"

enum lib_kind {
	LIB_KIND_FRAMEWORK,
	LIB_KIND_REGULATION,
	LIB_KIND_CONTRACT,
	LIB_KIND_INSURANCE,
	LIB_KIND_PRACTICE,
	LIB_KIND__MAX
};

/* How a safeguard relates to a control, as sets (NIST IR 8477): subset means
 * the safeguard covers part of what the control asks. */
enum lib_rel {
	LIB_REL_EQUAL,
	LIB_REL_SUBSET,
	LIB_REL_SUPERSET,
	LIB_REL_INTERSECTS,
	LIB_REL__MAX
};

enum lib_owner { LIB_OWNER_MSP, LIB_OWNER_CUSTOMER, LIB_OWNER_SHARED, LIB_OWNER__MAX };

/* How much effort and money a safeguard takes a small business. */
enum lib_burden { LIB_BURDEN_LOW, LIB_BURDEN_MEDIUM, LIB_BURDEN_HIGH, LIB_BURDEN__MAX };

enum lib_attr_type {
	LIB_ATTR_BOOLEAN,
	LIB_ATTR_INTEGER,
	LIB_ATTR_STRING,
	LIB_ATTR_ENUM, /* one of values */
	LIB_ATTR_LIST, /* several strings, each one of values when values are given */
	LIB_ATTR__MAX
};

const char *lib_kind_name(enum lib_kind kind);
const char *lib_rel_name(enum lib_rel rel);
const char *lib_owner_name(enum lib_owner owner);
const char *lib_burden_name(enum lib_burden burden);
const char *lib_attr_type_name(enum lib_attr_type type);

/* An attribute a framework declares for its controls (implementation group,
 * required/addressable, point value, ...). */
struct lib_attr_def {
	const char *name;
	enum lib_attr_type type;
	const char *description;
	const char **values; /* ENUM and LIST: the allowed values (LIST: may be none) */
	size_t n_values;
	bool has_min, has_max; /* INTEGER bounds */
	int64_t min, max;
};

struct lib_attr {
	const struct lib_attr_def *def;
	bool boolean;
	int64_t integer;
	const char *string; /* STRING and ENUM */
	const char **items; /* LIST */
	size_t n_items;
};

struct lib_control {
	const struct lib_framework *framework;
	const char *id;          /* the official ID, e.g. "PR.AA-03" */
	const char *title;       /* may be NULL */
	const char *text;        /* the official text, only where the license allows; may be NULL */
	const char *description; /* Prudent's own wording; may be NULL */
	const char *licensed_text; /* official text a user imported under licence; may be NULL */
	size_t level;            /* index into framework->levels */
	bool assessable;         /* scored by an assessment */
	const struct lib_control *parent;
	const struct lib_control **children;
	size_t n_children;
	const struct lib_attr *attrs;
	size_t n_attrs;
	const struct lib_mapping **mapped_by; /* safeguards mapped to this control */
	size_t n_mapped_by;
	const char *file;
	int line;
};

struct lib_framework {
	const char *id, *name, *version, *published, *publisher, *source;
	enum lib_kind kind;
	bool ships_text;           /* whether official text may be shipped */
	const char *license_terms; /* the terms, in a sentence or two */
	const char **levels;       /* level names, outermost first */
	size_t n_levels;
	const struct lib_attr_def *attr_defs;
	size_t n_attr_defs;
	const struct lib_control *controls; /* all controls, in document order */
	size_t n_controls;
	const size_t *level_counts; /* controls per level */
	size_t n_assessable;
	const struct lib_scoping *scoping; /* how variants narrow the controls in scope */
	size_t n_scoping;
	const char *file;
	const char *licensed_to; /* who holds the licence for imported text, or NULL */
	struct map control_index; /* id -> struct lib_control */
};

struct lib_category {
	const char *id;
	const char *name;
};

/* A safeguard an MSP service delivers: all of it, or shared with the customer
 * (then the split is written out). */
struct lib_service_cover {
	const struct lib_safeguard *safeguard;
	bool shared;
	const char *msp_part;      /* shared only */
	const char *customer_part; /* shared only */
};

/* Something an MSP sells (services/ID.yaml), and the safeguards it delivers. */
struct lib_service {
	const char *id;
	const char *name;
	const char *description;
	const struct lib_service_cover *covers;
	size_t n_covers;
	const char *file;
	int line;
};

/* A condition under which a safeguard may be marked not applicable, even
 * where a law requires it ("The business has no wireless network"). */
struct lib_tailoring {
	const char *id;
	const char *text;
};

/* How an obligation's variant narrows a framework to the controls in scope. */
enum lib_scope_rule {
	LIB_SCOPE_AT_MOST, /* integer attribute <= the variant's number (CIS ig, CMMC level) */
	LIB_SCOPE_EXEMPT,  /* variant "true": controls whose boolean attribute is true are out */
	LIB_SCOPE_LISTED,  /* list attribute contains the variant's value; no attribute: in */
	LIB_SCOPE__MAX
};

struct lib_scoping {
	const char *variant;             /* the variant key, such as "ig" */
	const struct lib_attr_def *attr; /* the control attribute it reads */
	enum lib_scope_rule rule;
};

/* A control-to-control link between two frameworks, from a crosswalk file
 * (CMMC Level 2 requirement = NIST SP 800-171 requirement). */
struct lib_link {
	const struct lib_control *from, *to;
	enum lib_rel relationship; /* from the side of `from` */
	const char *note;          /* may be NULL */
	const char *source;        /* where the relation is published */
	const char *file;
	int line;
};

/* Safeguard -> control.  A direct mapping is written in a safeguard or mapping
 * file; a derived one follows from a direct mapping and an `equal` link, and
 * names that link in `via`. */
struct lib_mapping {
	const struct lib_safeguard *safeguard;
	const struct lib_control *control;
	enum lib_rel relationship;
	const char *note; /* may be NULL */
	const struct lib_link *via; /* NULL for a direct mapping */
	const char *file;
	int line;
};

struct lib_safeguard {
	const char *id, *name, *plain, *technical;
	const char *risk; /* what may happen without it, for the assumption of risk */
	const struct lib_category *category;
	enum lib_owner default_owner;
	enum lib_burden burden;
	const struct lib_service *service; /* NULL: no MSP service, the customer's duty */
	const struct lib_tailoring *tailoring; /* when it may be not applicable */
	size_t n_tailoring;
	const char **evidence;
	size_t n_evidence;
	const struct lib_mapping *mappings; /* direct ones, by framework and control */
	size_t n_mappings;
	const char *file;
	int line;
};

/* ------------------------------------------------ intake and rules */

enum lib_qtype {
	LIB_Q_YESNO,
	LIB_Q_CHOICE,
	LIB_Q_MULTI,
	LIB_Q_NUMBER,
	LIB_Q_TEXT,
	LIB_Q_TEXT_LIST,
	LIB_Q_US_STATES,
	LIB_Q_COUNTRIES,
	LIB_Q__MAX
};

const char *lib_qtype_name(enum lib_qtype t);
/* True for the types whose answer is a JSON list. */
bool lib_qtype_is_list(enum lib_qtype t);

struct lib_option {
	const char *value;
	const char *label;
};

/* One question of the intake questionnaire; answers fill profile key `key`. */
struct lib_question {
	const char *id;
	const char *key;    /* a profile key path: "industry", "card_payments.channels" */
	const char *prompt; /* for the client's office manager */
	const char *why;    /* why we ask, in a line */
	enum lib_qtype type;
	bool required;
	const struct lib_option *options; /* choice and multi */
	size_t n_options;
	bool has_min, has_max; /* number */
	int64_t min, max;
	const struct lib_cond *when; /* NULL: always asked */
	const char *file;
	int line;
};

enum lib_cond_op {
	LIB_COND_EQUALS,
	LIB_COND_CONTAINS,
	LIB_COND_IN,
	LIB_COND_AT_LEAST,
	LIB_COND_ANY_OF,
	LIB_COND_ANSWERED,
	LIB_COND_ALL,
	LIB_COND_ANY,
	LIB_COND_NOT,
	LIB_COND__MAX
};

/* A value in a condition, typed by the question it is compared with. */
struct lib_value {
	enum { LIB_VALUE_BOOL, LIB_VALUE_INT, LIB_VALUE_STRING } type;
	bool boolean;
	int64_t integer;
	const char *string;
};

/* A condition over a profile (docs/intake-and-rules.md). */
struct lib_cond {
	enum lib_cond_op op;
	const struct lib_question *question; /* the key compared (not for all/any/not) */
	struct lib_value value;              /* equals, contains, at_least */
	const struct lib_value *values;      /* in, any_of */
	size_t n_values;
	const struct lib_cond *const *children; /* all, any, not (one) */
	size_t n_children;
};

struct lib_variant {
	const char *key;
	const char *value;
};

/* What a rule yields when its condition holds. */
struct lib_rule_obligation {
	const struct lib_framework *framework;
	bool must; /* law or contract; otherwise the MSP's standard of care */
	const struct lib_variant *variant;
	size_t n_variant;
	int64_t precedence;
	const char *reason;
	const char **citations;
	size_t n_citations;
};

struct lib_rule {
	const char *id;
	bool floor; /* the MSP's standard of care; replaced by a tenant's policy */
	const struct lib_cond *when;
	const struct lib_rule_obligation *obligations;
	size_t n_obligations;
	const char *file;
	int line;
};

struct lib_warning {
	const char *id;
	const struct lib_cond *when;
	const char *message;
};

/* A state statute that names frameworks (an affirmative defence after a
 * breach for a business that follows one): information, never a promise. */
struct lib_safe_harbor {
	const char *state, *statute, *citation, *note;
	const struct lib_framework **frameworks; /* named by the statute and shipped */
	size_t n_frameworks;
	const char **also_named; /* named by the statute, not shipped by Prudent */
	size_t n_also_named;
};

/* ------------------------------------------------ clauses */

/* The parts of the Standard of Care Agreement, in the order it prints them. */
enum lib_part {
	LIB_PART_CUSTOMER,   /* customer obligations */
	LIB_PART_MSP,        /* MSP obligations */
	LIB_PART_WARRANTY,   /* disclaimer of warranties */
	LIB_PART_LIABILITY,  /* limitation of liability */
	LIB_PART_RISK,       /* assumption of risk */
	LIB_PART_GENERAL,    /* term, review, incorporation by reference */
	LIB_PART_NONE,       /* a clause of another document, which has no parts */
	LIB_PART__MAX
};

const char *lib_part_name(enum lib_part p);

/* The documents clauses belong to: the agreement, the addenda the client's
 * obligations call for, the risk-acceptance letter and the summary. */
enum lib_doc {
	LIB_DOC_AGREEMENT,
	LIB_DOC_HIPAA_BAA,  /* HIPAA business associate addendum */
	LIB_DOC_PCI,        /* PCI DSS service-provider acknowledgement (12.8.2, 12.8.5) */
	LIB_DOC_CMMC,       /* CMMC external service provider responsibility matrix */
	LIB_DOC_GLBA,       /* GLBA service-provider terms (16 CFR 314.4(f)) */
	LIB_DOC_GDPR,       /* GDPR Article 28(3) processor terms */
	LIB_DOC_INSURANCE,  /* cyber-insurance control attestation */
	LIB_DOC_RISK,       /* risk-acceptance letter for declined safeguards */
	LIB_DOC_SUMMARY,    /* "Your security at a glance" */
	LIB_DOC__MAX
};

/* "agreement", "hipaa-baa", ...; lib_doc_parse gives -1 for an unknown name. */
const char *lib_doc_name(enum lib_doc d);
int lib_doc_parse(const char *name);

enum lib_clause_op {
	LIB_CLAUSE_ALWAYS,
	LIB_CLAUSE_FRAMEWORK, /* an obligation binds the client to the framework */
	LIB_CLAUSE_SERVICE,   /* a service with this id carries some of the client's safeguards */
	LIB_CLAUSE_DECLINED,  /* the client declined at least one safeguard */
	LIB_CLAUSE_ALL,
	LIB_CLAUSE_ANY,
	LIB_CLAUSE_NOT,
	LIB_CLAUSE__MAX
};

/* When a clause is included (docs/library-format.md, "Clauses"). */
struct lib_clause_cond {
	enum lib_clause_op op;
	const struct lib_framework *framework;
	const struct lib_service *service;
	const struct lib_clause_cond *const *children; /* all, any, not (one) */
	size_t n_children;
};

/* What a clause condition is tested against: one client's agreement. */
struct lib_clause_facts {
	const struct lib_framework *const *frameworks; /* bound by an obligation */
	size_t n_frameworks;
	const struct lib_service *const *services; /* carrying some of its safeguards */
	size_t n_services;
	bool declined; /* at least one safeguard declined */
};

bool lib_clause_cond_holds(const struct lib_clause_cond *c, const struct lib_clause_facts *f);

/* One wording of a clause.  Both texts are Markdown with Mustache tags, checked
 * to parse when the library loads. */
struct lib_clause_version {
	int64_t version; /* 1, 2, ...: a change of text is a new version */
	const char *legal;
	const char *plain; /* the same terms in words a business owner reads; NULL
			    * only in the summary, which is plain words throughout */
	int line;
};

struct lib_clause {
	const char *id, *title;
	enum lib_doc document;
	enum lib_part part;     /* LIB_PART_NONE outside the agreement */
	int64_t order;  /* place within its part, lowest first */
	bool initials;  /* the customer initials it */
	const struct lib_clause_cond *when;
	const struct lib_clause_version *versions; /* oldest first; the last is current */
	size_t n_versions;
	const char *file;
	int line;
};

/* Version v of a clause, or NULL; v == 0 gives the current version. */
const struct lib_clause_version *lib_clause_version(const struct lib_clause *c, int64_t v);

struct library {
	struct arena *arena;
	const char *version; /* the manifest's version */
	char hash[HASH_BLAKE2B_HEX_LEN]; /* BLAKE2b over every file, names included */
	const char *origin;  /* "built-in" or the directory it came from */
	const struct lib_framework *frameworks; /* sorted by id */
	size_t n_frameworks;
	const struct lib_category *categories;
	size_t n_categories;
	const struct lib_service *services;
	size_t n_services;
	const struct lib_safeguard *safeguards; /* sorted by id */
	size_t n_safeguards;
	size_t n_mappings;         /* direct safeguard -> control mappings */
	size_t n_derived_mappings; /* added through equal links */
	const struct lib_link *links;
	size_t n_links;
	const struct lib_question *questions; /* in asking order */
	size_t n_questions;
	const struct lib_rule *rules; /* in file order, files by name */
	size_t n_rules;
	const struct lib_warning *warnings;
	size_t n_warnings;
	const struct lib_safe_harbor *safe_harbors;
	size_t n_safe_harbors;
	const struct lib_clause *clauses; /* by part, order, id */
	size_t n_clauses;
	struct map framework_index; /* id -> struct lib_framework */
	struct map safeguard_index; /* id -> struct lib_safeguard */
	struct map question_index;  /* key -> struct lib_question */
	struct map service_index;   /* id -> struct lib_service */
	struct map clause_index;    /* id -> struct lib_clause */
};

/* A problem found while loading, at a file and line (0 when unknown). */
struct lib_diag {
	const char *file;
	int line;
	const char *msg;
};

/* The problems of one load; the caller frees it with lib_report_free. */
struct lib_report {
	struct arena *arena;
	struct lib_diag *diags;
	size_t n_diags, cap;
	size_t n_dropped; /* problems beyond LIB_MAX_DIAGS, counted but not kept */
};

enum {
	LIB_MAX_DIAGS = 1000,
	LIB_MAX_FILE_SIZE = 16 * 1024 * 1024,
	LIB_MAX_FILES = 10000,
	LIB_MAX_DEPTH = 8,
};

void lib_report_free(struct lib_report *r);

/*
 * Load and validate a library from files in memory (names relative to the
 * library root: "library.yaml", "frameworks/x.yaml", "safeguards/y.yaml",
 * "mappings/z.yaml", "texts/w.yaml", "clauses/c.yaml", ...; other names are
 * ignored).  On success *out is a library the caller frees
 * with lib_free.  When the files have problems, returns ERR_INPUT, sets *out to
 * NULL, and lists every problem in report (which may be NULL when the caller
 * does not care); e gets a one-line summary.
 */
int lib_load_files(const struct named_file *files, size_t n_files, const char *origin,
		   struct library **out, struct lib_report *report, struct err *e);
/* Load from a directory on disk (same layout, .yaml or .yml files). */
int lib_load_dir(const char *dir, struct library **out, struct lib_report *report,
		 struct err *e);
/* Load the library compiled into the binary. */
int lib_load_builtin(struct library **out, struct lib_report *report, struct err *e);
/* The files of the built-in library, ending with a NULL name. */
const struct named_file *lib_builtin_files(void);
void lib_free(struct library *lib);

const struct lib_framework *lib_framework_get(const struct library *lib, const char *id);
const struct lib_control *lib_control_get(const struct lib_framework *fw, const char *id);
const struct lib_safeguard *lib_safeguard_get(const struct library *lib, const char *id);
/* The attribute named name of a control, or NULL when the control lacks it. */
const struct lib_attr *lib_control_attr(const struct lib_control *c, const char *name);
/* True for an id of the library's kind: lower-case letters, digits and
 * single hyphens, at most 64 characters (safeguards, services, categories). */
bool lib_valid_id(const char *s);

/* True for a USPS code of a state, DC or a territory ("OH", "DC", "PR"). */
bool lib_us_state_valid(const char *code);
/* True for an ISO 3166-1 alpha-2 country code ("US", "DE"). */
bool lib_country_valid(const char *code);

/* Is control c in scope for an obligation with this variant?  Assessable
 * controls only; the framework's scoping rules decide. */
bool lib_control_in_scope(const struct lib_control *c, const struct lib_variant *variant,
			  size_t n_variant);
const struct lib_service *lib_service_get(const struct library *lib, const char *id);
/* The clause with this id, or NULL. */
const struct lib_clause *lib_clause_get(const struct library *lib, const char *id);

/* The question that fills profile key `key`, or NULL. */
const struct lib_question *lib_question_get(const struct library *lib, const char *key);

/* ------------------------------------------------ coverage and crosswalk */

/* How many assessable controls of a framework some safeguard reaches. */
struct lib_coverage {
	size_t assessable;
	size_t mapped;
	const struct lib_control **unmapped; /* in document order */
	size_t n_unmapped;
};

/* Coverage of fw; unmapped is allocated in arena. */
void lib_coverage(const struct lib_framework *fw, struct arena *arena, struct lib_coverage *out);

/*
 * One pair of a crosswalk: control `from` relates to control `to` as
 * `relationship` (from the side of `from`), because safeguards map to both
 * (`via`, sorted by id) or because a crosswalk file links them (`link`).
 */
struct lib_pair {
	const struct lib_control *from, *to;
	enum lib_rel relationship;
	const struct lib_safeguard **via;
	size_t n_via;
	const struct lib_link *link; /* NULL when only safeguards relate them */
};

/* The composition of two relationships, as NIST IR 8477 composes them:
 * equal with X is X; subset with subset is subset; superset with superset is
 * superset; anything through intersects, or subset mixed with superset, is
 * intersects. */
enum lib_rel lib_rel_compose(enum lib_rel a, enum lib_rel b);
/* The relationship seen from the other side (subset <-> superset). */
enum lib_rel lib_rel_inverse(enum lib_rel r);

/*
 * The control-to-control relation between two frameworks implied by shared
 * safeguards: for a safeguard S mapped to A (S r1 A) and to B (S r2 B), A
 * relates to B as inverse(r1) composed with r2.  Where several safeguards
 * relate one pair: equal if any path is equal, else the relation all paths
 * agree on, else intersects.  Pairs from crosswalk files are included.
 * Pairs are in document order of `from`, then of `to`, allocated in arena.
 */
size_t lib_crosswalk(const struct library *lib, const struct lib_framework *from,
		     const struct lib_framework *to, struct arena *arena,
		     const struct lib_pair **out);

#endif /* PRUDENT_LIB_H */
