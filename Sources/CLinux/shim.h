// The Linux calls the server needs that Swift's Glibc module leaves out (epoll, eventfd, affinity, malloc tuning).
#ifndef GROUNDSWELL_CLINUX_SHIM_H
#define GROUNDSWELL_CLINUX_SHIM_H

// No _GNU_SOURCE here: it would change how glibc's shared headers (fd_set, …) are declared and
// clash with the Glibc and Dispatch modules. The affinity mask is read with the raw system call.
#include <malloc.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

/// How many CPUs this process may run on (`taskset` narrows it); at least 1.
static inline int clinux_available_cpus(void) {
    unsigned long mask[16] = {0};  // 1,024 CPUs
    long bytes = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    if (bytes <= 0) return 1;
    int count = 0;
    for (long i = 0; i < bytes / (long)sizeof mask[0]; i++) count += __builtin_popcountl(mask[i]);
    return count > 0 ? count : 1;
}

/// Lets glibc keep up to `bytes` of freed memory at the top of each arena instead of returning
/// it to the kernel at every free that crosses the default 128 KiB (`M_TRIM_THRESHOLD`).
static inline void clinux_keep_freed_memory(int bytes) {
    mallopt(M_TRIM_THRESHOLD, bytes);
}

#endif
