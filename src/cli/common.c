/* common.c — what several commands share: where the database lives, opening
 * it, private output files and record ids. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

char *cli_db_path(const struct cli *cli, bool training, bool *is_default)
{
	const char *env = getenv("HOMEVISIT_DB"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");
	char *path, *slash, *out;

	*is_default = false;
	if (cli->db_opt != NULL)
		path = xstrdup(cli->db_opt);
	else if (env != NULL && env[0] != '\0')
		path = xstrdup(env);
	else {
		*is_default = true;
		if (xdg != NULL && xdg[0] == '/')
			path = xasprintf("%s/homevisit/visits.db", xdg);
		else
			path = xasprintf("%s/.local/share/homevisit/visits.db",
					 home && home[0] ? home : ".");
	}
	if (!training)
		return path;
	/* Training attempts never share a file with real records. */
	slash = strrchr(path, '/');
	if (slash == NULL)
		out = xstrdup("training.db");
	else
		out = xasprintf("%.*s/training.db", (int)(slash - path), path);
	free(path);
	return out;
}

int cli_open_store(const struct cli *cli, int flags, bool training, struct store **out)
{
	struct hv_error err;
	bool is_default;
	char *path = cli_db_path(cli, training, &is_default);
	int rc = HV_OK;

	hv_error_init(&err);
	if (is_default && !(flags & STORE_READONLY))
		rc = store_make_dir(path, &err);
	if (rc == HV_OK)
		rc = store_open(path, flags, out, &err);
	if (rc != HV_OK)
		hv_error_print(&err, stderr);
	hv_error_clear(&err);
	free(path);
	return rc;
}

int cli_open_output(const char *path, bool force, FILE **out)
{
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		*out = stdout;
		return HV_OK;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (force ? O_TRUNC : O_EXCL),
		  0600);
	if (fd < 0) {
		if (errno == EEXIST)
			cli_warn("%s: already exists; use --force to replace it", path);
		else
			cli_warn("%s: cannot create: %s", path, strerror(errno));
		return HV_ECANTCREAT;
	}
	*out = fdopen(fd, "w");
	if (*out == NULL) {
		close(fd);
		cli_warn("%s: cannot write: %s", path, strerror(errno));
		return HV_ECANTCREAT;
	}
	return HV_OK;
}

int cli_close_output(const char *path, FILE *fp)
{
	bool bad = ferror(fp) != 0;

	if (fp == stdout) {
		if (fflush(stdout) != 0 || bad) {
			cli_warn("writing the output failed: %s", strerror(errno));
			return HV_EIO;
		}
		return HV_OK;
	}
	if (fclose(fp) != 0 || bad) {
		cli_warn("%s: writing failed: %s", path, strerror(errno));
		return HV_EIO;
	}
	return HV_OK;
}

int cli_record_id(const struct cmd_entry *cmd, const char *arg, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || errno != 0 || v <= 0)
		return cli_usage(cmd, "'%s' is not a record number", arg);
	*id = v;
	return HV_OK;
}
