/*
 * loader.h - what the files of the library loader share (internal to
 * src/library/): the loading context and the helpers that read YAML nodes with
 * diagnostics.  load.c reads the manifest, frameworks, safeguards and
 * mappings; rules.c reads the intake questionnaire, the rules and the
 * safe-harbor facts.
 */
#ifndef PRUDENT_LOADER_H
#define PRUDENT_LOADER_H

#include <libfyaml.h>

#include "library/lib.h"

struct loader {
	struct arena *a;
	struct lib_report *rep;
	size_t n_problems;
	const char *file; /* the file being read, for diagnostics */
	struct library *lib;
	struct map category_index;
	/* Frameworks and safeguards, in arrays sized for every file of their kind. */
	struct lib_framework *frameworks;
	struct lib_safeguard *safeguards;
	struct lib_service *services; /* sized for every services/ file */
	const char **sg_service_ids;  /* per safeguard: its `service`, resolved at the end */
	/* Mappings and crosswalk links as they are read, from any file. */
	struct lib_mapping *maps;
	size_t n_maps, cap_maps;
	struct map mapping_seen; /* "safeguard\x1fframework\x1fcontrol" -> mapping */
	struct lib_link *links;
	size_t n_links, cap_links;
	/* Questions, rules, warnings and safe-harbor entries as they are read. */
	struct lib_question *questions;
	size_t n_questions, cap_questions;
	bool in_intake; /* conditions may only name earlier questions */
	struct lib_rule *rules;
	size_t n_rules, cap_rules;
	struct lib_warning *warnings;
	size_t n_warnings, cap_warnings;
	struct lib_safe_harbor *harbors;
	size_t n_harbors, cap_harbors;
	struct lib_clause *clauses; /* sized for every clauses/ file */
};

/* The keys a mapping may have, for ld_fields. */
struct ld_field {
	const char *name;
	bool required;
};

/* Report a problem at a line of the current file. */
void ld_diag(struct loader *L, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* The 1-based line where a node starts, or fallback. */
int ld_line(struct fy_node *n, int fallback);
/* "a single value", "a list", ... for messages. */
const char *ld_kind(struct fy_node *n);
/* Typed reads: each reports a problem (and returns NULL or -1) when the node
 * does not fit. */
const char *ld_text(struct loader *L, struct fy_node *n, const char *key, size_t max_len);
int ld_bool(struct loader *L, struct fy_node *n, const char *key, bool *out);
int ld_int(struct loader *L, struct fy_node *n, const char *key, int64_t *out);
long ld_list_len(struct loader *L, struct fy_node *n, const char *key);
const char **ld_text_list(struct loader *L, struct fy_node *n, const char *key, size_t max_len,
			  size_t *n_out);
int ld_enum(struct loader *L, struct fy_node *n, const char *key, const char *const *names,
	    size_t n_names);
/* Match the keys of mapping n against fields (values[i] gets fields[i]'s value
 * or NULL); unknown and missing required keys are reported.  False when n is
 * not a mapping. */
bool ld_fields(struct loader *L, struct fy_node *n, const char *what,
	       const struct ld_field *fields, size_t n_fields, struct fy_node **values,
	       int fallback_line);
bool ld_valid_slug(const char *s, bool allow_dot);
/* The `id` of a one-per-file item (service, clause): a slug equal to the file's
 * name without its extension; NULL, reported, otherwise.  what: "service". */
const char *ld_file_id(struct loader *L, struct fy_node *n, const char *what);
int ld_name_index(const char *name, const char *const *names, size_t n);

/* services.c: services/ID.yaml, safeguards' tailoring, frameworks' scoping. */
void ld_service(struct loader *L, struct fy_node *root);
void ld_services_finish(struct loader *L);
void ld_tailoring(struct loader *L, struct lib_safeguard *sg, struct fy_node *list);
void ld_scoping(struct loader *L, struct lib_framework *fw, struct fy_node *list);

/* clauses.c: clauses/ID.yaml, and their order once all are read. */
void ld_clause(struct loader *L, struct fy_node *root);
void ld_clauses_finish(struct loader *L);

/* rules.c: readers for intake/questions.yaml and the rules files, and the final
 * step that moves what they gathered into the library. */
void ld_intake(struct loader *L, struct fy_node *root);
void ld_rules(struct loader *L, struct fy_node *root);
void ld_rules_finish(struct loader *L);
void ld_rules_free(struct loader *L);

#endif
