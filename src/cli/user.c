/*
 * user.c - 'prudent user': staff accounts for the web application and API
 * tokens for integrations.
 */
#include <ctype.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"

static const char *const roles[] = {"owner", "admin", "technician", "readonly"};

enum { MIN_PASSWORD = 12, MAX_PASSWORD = 1024 };

/* Lower-case and check an email address in place (core's email_valid). */
static int
check_email(struct cli *cli, char *email)
{
	for (char *p = email; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!email_valid(email))
		return err_set(&cli->err, ERR_INPUT, "'%.64s' is not an email address", email);
	return 0;
}

/* One line from standard input into buf, without its newline; echo off when
 * it is a terminal.  Passwords never come from the command line, where other
 * users of the machine could read them. */
static int
read_secret(struct cli *cli, const char *prompt, char *buf, size_t cap)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	size_t len;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (!fgets(buf, (int)cap, stdin))
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	len = strcspn(buf, "\r\n");
	if (buf[len] == '\0' && len == cap - 1)
		return err_set(&cli->err, ERR_INPUT, "the password is longer than %d bytes",
			       MAX_PASSWORD);
	buf[len] = '\0';
	return 0;
}

/* A new password, typed twice on a terminal, once from a pipe. */
static int
new_password(struct cli *cli, char *pw, size_t cap)
{
	char again[MAX_PASSWORD + 2];
	size_t len;
	int rc;

	if ((rc = read_secret(cli, "Password: ", pw, cap)) < 0)
		return rc;
	len = strlen(pw);
	if (len < MIN_PASSWORD)
		return err_set(&cli->err, ERR_INPUT, "the password needs at least %d characters",
			       MIN_PASSWORD);
	if (!utf8_valid(pw, len))
		return err_set(&cli->err, ERR_INPUT, "the password is not valid UTF-8");
	if (isatty(STDIN_FILENO)) {
		if ((rc = read_secret(cli, "Again: ", again, sizeof(again))) < 0)
			return rc;
		if (strcmp(pw, again) != 0)
			return err_set(&cli->err, ERR_INPUT, "the two passwords differ");
	}
	return 0;
}

static int
user_add(struct cli *cli, struct store *db, const struct store_tenant *t, char *email,
	 const char *role, const char *by)
{
	char pw[MAX_PASSWORD + 2], hash[PASSWORD_HASH_LEN];
	struct store_account a;
	int rc;
	size_t i;

	for (i = 0; i < ARRAY_LEN(roles) && strcmp(roles[i], role) != 0; i++)
		;
	if (i == ARRAY_LEN(roles))
		return err_set(&cli->err, ERR_INPUT, "--role is owner, admin, technician or readonly, "
			       "not '%.32s'", role);
	if ((rc = check_email(cli, email)) < 0 || (rc = new_password(cli, pw, sizeof(pw))) < 0)
		return rc;
	rc = password_hash(pw, hash, &cli->err);
	secret_wipe(pw, sizeof(pw));
	if (rc == 0)
		rc = store_account_add(db, t->id, email, role, hash, cli_actor(by), &a, &cli->err);
	if (rc == 0)
		fprintf(cli->out, "Added %s (%s).\n", a.email, a.role);
	return rc;
}

static int
user_token(struct cli *cli, struct store *db, char *email, const char *name)
{
	struct store_account a;
	char token[SECRET_HEX_LEN], hash[HASH_SHA256_HEX_LEN];
	size_t len = strlen(name);
	int rc;

	if (len == 0 || len > 100 || !utf8_valid(name, len) || strpbrk(name, "\r\n\t"))
		return err_set(&cli->err, ERR_INPUT, "a token's name is one line of at most 100 bytes");
	if ((rc = check_email(cli, email)) < 0 ||
	    (rc = store_account_by_email(db, email, &a, &cli->err)) < 0)
		return rc;
	secret_hex(token);
	hash_sha256_hex(token, strlen(token), hash);
	if ((rc = store_token_add(db, &a, hash, name, &cli->err)) == 0)
		fprintf(cli->out, "%s\n", token);
	fprintf(stderr, "This token is shown once; send it as 'Authorization: Bearer TOKEN'.\n");
	return rc;
}

/*
** COMMAND: user
** SUMMARY: Add staff accounts for the web application, and API tokens
**
** Usage: prudent user add EMAIL --role owner|admin|technician|readonly [--by NAME]
**        prudent user token EMAIL NAME
**
** 'add' asks for the password (twice on a terminal, with echo off; one line
** when standard input is a pipe): never on the command line, where other users
** of the machine could see it.  At least 12 characters; stored as argon2id.
** 'token' prints a new API token for the account, once: integrations (PSA and
** RMM tools) send it as 'Authorization: Bearer TOKEN'.  Only its SHA-256 is
** stored.
**
**   --role ROLE  owner (everything), admin (everything but accounts),
**                technician (clients, matrices, documents), readonly (reading)
**   --by NAME    who adds it (default: $PRUDENT_USER, else $USER)
**   --db PATH    the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_user(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *role = NULL, *by = NULL, *pos[3];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--role", CLI_VALUE, &role},
		{"--by", CLI_VALUE, &by}};
	struct store_tenant tenant;
	struct store *db = NULL;
	char email[300];
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "user", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 3, &n_pos);
	if (rc < 0)
		return rc;
	if (!((strcmp(pos[0], "add") == 0 && n_pos == 2) ||
	      (strcmp(pos[0], "token") == 0 && n_pos == 3)))
		return err_set(&cli->err, ERR_INPUT, "usage: prudent user add EMAIL --role ROLE | "
			       "user token EMAIL NAME");
	if (strcmp(pos[0], "add") == 0 && !role)
		return err_set(&cli->err, ERR_INPUT, "a new account needs --role owner, admin, "
			       "technician or readonly");
	snprintf(email, sizeof(email), "%s", pos[1]);
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) == 0)
		rc = strcmp(pos[0], "add") == 0 ? user_add(cli, db, &tenant, email, role, by)
						: user_token(cli, db, email, pos[2]);
	store_close(db);
	return rc;
}
