// Only GEOS's reentrant C API (the *_r functions taking a GEOSContextHandle_t):
// the non-reentrant globals are not thread-safe, and Swift code here runs on many threads.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
