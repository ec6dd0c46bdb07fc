/* eval-baselines.c - placeholder. */
#include "cli.h"
