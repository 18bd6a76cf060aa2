// Result is a header-only template; this file gives the library an object of its own.
#include "Result.h"
