#ifndef MALLOC_COUNTER_H
#define MALLOC_COUNTER_H

/// Allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by this
/// process since it started: the scale benchmark reads it before and after a step.
unsigned long dg_malloc_count(void);

#endif
