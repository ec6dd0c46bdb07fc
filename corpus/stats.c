/* stats.c - to be written. */
#include "corpus-private.h"
