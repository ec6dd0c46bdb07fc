/* cli.h - the subcommands of the tracuu program. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status:
 * 0 success, 1 failure, 2 usage error. */
#ifndef TC_CLI_H
#define TC_CLI_H

int cmd_analyze(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_compact(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_get(int argc, char **argv);
int cmd_ids(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* Print "tracuu: " and the message to stderr (control characters shown as
 * U+FFFD, as cli_printf). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* printf to stdout with the control characters of the result (but newlines)
 * shown as U+FFFD: text from the index or the query never drives the
 * terminal. */
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
