/*
 * file.c - reading whole files and replacing them atomically.
 *
 * Documents, exports and keys must never be half-written: a crash or a full disk
 * during a write leaves the previous version in place.  The recipe is the usual
 * one: write a temporary file in the same directory (so rename stays on one file
 * system), fsync it, rename it over the target, and fsync the directory so the
 * rename itself survives a power cut.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

int
file_read_all(const char *path, size_t max_size, char **out, size_t *out_len, struct err *e)
{
	struct str s = STR_INIT;
	char buf[65536];
	ssize_t n;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "cannot open %s: %s",
			       path, strerror(errno));
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(e, errno == EISDIR ? ERR_INPUT : ERR_IO, "cannot read %s: %s",
				     path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (s.len + (size_t)n > max_size) {
			rc = err_set(e, ERR_INPUT, "%s is larger than the limit of %zu bytes", path,
				     max_size);
			goto fail;
		}
		str_append(&s, buf, (size_t)n);
	}
	close(fd);
	*out_len = s.len;
	*out = str_take(&s);
	return 0;
fail:
	close(fd);
	str_free(&s);
	return rc;
}

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
file_write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	struct str tmp = STR_INIT;
	char *dir_copy = xstrdup(path);
	const char *dir = dirname(dir_copy);
	int fd = -1, dfd, rc = ERR_IO;

	str_appendf(&tmp, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		err_set(e, ERR_IO, "cannot create a temporary file beside %s: %s", path,
			strerror(errno));
		goto done;
	}
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		err_set(e, ERR_IO, "cannot write %s: %s", tmp.buf, strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		err_set(e, ERR_IO, "cannot write %s: %s", tmp.buf, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp.buf, path) < 0) {
		err_set(e, ERR_IO, "cannot replace %s: %s", path, strerror(errno));
		goto fail;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
	goto done;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp.buf);
done:
	str_free(&tmp);
	free(dir_copy);
	return rc;
}

bool
file_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
file_mkdir_p(const char *path, struct err *e)
{
	char *p = xstrdup(path);
	size_t i, len = strlen(p);
	int rc = 0;

	for (i = 1; i <= len && rc == 0; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			rc = err_set(e, ERR_IO, "cannot create directory %s: %s", p, strerror(errno));
		else if (!file_is_dir(p))
			rc = err_set(e, ERR_INPUT, "%s exists and is not a directory", p);
		if (i < len)
			p[i] = '/';
	}
	free(p);
	return rc;
}
