/*
 * forms.c - the pages that change a client: the intake questionnaire as a
 * form, and recording who carries a safeguard, a decision or a tailoring.
 *
 * The intake form shows the questions that apply to the answers so far; when
 * an answer makes more questions apply, the form comes back with them before
 * anything is saved.  Answers are checked by the same code as the CLI's, and
 * every problem is shown beside the form.
 */
#include "web/web_impl.h"

/* Whether the form showed question key (its _asked marker came back). */
static bool
asked(struct web_request *req, const char *key)
{
	for (size_t i = 0; i < req->form.n; i++)
		if (strcmp(req->form.v[i].name, "_asked") == 0 && strcmp(req->form.v[i].value, key) == 0)
			return true;
	return false;
}

/* Every value posted under name, joined with commas (checkboxes). */
static const char *
joined(struct web_request *req, const char *name)
{
	struct str s = STR_INIT;
	const char *out;

	for (size_t i = 0; i < req->form.n; i++) {
		if (strcmp(req->form.v[i].name, name) != 0 || !req->form.v[i].value[0])
			continue;
		if (s.len)
			str_putc(&s, ',');
		str_puts(&s, req->form.v[i].value);
	}
	out = arena_strdup(req->arena, str_cstr(&s));
	str_free(&s);
	return out;
}

static bool
has_value(json_t *v, const char *value)
{
	size_t i;
	json_t *x;

	if (json_is_string(v))
		return strcmp(json_string_value(v), value) == 0;
	json_array_foreach(v, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), value) == 0)
			return true;
	return false;
}

/* A list answer as it is typed: "OH, PA". */
static void
list_text(struct web_response *res, json_t *v)
{
	size_t i;
	json_t *x;

	json_array_foreach(v, i, x) {
		if (i)
			str_puts(&res->body, ", ");
		web_html(res, json_string_value(x));
	}
}

static void
question(struct web_response *res, const struct lib_question *q, size_t n, json_t *value,
	 const char *problem)
{
	/* Marks the question as shown: an unticked radio group sends nothing. */
	str_appendf(&res->body, "<fieldset id=\"q%zu\">\n<input type=\"hidden\" name=\"_asked\" "
		    "value=\"%s\">\n<legend>", n, q->key);
	web_html(res, q->prompt);
	str_puts(&res->body, q->required ? "" : " <span class=\"muted\">(optional)</span>");
	str_puts(&res->body, "</legend>\n<p class=\"muted\">Why we ask: ");
	web_html(res, q->why);
	str_puts(&res->body, "</p>\n");
	if (problem) {
		str_puts(&res->body, "<p class=\"error\" role=\"alert\">");
		web_html(res, problem);
		str_puts(&res->body, "</p>\n");
	}
	switch (q->type) {
	case LIB_Q_YESNO:
		str_appendf(&res->body, "<label><input type=\"radio\" name=\"%s\" value=\"yes\"%s> Yes"
			    "</label>\n<label><input type=\"radio\" name=\"%s\" value=\"no\"%s> No"
			    "</label>\n", q->key, json_is_true(value) ? " checked" : "", q->key,
			    json_is_false(value) ? " checked" : "");
		break;
	case LIB_Q_CHOICE:
	case LIB_Q_MULTI:
		for (size_t k = 0; k < q->n_options; k++) {
			str_appendf(&res->body, "<label><input type=\"%s\" name=\"%s\" value=\"%s\"%s> ",
				    q->type == LIB_Q_CHOICE ? "radio" : "checkbox", q->key,
				    q->options[k].value,
				    has_value(value, q->options[k].value) ? " checked" : "");
			web_html(res, q->options[k].label);
			str_puts(&res->body, "</label>\n");
		}
		break;
	case LIB_Q_NUMBER:
		str_appendf(&res->body, "<label>Number <input type=\"number\" name=\"%s\"", q->key);
		if (q->has_min)
			str_appendf(&res->body, " min=\"%lld\"", (long long)q->min);
		if (q->has_max)
			str_appendf(&res->body, " max=\"%lld\"", (long long)q->max);
		if (json_is_integer(value))
			str_appendf(&res->body, " value=\"%lld\"", (long long)json_integer_value(value));
		str_puts(&res->body, "></label>\n");
		break;
	default:
		str_appendf(&res->body, "<label>%s <input name=\"%s\" value=\"",
			    q->type == LIB_Q_US_STATES ? "State codes, such as OH, PA"
			    : q->type == LIB_Q_COUNTRIES ? "Country codes, such as US, DE"
			    : q->type == LIB_Q_TEXT_LIST ? "Items separated by commas" : "Answer",
			    q->key);
		if (json_is_array(value))
			list_text(res, value);
		else if (json_is_string(value))
			web_html(res, json_string_value(value));
		str_puts(&res->body, "\"></label>\n");
		break;
	}
	str_puts(&res->body, "</fieldset>\n");
}

/* The form with the questions that apply to answers; problems by index. */
static void
intake_form(struct web_request *req, struct web_response *res, const struct store_client *c,
	    json_t *answers, const char *const *problems, const char *message)
{
	const struct library *lib = req->cfg->lib;

	web_page_start(req, res, "Intake");
	str_puts(&res->body, "<h1>Intake: ");
	web_html(res, c->name);
	str_puts(&res->body, "</h1>\n<p>Only the questions that apply are shown; an answer can "
		 "make more apply.</p>\n");
	if (message) {
		str_puts(&res->body, "<p class=\"error\" role=\"alert\">");
		web_html(res, message);
		str_puts(&res->body, "</p>\n");
	}
	str_appendf(&res->body, "<form method=\"post\" action=\"/clients/%s/intake\" "
		    "class=\"intake\">\n", c->slug);
	web_csrf_field(req, res);
	for (size_t i = 0; i < lib->n_questions; i++) {
		const struct lib_question *q = &lib->questions[i];

		if (q->when && !eng_cond_holds(q->when, answers))
			continue;
		question(res, q, i, eng_answer(answers, q->key), problems ? problems[i] : NULL);
	}
	str_puts(&res->body, "<button type=\"submit\">Save the answers</button>\n</form>\n");
	web_page_end(req, res);
}

/* The client and its current answers (NULL when it has none). */
static int
load(struct web_request *req, struct web_response *res, struct store_client *c, json_t **answers)
{
	struct store_profile p = {0};
	struct err e = {0};
	int rc = web_route_client(req, res, c);

	*answers = NULL;
	if (rc != 0)
		return rc;
	if ((rc = store_profile_current(req->db, c, &p, &e)) == 0)
		rc = eng_answers_parse(p.answers, strlen(p.answers), answers, &e);
	store_profile_clear(&p);
	return rc == ERR_NOTFOUND ? 0 : rc;
}

int
web_intake_page(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	json_t *answers;
	int rc = load(req, res, &c, &answers);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	if (!answers) {
		answers = json_object();
		eng_answer_set(answers, "name", json_string(c.name));
	}
	intake_form(req, res, &c, answers, NULL, NULL);
	json_decref(answers);
	return 0;
}

int
web_intake(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;
	const char **problems = arena_array(req->arena, lib->n_questions + 1, sizeof(*problems));
	struct eng_problems found = {0};
	struct store_client c;
	json_t *old, *answers;
	struct str why = STR_INIT;
	struct err e = {0};
	size_t n_problems = 0;
	bool more = false;
	int rc = load(req, res, &c, &old), version;

	if (rc != 0)
		return rc < 0 ? rc : 0;
	answers = old ? json_deep_copy(old) : json_object();
	/* In order: a question's condition sees the answers before it. */
	for (size_t i = 0; i < lib->n_questions; i++) {
		const struct lib_question *q = &lib->questions[i];
		const char *text = joined(req, q->key);
		json_t *value;

		if (q->when && !eng_cond_holds(q->when, answers)) {
			eng_answer_set(answers, q->key, NULL);
			continue;
		}
		if (!asked(req, q->key)) {
			more = true; /* it applies now, and the form did not show it */
			continue;
		}
		if (!*text && q->type != LIB_Q_MULTI) {
			eng_answer_set(answers, q->key, NULL);
			if (q->required)
				problems[i] = "This question needs an answer.", n_problems++;
			continue;
		}
		str_clear(&why);
		if (!(value = app_intake_value(q, *text ? text : "none", &why))) {
			problems[i] = arena_printf(req->arena, "Sorry: %s.", str_cstr(&why));
			n_problems++;
			continue;
		}
		eng_answer_set(answers, q->key, value);
	}
	str_free(&why);
	if (n_problems || more) {
		res->status = n_problems ? 400 : 200;
		intake_form(req, res, &c, answers, problems, n_problems
			    ? "Some answers need another look; nothing was saved yet."
			    : "Your answers make more questions apply; please answer them too.");
	} else if ((rc = app_intake_save(req->db, lib, &c, old, answers, req->account.email,
					 req->arena, &found, &version, &e)) == ERR_INPUT) {
		res->status = 400;
		intake_form(req, res, &c, answers, NULL, found.n_lines ? found.lines[0] : e.msg);
		rc = 0;
	} else if (rc == 0) {
		web_redirect(res, arena_printf(req->arena, "/clients/%s", c.slug));
	}
	json_decref(old);
	json_decref(answers);
	return rc;
}

/* ------------------------------------------------ the matrix */

void
web_matrix_form(struct web_request *req, struct web_response *res,
		const struct app_client_view *v)
{
	str_appendf(&res->body, "<h2>Change the matrix</h2>\n<form method=\"post\" "
		    "action=\"/clients/%s/matrix\" class=\"narrow\">\n", v->client.slug);
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"safeguard\">Safeguard</label>\n<select id=\"safeguard\" "
		 "name=\"safeguard\">\n");
	for (size_t i = 0; i < v->matrix.n_rows; i++) {
		str_appendf(&res->body, "<option value=\"%s\">", v->matrix.rows[i].safeguard->id);
		web_html(res, v->matrix.rows[i].safeguard->name);
		str_puts(&res->body, "</option>\n");
	}
	str_puts(&res->body, "</select>\n<label for=\"action\">What to record</label>\n"
		 "<select id=\"action\" name=\"action\">\n"
		 "<option value=\"msp\">The MSP carries it</option>\n"
		 "<option value=\"customer\">The customer carries it</option>\n"
		 "<option value=\"shared\">Shared (write out both parts)</option>\n"
		 "<option value=\"third-party\">A third party carries it</option>\n"
		 "<option value=\"decline\">The customer declines it</option>\n"
		 "<option value=\"accept\">The customer accepts it</option>\n"
		 "<option value=\"defer\">The customer defers it</option>\n"
		 "<option value=\"not-applicable\">Not applicable</option>\n</select>\n"
		 "<label for=\"party\">Third party</label><input id=\"party\" name=\"party\">\n"
		 "<label for=\"msp_part\">The MSP's part (shared)</label>"
		 "<input id=\"msp_part\" name=\"msp_part\">\n"
		 "<label for=\"customer_part\">The customer's part (shared)</label>"
		 "<input id=\"customer_part\" name=\"customer_part\">\n"
		 "<label for=\"decided_by\">Decided by (name, title)</label>"
		 "<input id=\"decided_by\" name=\"decided_by\" placeholder=\"Dr. Ana Lee, Owner\">\n"
		 "<label for=\"reason\">Reason</label><input id=\"reason\" name=\"reason\">\n"
		 "<label for=\"impact\">Impact if it happens (a decision: the MSP's assessment)</label>"
		 "<select id=\"impact\" name=\"impact\"><option value=\"\">Choose 1-5</option>"
		 "<option value=\"1\">1 minimal</option><option value=\"2\">2 minor</option>"
		 "<option value=\"3\">3 moderate</option><option value=\"4\">4 major</option>"
		 "<option value=\"5\">5 severe</option></select>\n"
		 "<label for=\"likelihood\">Likelihood (a decision)</label>"
		 "<select id=\"likelihood\" name=\"likelihood\"><option value=\"\">Choose 1-5"
		 "</option><option value=\"1\">1 rare</option><option value=\"2\">2 unlikely</option>"
		 "<option value=\"3\">3 possible</option><option value=\"4\">4 likely</option>"
		 "<option value=\"5\">5 almost certain</option></select>\n"
		 "<label for=\"insurance\">Effect on the cyber insurance (a decision, if any)</label>"
		 "<input id=\"insurance\" name=\"insurance\">\n"
		 "<label for=\"until\">Offer again by (a decision; default 12 months, a deferral 90 "
		 "days at most)</label><input id=\"until\" name=\"until\" type=\"date\">\n"
		 "<label for=\"condition\">Condition (not applicable, when required)</label>"
		 "<input id=\"condition\" name=\"condition\">\n"
		 "<button type=\"submit\">Record it</button>\n</form>\n");
}

/* A 1-5 rating from a form, 0 when absent or not a digit 1-5. */
static int
score(const char *s)
{
	return s && s[0] >= '1' && s[0] <= '5' && !s[1] ? s[0] - '0' : 0;
}

int
web_matrix_change(struct web_request *req, struct web_response *res)
{
	const char *action = http_field_get(&req->form, "action");
	const char *sg = http_field_get(&req->form, "safeguard");
	const struct eng_row *row;
	struct app_client_view v;
	struct err e = {0};
	int rc;

	if (!action || !sg)
		return web_error(req, res, 400, "bad_form", "Choose a safeguard and what to record.");
	if ((rc = web_client_view(req, res, req->params[0], &v)) != 0)
		return rc < 0 ? rc : 0;
	if (!strcmp(action, "decline") || !strcmp(action, "accept") || !strcmp(action, "defer")) {
		const char *until = http_field_get(&req->form, "until");
		const char *insurance = http_field_get(&req->form, "insurance");
		struct app_decision d = {sg, action, http_field_get(&req->form, "decided_by"),
			http_field_get(&req->form, "reason"), until && *until ? until : NULL,
			score(http_field_get(&req->form, "impact")),
			score(http_field_get(&req->form, "likelihood")), NULL,
			insurance && *insurance ? insurance : NULL};

		rc = app_decide(req->db, req->cfg->lib, &v, &d, req->account.email, &row, &e);
	} else if (!strcmp(action, "not-applicable")) {
		rc = app_tailor(req->db, req->cfg->lib, &v, sg, true, http_field_get(&req->form,
				"reason"), http_field_get(&req->form, "condition"), req->account.email, &e);
	} else {
		struct app_assign a = {sg, action, http_field_get(&req->form, "party"),
			http_field_get(&req->form, "msp_part"),
			http_field_get(&req->form, "customer_part"), NULL};

		rc = app_assign(req->db, req->cfg->lib, &v, &a, req->account.email, &e);
	}
	if (rc == 0)
		web_redirect(res, arena_printf(req->arena, "/clients/%s#matrix", v.client.slug));
	else if (rc == ERR_INPUT || rc == ERR_NOTFOUND)
		rc = web_error(req, res, 400, "bad_form", "%s", e.msg);
	app_client_view_free(&v);
	return rc;
}

/* ------------------------------------------------ services */

void
web_services_form(struct web_request *req, struct web_response *res,
		  const struct app_client_view *v)
{
	str_appendf(&res->body, "<h2>Services</h2>\n<form method=\"post\" action=\"/clients/%s/"
		    "services\">\n", v->client.slug);
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<fieldset><legend>The services this client buys</legend>\n");
	for (size_t i = 0; i < v->n_catalogue; i++) {
		const struct lib_service *svc = v->catalogue[i];
		bool on = false;

		for (size_t k = 0; k < v->state.n_subscriptions; k++)
			on |= strcmp(v->state.subscriptions[k], svc->id) == 0;
		str_appendf(&res->body, "<label><input type=\"checkbox\" name=\"service\" "
			    "value=\"%s\"%s> ", svc->id, on ? " checked" : "");
		web_html(res, svc->name);
		str_puts(&res->body, "</label>\n");
	}
	str_puts(&res->body, "</fieldset>\n<button type=\"submit\">Save the services</button>\n"
		 "</form>\n");
}

int
web_services_change(struct web_request *req, struct web_response *res)
{
	struct app_client_view v;
	struct err e = {0};
	bool changed;
	int rc;

	if ((rc = web_client_view(req, res, req->params[0], &v)) != 0)
		return rc < 0 ? rc : 0;
	for (size_t i = 0; i < v.n_catalogue && rc == 0; i++) {
		const char *id = v.catalogue[i]->id;
		bool wanted = false;

		for (size_t k = 0; k < req->form.n; k++)
			wanted |= !strcmp(req->form.v[k].name, "service") &&
				  !strcmp(req->form.v[k].value, id);
		rc = app_subscribe(req->db, &v, id, wanted, req->account.email, &changed, &e);
	}
	if (rc == 0)
		web_redirect(res, arena_printf(req->arena, "/clients/%s#matrix", v.client.slug));
	app_client_view_free(&v);
	return rc;
}

/* ------------------------------------------------ renaming and archiving */

void
web_client_admin_form(struct web_request *req, struct web_response *res,
		      const struct store_client *c)
{
	str_appendf(&res->body, "<h2>The client</h2>\n<form method=\"post\" action=\"/clients/%s/"
		    "rename\" class=\"narrow\">\n", c->slug);
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"new_name\">Name</label><input id=\"new_name\" "
		 "name=\"name\" required maxlength=\"200\" value=\"");
	web_html(res, c->name);
	str_puts(&res->body, "\">\n<button type=\"submit\">Rename</button>\n</form>\n");
	str_appendf(&res->body, "<form method=\"post\" action=\"/clients/%s/archive\">", c->slug);
	web_csrf_field(req, res);
	str_puts(&res->body, "<button type=\"submit\">Archive this client (kept with its history, "
		 "hidden from lists)</button></form>\n");
}

int
web_client_rename(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct err e = {0};
	const char *name = http_field_get(&req->form, "name");
	int rc = web_route_client(req, res, &c);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	rc = store_client_rename(req->db, &c, name ? name : "", NULL, req->account.email, &e);
	if (rc == ERR_INPUT || rc == ERR_CONFLICT)
		return web_error(req, res, 400, "bad_field", "%s", e.msg);
	return rc < 0 ? rc : web_redirect(res, arena_printf(req->arena, "/clients/%s", c.slug));
}

int
web_client_archive(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct err e = {0};
	int rc = web_route_client(req, res, &c);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	rc = store_client_archive(req->db, &c, req->account.email, &e);
	if (rc == ERR_CONFLICT)
		return web_error(req, res, 409, "conflict", "%s", e.msg);
	return rc < 0 ? rc : web_redirect(res, "/clients");
}
