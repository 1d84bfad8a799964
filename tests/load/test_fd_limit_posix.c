/* test_fd_limit_posix.c: the server at its descriptor limit (Linux).
 *
 * The server starts with a soft limit of 64 descriptors. Connections past
 * what the limit allows are refused (ERROR server full, then closed) while
 * the matches already running go on. Then the limit is lowered under the
 * running server (prlimit) so that accept() itself fails with EMFILE: the
 * server must still refuse the waiting connections at once, not spin on a
 * listener that stays readable, and accept again once the limit allows.
 * argv[1]: the server program. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tclient.h"

#define LIMIT 64
#define TRIES 40
#define LATE  5
#define T     5000

static tclient cl[TRIES], late[LATE + 1];

/* The one child of this process: the server. */
static long child_pid(void)
{
    char path[64], buf[64];
    FILE *f;
    long pid = 0;
    snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)getpid());
    if (!(f = fopen(path, "r")))
        return 0;
    if (fgets(buf, sizeof buf, f))
        pid = strtol(buf, NULL, 10);
    fclose(f);
    return pid;
}

static double cpu_seconds(long pid)
{
    char path[64], buf[1024];
    unsigned long long ut = 0, st = 0;
    const char *p;
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (!(p = strrchr(buf, ')')) ||
        sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return -1;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* The lowest descriptor number the server has free. */
static long lowest_free_fd(long pid)
{
    char path[64];
    static unsigned char used[4096];
    struct dirent *d;
    DIR *dir;
    long n = 0;
    snprintf(path, sizeof path, "/proc/%ld/fd", pid);
    if (!(dir = opendir(path)))
        return -1;
    memset(used, 0, sizeof used);
    while ((d = readdir(dir)))
        if (d->d_name[0] != '.') {
            long fd = strtol(d->d_name, NULL, 10);
            if (fd >= 0 && fd < (long)sizeof used)
                used[fd] = 1;
        }
    closedir(dir);
    while (n < (long)sizeof used && used[n])
        n++;
    return n;
}

static int set_limit(long pid, rlim_t soft)
{
    struct rlimit r;
    if (prlimit((pid_t)pid, RLIMIT_NOFILE, NULL, &r) != 0)
        return -1;
    r.rlim_cur = soft;
    return prlimit((pid_t)pid, RLIMIT_NOFILE, &r, NULL);
}

/* Connects and says HELLO: 1 seated (WELCOME), 0 refused (ERROR server
 * full or a close), -1 nothing within the time. */
static int try_seat(tclient *c, uint16_t port, const char *name)
{
    packet p;
    if (tc_connect(c, port) != 0)
        return 0; /* refused at connect: also a refusal */
    tc_hello(c, name, PACKET_WANT_PLAY, NULL);
    if (tc_recv(c, &p, T) != 0)
        return c->closed ? 0 : -1;
    if (p.type == PACKET_WELCOME)
        return 1;
    return p.type == PACKET_ERROR && p.u.error.code == PACKET_CODE_SERVER_FULL ? 0 : -1;
}

/* Player1 of match k (clients 2k, 2k+1) plays a stone at ply; both see it. */
static int play(int k, uint32_t ply)
{
    packet a, b;
    tc_stone(&cl[2 * k + (int)(ply % 2)], ply, (int)ply, 0);
    return tc_expect(&cl[2 * k], PACKET_MOVE, &a, T) == 0 &&
           tc_expect(&cl[2 * k + 1], PACKET_MOVE, &b, T) == 0 && a.u.move.ply == ply &&
           b.u.move.ply == ply;
}

int main(int argc, char **argv)
{
    char dir[128];
    const char *args[] = {"--port", "0",           "--bind", "127.0.0.1", "--records",
                          dir,      "--log-level", "warn",   NULL};
    struct rlimit mine, low;
    int seated = 0, refused = 0, silent = 0, started = 0, late_refused = 0;
    long pid, free_fd;
    double cpu0, cpu1;
    proc *pr;
    uint16_t port;

    if (argc < 2) {
        printf("usage: test_fd_limit SERVER-PROGRAM\n");
        return 2;
    }
    sock_startup();
    itest_records_dir(dir, sizeof dir, "fdlimit");
    /* The server inherits a soft limit of 64; this process keeps its own. */
    getrlimit(RLIMIT_NOFILE, &mine);
    low = mine;
    low.rlim_cur = LIMIT;
    setrlimit(RLIMIT_NOFILE, &low);
    port = proc_start_server(&pr, argv[1], args, NULL);
    setrlimit(RLIMIT_NOFILE, &mine);
    if (!TAP_OK(port != 0, "the server starts with a limit of 64 descriptors"))
        return tap_done();
    pid = child_pid();
    TAP_OK(pid > 0, "its process is found");

    for (int i = 0; i < TRIES; i++) {
        char name[24];
        int r;
        snprintf(name, sizeof name, "p%d", i);
        r = try_seat(&cl[i], port, name);
        seated += r == 1 && seated == i; /* seated ones come first */
        refused += r == 0;
        silent += r < 0;
    }
    tap_diag("%d seated, %d refused", seated, refused);
    TAP_OK(seated >= 16 && seated % 2 == 0, "the first connections are seated, in whole matches");
    TAP_INT_EQ(refused, TRIES - seated, "every connection past the limit is refused");
    TAP_INT_EQ(silent, 0, "no connection is left waiting without an answer");
    for (int i = 0; i < seated; i++)
        started += tc_expect(&cl[i], PACKET_START, NULL, T) == 0;
    TAP_INT_EQ(started, seated, "the seated players' games start");
    TAP_OK(play(0, 0) && play(seated / 2 - 1, 0), "the matches play on beside the refusals");

    /* accept() itself now fails: no descriptor number is free under the limit. */
    free_fd = lowest_free_fd(pid);
    TAP_OK(free_fd > 0 && set_limit(pid, (rlim_t)free_fd) == 0,
           "the server's limit is lowered to the descriptors it holds");
    for (int i = 0; i < LATE; i++)
        late_refused += try_seat(&late[i], port, "late") == 0;
    TAP_INT_EQ(late_refused, LATE, "at EMFILE each new connection is refused at once");
    cpu0 = cpu_seconds(pid);
    proc_sleep_ms(1000);
    cpu1 = cpu_seconds(pid);
    tap_diag("server CPU over one second at the limit: %.2f s", cpu1 - cpu0);
    TAP_OK(cpu0 >= 0 && cpu1 - cpu0 < 0.3, "and the server does not spin on the listener");
    TAP_OK(play(0, 1), "the matches still play at the limit");

    /* Room again: the limit back up and a match gone. */
    TAP_OK(set_limit(pid, LIMIT) == 0, "the limit is raised again");
    tc_close(&cl[seated - 1]);
    tc_close(&cl[seated - 2]);
    proc_sleep_ms(300);
    TAP_INT_EQ(try_seat(&late[LATE], port, "again"), 1, "a new connection is seated again");
    TAP_OK(play(0, 2), "and the first match still plays");

    for (int i = 0; i < TRIES; i++)
        tc_close(&cl[i]);
    for (int i = 0; i <= LATE; i++)
        tc_close(&late[i]);
    itest_stop_clean(pr, "the server stops cleanly");
    sock_cleanup();
    return tap_done();
}
