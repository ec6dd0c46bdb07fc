/* eval-harness.c - placeholder. */
#include "cli.h"
