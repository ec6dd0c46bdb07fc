/* eval-tracuu.c - placeholder: tracuu's own pipeline as an evaluation system. */
#include "eval.h"

static tc_status not_built(void *state, const eval_corpus *corpus, const char *workdir, tc_error *err)
{
	(void)state, (void)corpus, (void)workdir;
	return tc_error_set(err, TC_ERR_INTERNAL, "the tracuu system is not built yet");
}

static tc_status no_search(void *state, const char *text, size_t *hits, size_t max, size_t *n, tc_error *err)
{
	(void)state, (void)text, (void)hits, (void)max;
	*n = 0;
	return tc_error_set(err, TC_ERR_INTERNAL, "the tracuu system is not built yet");
}

static void no_free(void *state) { (void)state; }

int eval_system_tracuu(eval_system *system, const char *options)
{
	(void)options;
	system->name = "tracuu";
	system->state = NULL;
	system->build = not_built;
	system->search = no_search;
	system->free = no_free;
	return 0;
}
