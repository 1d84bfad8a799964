/* test_server_io_posix.c: the server's event-loop backend choice (--io) on
 * Linux, and its fallback where the kernel refuses io_uring. The refusal is
 * real: this program, started as "--without-io-uring SERVER ARGS...",
 * installs a seccomp filter that makes io_uring_setup fail with EPERM (as
 * a container's default policy does), sends its stderr to stdout and execs
 * the server ("--exec SERVER ARGS...": the same without the filter). argv[1]: the server; argv[2]:
 * "uring" when the build has the io_uring backend. */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425 /* the same number on every architecture */
#endif

/* The wrapper: with filter, io_uring_setup says EPERM; stderr goes to
 * stdout either way, then the server runs. */
static int exec_server(char **argv, int filter)
{
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {(unsigned short)(sizeof f / sizeof f[0]), f};
    if (filter && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
                   prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)) {
        perror("seccomp");
        return 127;
    }
    dup2(1, 2);
    execv(argv[0], argv);
    perror("exec");
    return 127;
}

/* Starts the server (through this program, filtered or not), reads its log
 * lines up to "listening on": the event-loop lines into log, the port
 * returned (0: it did not start). */
static uint16_t start(proc **p, const char *self, const char *exe, int filtered, const char *io,
                      char *log, size_t cap)
{
    char dir[128], line[512];
    const char *args[16];
    size_t n = 0;
    itest_records_dir(dir, sizeof dir, "io");
    args[n++] = filtered ? "--without-io-uring" : "--exec";
    args[n++] = exe;
    args[n++] = "--port";
    args[n++] = "0";
    args[n++] = "--bind";
    args[n++] = "127.0.0.1";
    args[n++] = "--records";
    args[n++] = dir;
    args[n++] = "--no-discovery";
    if (io) {
        args[n++] = "--io";
        args[n++] = io;
    }
    args[n] = NULL;
    log[0] = '\0';
    if (proc_start(p, self, args, "MATCHBOARD_IO=") != 0)
        return 0;
    while (proc_read_line(*p, line, sizeof line, 20000) == 0) {
        const char *at = strstr(line, "event loop:");
        if (strncmp(line, "listening on ", 13) == 0) {
            const char *colon = strrchr(line, ':');
            return (uint16_t)strtol(colon + 1, NULL, 10);
        }
        if (at && strlen(log) + strlen(at) + 2 < cap) {
            strcat(log, at);
            strcat(log, "\n");
        }
    }
    proc_wait(*p, 0);
    *p = NULL;
    return 0;
}

/* A match is seated and a move relayed to both players. */
static int plays(uint16_t port)
{
    tclient a, b;
    int ok = tp_seat_pair(&a, &b, port, "alice", "bob", NULL, NULL, NULL) &&
             tp_stone_round_trip(&a, &b, 0, 7, 7) >= 0 && tp_stone_round_trip(&b, &a, 1, 8, 8) >= 0;
    tc_close(&a);
    tc_close(&b);
    return ok;
}

static void test_backend(const char *self, const char *exe, const char *io)
{
    char log[1024], want[64];
    proc *p;
    uint16_t port = start(&p, self, exe, 0, io, log, sizeof log);
    TAP_OK(port != 0, "--io %s: the server starts", io);
    snprintf(want, sizeof want, "event loop: %s\n", io);
    TAP_OK(strcmp(log, want) == 0, "--io %s: one log line names it", io);
    if (port)
        TAP_OK(plays(port), "--io %s: a match plays", io);
    else
        TAP_OK(0, "--io %s: a match plays", io);
    if (p) {
        itest_stop_clean(p, "--io %s: stops cleanly", io);
    } else {
        TAP_OK(0, "--io %s: stops cleanly", io);
    }
}

static void test_refused(const char *self, const char *exe, const char *io)
{
    char log[1024];
    proc *p;
    uint16_t port = start(&p, self, exe, 1, io, log, sizeof log);
    TAP_OK(port != 0, "io_uring refused (%s): the server starts all the same",
           io ? "--io uring" : "default");
    if (!TAP_OK(strcmp(log, "event loop: uring refused by the kernel (Operation not permitted): "
                            "using epoll\n") == 0,
                "one clear log line says io_uring was refused and epoll is used"))
        tap_diag("log: %s", log);
    TAP_OK(port && plays(port), "a match plays on the fallback");
    if (p) {
        itest_stop_clean(p, "stops cleanly");
    } else {
        TAP_OK(0, "stops cleanly");
    }
}

int main(int argc, char **argv)
{
    char self[1024];
    int uring;
    if (argc > 2 && strcmp(argv[1], "--without-io-uring") == 0)
        return exec_server(argv + 2, 1);
    if (argc > 2 && strcmp(argv[1], "--exec") == 0)
        return exec_server(argv + 2, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: %s SERVER [uring]\n", argv[0]);
        return 2;
    }
    uring = argc > 2 && strcmp(argv[2], "uring") == 0;
    proc_self_path(self, sizeof self, argv[0]);
    if (uring)
        test_backend(self, argv[1], "uring");
    test_backend(self, argv[1], "epoll");
    test_backend(self, argv[1], "poll");
    if (uring) {
        test_refused(self, argv[1], NULL);
        test_refused(self, argv[1], "uring");
    }
    {
        char log[1024];
        proc *p;
        uint16_t port = start(&p, self, argv[1], 0, "kqueue", log, sizeof log);
        TAP_OK(port == 0, "--io kqueue: refused");
        if (p)
            proc_wait(p, 0);
    }
    return tap_done();
}
