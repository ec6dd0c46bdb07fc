/* analyzer.c - to be written. */
#include "analyzer.h"
