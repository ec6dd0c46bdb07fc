/* static.c - the files of --web DIR under /: the web UI. A path that
 * leaves the folder (.., symbolic links out of it) is "not found", like
 * any file that is not there. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api-private.h"

static const struct {
	const char *ext;
	const char *type;
} content_types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".xml", "application/xml"},
        {".woff2", "font/woff2"},
};

void api_static(api_request *req, api_response *res)
{
	const char *path = req->path;
	/* no "." or ".." segment, no backslash: nothing but plain names */
	for (const char *seg = path; *seg;) {
		seg += *seg == '/';
		size_t n = strcspn(seg, "/");
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.') ||
		    memchr(seg, '\\', n))
			goto not_found;
		seg += n;
	}
	tc_buf file = {0};
	tc_buf_printf(&file, "%s%s%s", req->api->web_root, path,
	              path[strlen(path) - 1] == '/' ? "index.html" : "");
	char resolved[PATH_MAX];
	size_t root_len = strlen(req->api->web_root);
	int inside = realpath(file.data, resolved) && !strncmp(resolved, req->api->web_root, root_len) &&
	             resolved[root_len] == '/';
	tc_buf_free(&file);
	if (!inside)
		goto not_found;
	int fd = open(resolved, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		goto not_found;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		goto not_found;
	}
	res->status = 200;
	res->file_fd = fd;
	res->file_size = (uint64_t)st.st_size;
	res->content_type = "application/octet-stream";
	const char *dot = strrchr(resolved, '.');
	for (size_t i = 0; dot && i < sizeof content_types / sizeof content_types[0]; i++)
		if (!strcmp(dot, content_types[i].ext))
			res->content_type = content_types[i].type;
	res->cache_control = "public, max-age=300";
	res->cors = 1;
	return;
not_found:
	api_problem(res, 404, "not-found", "no file %s", path);
}
