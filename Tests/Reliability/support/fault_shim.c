/* LD_PRELOAD shim for the reliability suite: fails writes and syncs of one SQLite database with EIO on demand.
 *
 * GS_FAULT_DB names the database file (an absolute, resolved path); only descriptors open on it, its
 * -wal or its -journal are touched. While the file GS_FAULT_CONTROL exists, write, pwrite, pwrite64,
 * fsync, fdatasync and ftruncate on those descriptors fail with EIO; if the control file holds the word
 * "sync", only fsync and fdatasync fail (the data reaches the file, its durability does not). Each
 * injected failure appends one byte to GS_FAULT_CONTROL ".count" so the test can prove faults happened.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* The next definition of `name` (libc's), looked up once. */
#define REAL(name) static __typeof__(&name) real_##name; \
    if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

enum call_kind { DATA_CALL, SYNC_CALL };

/* 1 when the control file exists and this call kind on `fd` must fail. errno is preserved otherwise. */
static int should_fail(int fd, enum call_kind kind) {
    const char *control = getenv("GS_FAULT_CONTROL");
    const char *db = getenv("GS_FAULT_DB");
    if (!control || !db || fd < 0) return 0;
    int saved = errno;
    int mode = open(control, O_RDONLY | O_CLOEXEC);
    if (mode < 0) { errno = saved; return 0; }
    char word[16] = {0};
    ssize_t got = read(mode, word, sizeof word - 1);
    close(mode);
    if (got > 0 && strncmp(word, "sync", 4) == 0 && kind == DATA_CALL) { errno = saved; return 0; }

    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length < 0) { errno = saved; return 0; }
    target[length] = 0;
    size_t base = strlen(db);
    int matches = strncmp(target, db, base) == 0
        && (target[base] == 0 || strcmp(target + base, "-wal") == 0 || strcmp(target + base, "-journal") == 0);
    if (matches) {
        char counter[4096];
        snprintf(counter, sizeof counter, "%s.count", control);
        int tally = open(counter, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (tally >= 0) {
            REAL(write);
            if (real_write(tally, "x", 1) < 0) { /* the tally is a hint; the fault happens regardless */ }
            close(tally);
        }
    }
    errno = saved;
    return matches;
}

ssize_t write(int fd, const void *buffer, size_t count) {
    REAL(write);
    if (should_fail(fd, DATA_CALL)) { errno = EIO; return -1; }
    return real_write(fd, buffer, count);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    REAL(pwrite);
    if (should_fail(fd, DATA_CALL)) { errno = EIO; return -1; }
    return real_pwrite(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off64_t offset) {
    REAL(pwrite64);
    if (should_fail(fd, DATA_CALL)) { errno = EIO; return -1; }
    return real_pwrite64(fd, buffer, count, offset);
}

int ftruncate(int fd, off_t length) {
    REAL(ftruncate);
    if (should_fail(fd, DATA_CALL)) { errno = EIO; return -1; }
    return real_ftruncate(fd, length);
}

int ftruncate64(int fd, off64_t length) {
    REAL(ftruncate64);
    if (should_fail(fd, DATA_CALL)) { errno = EIO; return -1; }
    return real_ftruncate64(fd, length);
}

int fsync(int fd) {
    REAL(fsync);
    if (should_fail(fd, SYNC_CALL)) { errno = EIO; return -1; }
    return real_fsync(fd);
}

int fdatasync(int fd) {
    REAL(fdatasync);
    if (should_fail(fd, SYNC_CALL)) { errno = EIO; return -1; }
    return real_fdatasync(fd);
}
