/* jfile_win32.c: jfile.h over CreateFile/WriteFile/FlushFileBuffers,
 * MoveFileEx and an exclusively opened lock file. New files get an
 * owner-only access list (owner, SYSTEM and Administrators). */
#include <windows.h>
#include <sddl.h>
#include <stdlib.h>

#include "jfile.h"
#include "sys_win32.h"

struct jfile {
    HANDLE h;
};

static _Thread_local DWORD last_error;

static int fail(void)
{
    last_error = GetLastError();
    return -1;
}

const char *jfile_error(void)
{
    return sys_win32_error_text(last_error);
}

/* Creates or opens path; private: an owner-only access list if new. */
static HANDLE open_private(const char *path, DWORD access, DWORD share, DWORD disposition,
                           DWORD flags)
{
    SECURITY_ATTRIBUTES sa;
    PSECURITY_DESCRIPTOR sd = NULL;
    HANDLE h;
    memset(&sa, 0, sizeof sa);
    sa.nLength = sizeof sa;
    if (ConvertStringSecurityDescriptorToSecurityDescriptorA(
            "D:P(A;;FA;;;OW)(A;;FA;;;SY)(A;;FA;;;BA)", SDDL_REVISION_1, &sd, NULL))
        sa.lpSecurityDescriptor = sd;
    h = CreateFileA(path, access, share, sd ? &sa : NULL, disposition, flags, NULL);
    if (h == INVALID_HANDLE_VALUE)
        fail();
    if (sd)
        LocalFree(sd);
    return h;
}

static int wrap(jfile **out, HANDLE h)
{
    jfile *f;
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    f = malloc(sizeof *f);
    if (!f) {
        CloseHandle(h);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return fail();
    }
    f->h = h;
    *out = f;
    return 0;
}

int jfile_open(jfile **out, const char *path, int truncate)
{
    HANDLE h = open_private(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE,
                            truncate ? CREATE_ALWAYS : OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL);
    if (h != INVALID_HANDLE_VALUE &&
        SetFilePointer(h, 0, NULL, FILE_END) == INVALID_SET_FILE_POINTER &&
        GetLastError() != NO_ERROR) {
        fail();
        CloseHandle(h);
        return -1;
    }
    return wrap(out, h);
}

int jfile_write(jfile *f, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        DWORD chunk = n > 0x40000000u ? 0x40000000u : (DWORD)n, done = 0;
        if (!WriteFile(f->h, p, chunk, &done, NULL) || done == 0)
            return fail();
        p += done;
        n -= done;
    }
    return 0;
}

int jfile_sync(jfile *f)
{
    return FlushFileBuffers(f->h) ? 0 : fail();
}

int jfile_truncate(jfile *f, uint64_t size)
{
    LARGE_INTEGER at;
    at.QuadPart = (LONGLONG)size;
    if (!SetFilePointerEx(f->h, at, NULL, FILE_BEGIN) || !SetEndOfFile(f->h))
        return fail();
    return 0;
}

void jfile_close(jfile *f)
{
    if (!f)
        return;
    CloseHandle(f->h);
    free(f);
}

int jfile_replace(const char *from, const char *to)
{
    return MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) ? 0 : fail();
}

int jfile_lock(jfile **out, const char *path)
{
    /* No sharing: a second opener fails until this handle closes, which the
     * system does when the process dies, however it dies. */
    HANDLE h = open_private(path, GENERIC_READ | GENERIC_WRITE, 0, OPEN_ALWAYS,
                            FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE);
    if (h == INVALID_HANDLE_VALUE)
        return last_error == ERROR_SHARING_VIOLATION || last_error == ERROR_ACCESS_DENIED ? 1 : -1;
    return wrap(out, h);
}

void jfile_unlock(jfile *lock)
{
    jfile_close(lock);
}
