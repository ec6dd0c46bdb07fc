/* congbao-pdftotext.c - a PDF's text through poppler's pdftotext.
 *
 * pdftotext runs as a child (posix_spawnp, the path passed as an argument:
 * no shell) writing UTF-8 to a pipe. Default reading order (no -layout):
 * that is what gives text closest to the Công báo .txt files in
 * congbao/docs/congbao_chinhphu (one column cell per line, the same line
 * breaks), so the same text pipeline applies. */
#include <errno.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "textdoc.h"

extern char **environ;

tc_status tc__pdf_extract_text(const char *path, char **text, size_t *len, tc_error *err)
{
	*text = NULL;
	*len = 0;
	int fds[2];
	if (pipe(fds) < 0)
		return tc_error_set(err, TC_ERR_IO, "%s: cannot create a pipe for pdftotext: %s", path,
		                    strerror(errno));
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&actions, fds[0]);
	posix_spawn_file_actions_addclose(&actions, fds[1]);
	posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", 0x1 /* O_WRONLY */, 0);
	char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", "-eol", "unix", (char *)path, "-", NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "pdftotext", &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		if (rc == ENOENT)
			return tc_error_set(
			        err, TC_ERR_NOT_FOUND,
			        "pdftotext not found: install poppler-utils to read PDF files (%s)", path);
		return tc_error_set(err, TC_ERR_IO, "%s: cannot run pdftotext: %s", path, strerror(rc));
	}
	tc_buf out = {0};
	char chunk[65536];
	int oom = 0;
	for (;;) {
		ssize_t got = read(fds[0], chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (!oom && tc_buf_append(&out, chunk, (size_t)got) < 0)
			oom = 1; /* keep draining so that the child can exit */
	}
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (oom) {
		tc_buf_free(&out);
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory reading pdftotext output", path);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		tc_buf_free(&out);
		return tc_error_set(err, TC_ERR_NOT_FOUND,
		                    "pdftotext not found: install poppler-utils to read PDF files (%s)",
		                    path);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		tc_buf_free(&out);
		return tc_error_set(err, TC_ERR_INPUT, "%s: pdftotext failed (exit %d): not a readable PDF",
		                    path, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	if (tc_buf_append(&out, "", 0) < 0) {
		tc_buf_free(&out);
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	}
	*len = out.len;
	*text = tc_buf_steal(&out);
	return TC_OK;
}
