// xapian-c.cc - to be written.
#include "xapian-c.h"
