#ifndef KITH_LINUX_SHIMS_H
#define KITH_LINUX_SHIMS_H
#if defined(__linux__)
#include <stdint.h>
// sync_file_range(2). Glibc declares it only for _GNU_SOURCE, which Swift's Glibc module is not
// built with. Declared here rather than looked up with dlsym, so the call links into the fully
// static kith too, which has no dynamic symbol table to look it up in.
int sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned int flags);
#endif
#endif
