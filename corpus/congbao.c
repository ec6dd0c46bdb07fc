/* congbao.c - to be written. */
#include "corpus-private.h"
