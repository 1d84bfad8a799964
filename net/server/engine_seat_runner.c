/* engine_seat_runner.c: see engine_seat_runner.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child_proc.h"
#include "engine_seat_runner.h"
#include "seat_keeper.h"
#include "server.h"
#include "sock.h"
#include "mono_clock.h"
#include "sys.h"
#include "thread.h"

enum { STOP_MS = 2000 };

struct engine_seat_runner {
    char bot[1200];
    char engine[1024];
    char connect[SOCK_HOST_MAX + 16];
    char key[2 * PACKET_TOKEN_SIZE + 2]; /* the seat key in hex, and a newline */
    log_level level;
    mb_thread *thread;
    mb_mutex *mu;
    mb_cond *cv;
    int stop;  /* under mu */
    int woken; /* the child printed or ended; under mu */
    child_proc *child;
    seat_keeper keeper;
};

static void say(const engine_seat_runner *r, log_level level, const char *fmt, const char *a,
                const char *b)
{
    char line[1500];
    snprintf(line, sizeof line, fmt, a, b);
    server_log_line(r->level, level, line);
}

static void wake(void *user)
{
    engine_seat_runner *r = user;
    mb_mutex_lock(r->mu);
    r->woken = 1;
    mb_cond_signal(r->cv);
    mb_mutex_unlock(r->mu);
}

static void start_bot(engine_seat_runner *r, uint64_t now)
{
    const char *argv[] = {r->bot,   "--connect", r->connect, "--name",  "Computer",
                          "--seat", "--quiet",   "--engine", r->engine, NULL};
    char err[300];
    seat_keeper_started(&r->keeper, now);
    if (child_proc_start(&r->child, argv, wake, r, err, sizeof err) != 0) {
        char delay[32];
        snprintf(delay, sizeof delay, "%lu ms",
                 (unsigned long)seat_keeper_ended(&r->keeper, 1, now));
        say(r, LOG_ERROR, "engine seat: cannot start the bot: %s; again in %s", err, delay);
        r->child = NULL;
        return;
    }
    /* The key on its stdin: a command line is visible to every user. (A
     * bot that cannot read it exits, and is started again later.) */
    (void)child_proc_write(r->child, r->key, strlen(r->key));
    say(r, LOG_INFO, "engine seat: a bot with %s%s connects", r->engine, "");
}

/* The child's output: lines are the bot's results and errors (--quiet);
 * the end of it, the end of the bot. */
static void read_child(engine_seat_runner *r, uint64_t now)
{
    char line[512], how[128], delay[32];
    int got, status;
    while ((got = child_proc_read_line(r->child, line, sizeof line)) > 0)
        say(r, LOG_DEBUG, "engine seat: %s%s", line, "");
    if (got == 0)
        return;
    status = child_proc_exit_status(r->child, STOP_MS, how, sizeof how);
    child_proc_stop(r->child, 0);
    r->child = NULL;
    snprintf(delay, sizeof delay, "%lu ms",
             (unsigned long)seat_keeper_ended(&r->keeper, status == 0 ? 0 : 1, now));
    say(r, status == 0 ? LOG_DEBUG : LOG_WARN, "engine seat: the bot %s; back in %s", how, delay);
}

static void run(void *arg)
{
    engine_seat_runner *r = arg;
    mb_mutex_lock(r->mu);
    while (!r->stop) {
        uint64_t now = mb_now_ms();
        int64_t wait = seat_keeper_wait_ms(&r->keeper, now);
        r->woken = 0;
        mb_mutex_unlock(r->mu);
        if (r->child)
            read_child(r, now);
        else if (wait == 0)
            start_bot(r, now);
        mb_mutex_lock(r->mu);
        if (r->stop || r->woken)
            continue;
        wait = seat_keeper_wait_ms(&r->keeper, mb_now_ms());
        if (r->child || wait < 0)
            mb_cond_wait(r->cv, r->mu); /* the child's next line or its end */
        else if (wait > 0)
            mb_cond_wait_ms(r->cv, r->mu, (unsigned)wait);
    }
    mb_mutex_unlock(r->mu);
    if (r->child) {
        child_proc_terminate(r->child);
        child_proc_stop(r->child, STOP_MS);
        r->child = NULL;
    }
}

int engine_seat_runner_start(engine_seat_runner **out, const char *engine_cmd, const char *address,
                             const uint8_t key[PACKET_TOKEN_SIZE], log_level level, char *err,
                             size_t cap)
{
    char host[SOCK_HOST_MAX];
    uint16_t port;
    engine_seat_runner *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    if (child_proc_sibling("matchboard-bot", "../client", r->bot, sizeof r->bot) != 0) {
        snprintf(err, cap, "--engine-seat: no matchboard-bot beside this program");
        free(r);
        return -1;
    }
    if (sock_parse_hostport(address, 7777, host, sizeof host, &port) != SOCK_OK) {
        snprintf(err, cap, "--engine-seat: cannot read the address %s", address);
        free(r);
        return -1;
    }
    if (strcmp(host, "::") == 0 || strcmp(host, "0.0.0.0") == 0 || !host[0])
        snprintf(r->connect, sizeof r->connect, "127.0.0.1:%u", (unsigned)port);
    else if (strchr(host, ':'))
        snprintf(r->connect, sizeof r->connect, "[%s]:%u", host, (unsigned)port);
    else
        snprintf(r->connect, sizeof r->connect, "%s:%u", host, (unsigned)port);
    snprintf(r->engine, sizeof r->engine, "%s", engine_cmd);
    for (int i = 0; i < PACKET_TOKEN_SIZE; i++)
        snprintf(r->key + 2 * i, 3, "%02x", (unsigned)key[i]);
    r->key[2 * PACKET_TOKEN_SIZE] = '\n';
    r->key[2 * PACKET_TOKEN_SIZE + 1] = '\0';
    r->level = level;
    seat_keeper_init(&r->keeper, mb_now_ms());
    r->mu = mb_mutex_create();
    r->cv = mb_cond_create();
    if (!r->mu || !r->cv || mb_thread_start(&r->thread, run, r) != 0) {
        snprintf(err, cap, "--engine-seat: cannot start its thread");
        mb_cond_destroy(r->cv);
        mb_mutex_destroy(r->mu);
        free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void engine_seat_runner_stop(engine_seat_runner *r)
{
    if (!r)
        return;
    mb_mutex_lock(r->mu);
    r->stop = 1;
    mb_cond_signal(r->cv);
    mb_mutex_unlock(r->mu);
    mb_thread_join(r->thread);
    mb_cond_destroy(r->cv);
    mb_mutex_destroy(r->mu);
    free(r);
}
