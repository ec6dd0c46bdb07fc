/* cmd_serve.c - tracuu serve: the query daemon (api.h) in the foreground
 * until SIGTERM or SIGINT, then a graceful stop. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "cli-util.h"
#include "cli.h"
#include "query.h"

static void usage(FILE *out)
{
	fputs("usage: tracuu serve [--db DIR] [--listen HOST:PORT] [--threads N] [--token-file FILE] [--web "
	      "DIR]\n\n"
	      "Serve the index as a JSON API (routes at /openapi.json; README.md \"The API\").\n\n"
	      "options:\n"
	      "  --db DIR           the index (default $TRACUU_DB or data/index)\n"
	      "  --listen HOST:PORT address to listen on (default 127.0.0.1:8080; [::1]:8080 for IPv6;\n"
	      "                     port 0 picks a free one)\n"
	      "  --threads N        worker threads, each with its own searcher (default: the cores)\n"
	      "  --token-file FILE  the bearer token that write routes need (none: writes are disabled)\n"
	      "  --web DIR          serve the files of DIR under /\n"
	      "  --access-log FILE  one JSON line per request (default stderr; '-' for none)\n"
	      "  --max-connections N  open connections (default 512)\n"
	      "  --timeout N        seconds an idle connection is kept (default 15)\n"
	      "  --max-body-mb N    largest POST body (default 64)\n\n"
	      "Prints 'listening on http://HOST:PORT' when ready; SIGTERM or SIGINT stops it after the\n"
	      "requests in flight (at most 10 s).\n",
	      out);
}

/* "127.0.0.1:8080", "[::1]:8080", ":8080", "8080" into HOST (static) and PORT. */
static int parse_listen(const char *value, char *host, size_t host_cap, unsigned *port, tc_error *err)
{
	const char *colon = NULL;
	if (value[0] == '[') {
		const char *close = strchr(value, ']');
		if (!close || close[1] != ':' || (size_t)(close - value - 1) >= host_cap)
			goto bad;
		memcpy(host, value + 1, (size_t)(close - value - 1));
		host[close - value - 1] = '\0';
		colon = close + 1;
	} else if ((colon = strrchr(value, ':'))) {
		if ((size_t)(colon - value) >= host_cap)
			goto bad;
		memcpy(host, value, (size_t)(colon - value));
		host[colon - value] = '\0';
		if (!*host)
			strcpy(host, "127.0.0.1");
	} else {
		strcpy(host, "127.0.0.1");
	}
	uint64_t n = 0;
	if (tc_param_uint("--listen port", colon ? colon + 1 : value, 0, 65535, &n, err) != TC_OK)
		return -1;
	*port = (unsigned)n;
	return 0;
bad:
	tc_error_set(err, TC_ERR_INPUT, "--listen: '%s' is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)",
	             value);
	return -1;
}

int cmd_serve(int argc, char **argv)
{
	tc_api_options options;
	tc_api_options_default(&options);
	options.db = cli_default_db();
	options.access_log = stderr;
	char host[64] = "127.0.0.1";
	tc_error err = {0};
	FILE *log_file = NULL;
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		uint64_t n = 0;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (cli_option(argc, argv, &i, "--db", &value)) {
			options.db = value;
		} else if (cli_option(argc, argv, &i, "--listen", &value)) {
			if (!value || parse_listen(value, host, sizeof host, &options.port, &err) < 0)
				goto usage_error;
		} else if (cli_option(argc, argv, &i, "--threads", &value)) {
			if (tc_param_uint("--threads", value, 1, 256, &n, &err) != TC_OK)
				goto usage_error;
			options.threads = (unsigned)n;
		} else if (cli_option(argc, argv, &i, "--max-connections", &value)) {
			if (tc_param_uint("--max-connections", value, 1, 65536, &n, &err) != TC_OK)
				goto usage_error;
			options.max_connections = (unsigned)n;
		} else if (cli_option(argc, argv, &i, "--timeout", &value)) {
			if (tc_param_uint("--timeout", value, 1, 3600, &n, &err) != TC_OK)
				goto usage_error;
			options.timeout_seconds = (unsigned)n;
		} else if (cli_option(argc, argv, &i, "--max-body-mb", &value)) {
			if (tc_param_uint("--max-body-mb", value, 1, 4096, &n, &err) != TC_OK)
				goto usage_error;
			options.max_body_bytes = (size_t)n << 20;
		} else if (cli_option(argc, argv, &i, "--token-file", &value)) {
			options.token_file = value;
		} else if (cli_option(argc, argv, &i, "--web", &value)) {
			options.web_dir = value;
		} else if (cli_option(argc, argv, &i, "--access-log", &value)) {
			if (value && !strcmp(value, "-")) {
				options.access_log = NULL;
			} else if (value && !(log_file = fopen(value, "a"))) {
				cli_error("cannot open the access log '%s'", value);
				return 1;
			} else if (log_file) {
				options.access_log = log_file;
			}
		} else {
			cli_error("unknown argument '%s' (see 'tracuu serve --help')", argv[i]);
			return 2;
		}
		if (!value && argv[i][0] == '-' && argv[i][1] == '-') {
			cli_error("%s needs a value", argv[i]);
			return 2;
		}
	}
	options.host = host;
	/* The pool threads inherit this mask: the signals come to sigwait. */
	sigset_t stop_signals;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);
	tc_api *api = NULL;
	if (tc_api_start(&options, &api, &err) != TC_OK) {
		cli_error("%s", err.message);
		if (log_file)
			fclose(log_file);
		return 1;
	}
	printf("listening on http://%s%s%s:%u (index %s, %u threads%s)\n", strchr(host, ':') ? "[" : "", host,
	       strchr(host, ':') ? "]" : "", tc_api_port(api), options.db,
	       options.threads ? options.threads : 0, options.token_file ? ", writes enabled" : "");
	fflush(stdout);
	int sig = 0;
	sigwait(&stop_signals, &sig);
	fprintf(stderr, "tracuu: %s: finishing the requests in flight\n",
	        sig == SIGINT ? "SIGINT" : "SIGTERM");
	tc_status st = tc_api_stop(api, &err);
	if (st != TC_OK)
		cli_error("%s", err.message);
	if (log_file)
		fclose(log_file);
	return st == TC_OK ? 0 : 1;

usage_error:
	cli_error("%s", err.message);
	return 2;
}
