/* bot_main.c: matchboard-bot, a headless client that takes a seat and
 * plays (or watches). It runs on the same path as the GUI: the notifier
 * tells it about its socket through its own event loop (notify_queue: a
 * watcher thread on POSIX, the thread's message loop and a message-only
 * window on Win32), and the client state machine turns bytes into events.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "bot.h"
#include "bot_engine.h"
#include "client.h"
#include "mb_config.h"
#include "mono_clock.h"
#include "notifier.h"
#include "notify_queue.h"
#include "packet.h"

#define MAX_RECONNECTS     40  /* attempts after a drop... */
#define RECONNECT_DELAY_MS 250 /* ...this far apart: 10 s in all */
/* After RESTARTING: the first try at once, then 250 ms doubling to 2 s
 * apart, for as long as the server said it holds the seat plus a minute
 * for the restart itself. */
#define RESTART_DELAY_MAX_MS 2000
#define RESTART_EXTRA_MS     60000
#define MAX_REJECTS          3

typedef struct bot {
    bot_args a;
    bot_script script;
    bot_rng rng;
    notify_queue *q;
    notifier *n;
    client *c;
    int games_done;
    int over_counted; /* this game's GAME_OVER is counted (a resume shows it again) */
    int resumed;      /* the last WELCOME resumed our seat: its START is the same game */
    uint8_t seat;     /* ours in the last START (a resume in another seat is a new game:
                       * a rematch began while we were away) */
    int rejects;
    int dropped_once;
    int resuming;      /* the connection dropped: reconnecting with the token */
    int reconnect_due; /* waiting RECONNECT_DELAY_MS before the next try */
    int reconnect_tries;
    int reconnect_delay_ms; /* the wait before the next try */
    long restart_budget_ms; /* after RESTARTING: time left for tries */
    int finished;
    int exit_code;
    bot_engine *engine;  /* --engine, or NULL */
    int engine_resigned; /* resigned for a failed engine: stop at GAME_OVER */
} bot;

static void MB_PRINTF(2, 3) say(const bot *b, const char *fmt, ...)
{
    va_list ap;
    if (b->a.quiet)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

static void MB_PRINTF(3, 4) finish(bot *b, int code, const char *fmt, ...)
{
    va_list ap;
    if (b->finished)
        return;
    b->finished = 1;
    b->exit_code = code;
    if (!fmt)
        return;
    fflush(stdout);
    fputs("matchboard-bot: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void flush_output(bot *b)
{
    size_t len;
    const uint8_t *out = client_output(b->c, &len);
    if (len == 0 || client_get_state(b->c) == CLIENT_OFFLINE)
        return;
    if (notifier_send(b->n, out, len) == SOCK_OK)
        client_output_consume(b->c, len);
    /* a full queue keeps the bytes for the next round; a broken link is
     * reported by NOTIFY_CLOSE */
}

/* A connect failed: try again later while resuming, else give up. */
static void connect_failed(bot *b, sock_err e)
{
    if (b->resuming && client_restarting(b->c) && b->restart_budget_ms > 0) {
        /* The server is still down: back off. */
        b->reconnect_delay_ms =
            b->reconnect_delay_ms ? 2 * b->reconnect_delay_ms : RECONNECT_DELAY_MS;
        if (b->reconnect_delay_ms > RESTART_DELAY_MAX_MS)
            b->reconnect_delay_ms = RESTART_DELAY_MAX_MS;
        b->restart_budget_ms -= b->reconnect_delay_ms;
        b->reconnect_due = 1;
        return;
    }
    if (b->resuming && ++b->reconnect_tries < MAX_RECONNECTS) {
        b->reconnect_due = 1;
        return;
    }
    finish(b, 1, "cannot connect to %s port %u: %s", b->a.host, (unsigned)b->a.port,
           sock_strerror(e));
}

static void start_connect(bot *b)
{
    sock_err e = notifier_connect(b->n, b->a.host, b->a.port, b->a.timeout_ms);
    if (e != SOCK_OK)
        connect_failed(b, e);
}

static void connection_lost(bot *b, const char *why)
{
    int resumable;
    if (b->finished)
        return;
    notifier_disconnect(b->n);
    resumable = client_connection_lost(b->c);
    if (resumable && client_restarting(b->c)) {
        say(b, "connection lost (%s); the server restarts: resuming", why);
        b->resuming = 1;
        b->reconnect_due = 1;
        b->reconnect_delay_ms = 0;
        return;
    }
    if (resumable && b->reconnect_tries < MAX_RECONNECTS) {
        say(b, "connection lost (%s); resuming", why);
        b->resuming = 1;
        b->reconnect_due = 1;
        return;
    }
    finish(b, 1, "connection lost: %s", why);
}

static void on_game_over(bot *b, const client_event *ev)
{
    game_result r = ev->u.game_over.result;
    if (b->over_counted)
        return; /* a finished game resumed (a rematch offer was pending): counted */
    b->over_counted = 1;
    printf("result: %s %s\n", client_score_str(r), client_reason_word(r.reason));
    fflush(stdout);
    b->games_done++;
    b->rejects = 0;
    if (b->engine && bot_engine_failure(b->engine)) {
        finish(b, 1, "%s", bot_engine_failure(b->engine));
        return;
    }
    if (!b->a.seat && b->games_done >= b->a.games) { /* the engine seat plays on */
        finish(b, 0, NULL);
        return;
    }
    /* Player1 of the finished game asks for the rematch, Player2 accepts:
     * the offers never cross. */
    if (!b->a.watch && client_side(b->c) == GAME_SIDE_P1)
        client_offer_rematch(b->c);
}

static void on_event(bot *b, const client_event *ev)
{
    char line[256];
    client_event_describe(b->c, ev, line, sizeof line);
    if (b->engine)
        bot_engine_on_event(b->engine, ev, mb_now_ms());
    if (ev->type != CLIENT_EV_PROTOCOL_ERROR && ev->type != CLIENT_EV_SERVER_ERROR)
        say(b, "%s", line);
    switch (ev->type) {
    case CLIENT_EV_GAME_OVER:
        on_game_over(b, ev);
        break;
    case CLIENT_EV_WELCOME:
        b->reconnect_tries = 0;
        b->resuming = 0;
        b->resumed = ev->u.welcome.resumed && ev->u.welcome.seat == b->seat;
        break;
    case CLIENT_EV_START:
        if (!b->resumed) /* a new game, not the resume of this one */
            b->over_counted = 0;
        b->resumed = 0;
        b->seat = ev->u.start.seat;
        break;
    case CLIENT_EV_RESTARTING:
        b->restart_budget_ms = (long)ev->u.restarting.grace_ms + RESTART_EXTRA_MS;
        break;
    case CLIENT_EV_REMATCH_OFFERED:
        client_answer_rematch(b->c, b->a.seat || b->games_done < b->a.games);
        break;
    case CLIENT_EV_REMATCH_DECLINED:
        if (b->a.seat)
            break; /* the server sends it back to the lobby in time */
        finish(b, 1, "rematch declined after %d of %d games", b->games_done, b->a.games);
        break;
    case CLIENT_EV_PEER_STATUS:
        /* Gone for good (grace 0); with grace left the seat is held a while
         * (a drop with a rematch offer pending, or a restart).
         * (The engine seat stays: the server sends it back to the lobby.) */
        if (!ev->u.peer.status && !ev->u.peer.grace_ms &&
            client_get_state(b->c) == CLIENT_GAME_OVER && !b->a.watch && !b->a.seat)
            finish(b, 1, "the opponent left after %d of %d games", b->games_done, b->a.games);
        break;
    case CLIENT_EV_DRAW_OFFERED:
        client_answer_draw(b->c, 0); /* a bot plays on */
        break;
    case CLIENT_EV_TAKEBACK_OFFERED:
        client_answer_takeback(b->c, 1); /* a sparring partner lets you take it back */
        break;
    case CLIENT_EV_REJECT:
        if (b->a.moves_file && client_ops(b->c)->ply(client_game(b->c)) < b->script.count)
            finish(b, 1, "the server refused a scripted move: %s",
                   client_reject_reason_str(ev->u.reject.reason));
        else if (++b->rejects > MAX_REJECTS)
            finish(b, 1, "the server refused %d moves in a row", b->rejects);
        break;
    case CLIENT_EV_SERVER_ERROR:
        if (ev->u.server_error.code != PACKET_CODE_NOT_ALLOWED)
            finish(b, 1, "%s", line);
        else
            say(b, "%s", line);
        break;
    case CLIENT_EV_PROTOCOL_ERROR:
        finish(b, 1, "%s", line);
        break;
    default:
        break;
    }
}

static void handle_events(bot *b)
{
    client_event ev;
    while (!b->finished && client_next_event(b->c, &ev))
        on_event(b, &ev);
}

static void maybe_drop(bot *b)
{
    const game *g = client_game(b->c);
    if (b->finished || b->dropped_once || b->a.drop_after < 0 || !g ||
        client_get_state(b->c) != CLIENT_PLAYING ||
        client_ops(b->c)->ply(g) < (uint32_t)b->a.drop_after)
        return;
    b->dropped_once = 1;
    connection_lost(b, "dropped on purpose by --drop-after");
}

static void say_note(void *user, const char *text)
{
    say(user, "%s", text);
}

/* With --engine: the engine's move when it is ready. A failed engine
 * resigns a game under way (and the bot stops at its GAME_OVER) or stops
 * the bot at once when no game is under way. */
static void engine_move(bot *b)
{
    game_move m;
    client_error e;
    const char *why;
    bot_engine_step(b->engine, b->c, mb_now_ms(), say_note, b);
    why = bot_engine_failure(b->engine);
    if (why) {
        if (b->engine_resigned)
            return;
        b->engine_resigned = 1;
        if (client_get_state(b->c) == CLIENT_PLAYING && client_resign(b->c) == CLIENT_OK)
            say(b, "resigning: %s", why); /* the bot stops at GAME_OVER */
        else
            finish(b, 1, "%s", why);
        return;
    }
    if (!client_my_turn(b->c) || !bot_engine_take_move(b->engine, b->c, &m))
        return;
    e = client_send_move(b->c, &m);
    if (e != CLIENT_OK)
        finish(b, 1, "cannot send the move: %s", client_strerror(e));
}

/* Plays when it is our turn; with --delay only once the loop waited that
 * long (waited set). */
static void maybe_move(bot *b, int waited)
{
    game_move m;
    char err[160];
    client_error e;
    if (b->finished || b->a.watch)
        return;
    if (b->engine && !client_in_opening(b->c)) {
        engine_move(b);
        return;
    }
    if (b->engine && bot_engine_plays_opening(b->c)) {
        /* swap, swap2: the engine decides (SWAP2BOARD) */
        packet_opening_action step;
        engine_move(b); /* steps the engine; resigns when it failed */
        if (b->finished || bot_engine_failure(b->engine) || !client_my_turn(b->c) ||
            !bot_engine_take_opening(b->engine, b->c, &step))
            return;
        e = client_send_opening(b->c, &step);
        if (e != CLIENT_OK)
            finish(b, 1, "cannot send the opening step: %s", client_strerror(e));
        return;
    }
    if (!client_my_turn(b->c) || (b->a.delay_ms > 0 && !waited))
        return;
    if (client_in_opening(b->c)) {
        /* The opening's decisions are the bot's own (random but legal),
         * with or without an engine: the engine gets the position after. */
        packet_opening_action step;
        if (bot_choose_opening(client_game(b->c), client_opening(b->c), &b->rng, &step, err,
                               sizeof err) != 0) {
            finish(b, 1, "%s", err);
            return;
        }
        e = client_send_opening(b->c, &step);
        if (e != CLIENT_OK)
            finish(b, 1, "cannot send the opening step: %s", client_strerror(e));
        return;
    }
    if (bot_choose_move(client_ops(b->c), client_game(b->c), b->a.moves_file ? &b->script : NULL,
                        &b->rng, &m, err, sizeof err) != 0) {
        finish(b, 1, "%s", err);
        return;
    }
    e = client_send_move(b->c, &m);
    if (e != CLIENT_OK)
        finish(b, 1, "cannot send the move: %s", client_strerror(e));
}

/* Reads everything there is (re-enabling NOTIFY_READ), feeding the client. */
static void read_all(bot *b)
{
    uint8_t buf[4096];
    for (;;) {
        long r = notifier_recv(b->n, buf, sizeof buf);
        if (r > 0) {
            client_feed(b->c, buf, (size_t)r);
            continue;
        }
        if (r == SOCK_ERR_WOULD_BLOCK || r == SOCK_ERR_INTERRUPTED)
            return;
        handle_events(b); /* what came before the end still counts */
        connection_lost(b, r == 0 ? "closed by the server" : sock_strerror((sock_err)r));
        return;
    }
}

static void on_notification(bot *b, const notifier_event *ev)
{
    switch (ev->kind) {
    case NOTIFY_CONNECT:
        if (ev->error != SOCK_OK) {
            connect_failed(b, ev->error);
            return;
        }
        say(b, "connected to %s port %u", b->a.host, (unsigned)b->a.port);
        client_connected(b->c);
        break;
    case NOTIFY_READ:
    case NOTIFY_CLOSE: /* FD_CLOSE may come with data still to read */
        read_all(b);
        break;
    case NOTIFY_WRITE:
        break;
    }
}

static int run(bot *b)
{
    start_connect(b);
    while (!b->finished) {
        notifier_event ev;
        int thinking = b->a.delay_ms > 0 && !b->a.watch && client_my_turn(b->c);
        int wait = b->reconnect_due && client_restarting(b->c) ? b->reconnect_delay_ms
                   : b->reconnect_due                          ? RECONNECT_DELAY_MS
                   : thinking                                  ? b->a.delay_ms
                                                               : -1;
        int engine_wait = b->engine ? bot_engine_wait_ms(b->engine, mb_now_ms()) : -1;
        if (engine_wait >= 0 && (wait < 0 || engine_wait < wait))
            wait = engine_wait;
        if (!notify_queue_wait(b->q, &ev, wait)) {
            if (b->engine) {
                maybe_move(b, 0);
                handle_events(b);
                flush_output(b);
            }
            if (b->reconnect_due) {
                b->reconnect_due = 0;
                start_connect(b);
            } else if (thinking) {
                maybe_move(b, 1);
                flush_output(b);
            }
            continue;
        }
        if (!ev.from) { /* a wake: the engine printed something */
            maybe_move(b, 0);
            handle_events(b);
            flush_output(b);
            continue;
        }
        if (!notifier_is_current(b->n, &ev))
            continue; /* a notification of a connection given up since */
        on_notification(b, &ev);
        handle_events(b);
        maybe_drop(b);
        maybe_move(b, 0);
        handle_events(b);
        flush_output(b);
    }
    flush_output(b);
    return b->exit_code;
}

static void wake_loop(void *q)
{
    notify_queue_wake(q);
}

/* --seat: the seat key, 32 hex digits on the first line of stdin (the
 * server writes it there, out of sight of other users' process lists). */
static int read_seat_key(uint8_t key[PACKET_TOKEN_SIZE])
{
    char line[80];
    if (!fgets(line, sizeof line, stdin))
        return -1;
    for (int i = 0; i < PACKET_TOKEN_SIZE; i++) {
        unsigned v;
        if (!isxdigit((unsigned char)line[2 * i]) || !isxdigit((unsigned char)line[2 * i + 1]) ||
            sscanf(line + 2 * i, "%2x", &v) != 1)
            return -1;
        key[i] = (uint8_t)v;
    }
    return 0;
}

int main(int argc, char **argv)
{
    bot b;
    char err[256];
    client_config cfg;
    sock_err se;
    int code;
    memset(&b, 0, sizeof b);
    switch (bot_parse_args(argc, argv, &b.a, err, sizeof err)) {
    case BOT_ARGS_HELP:
        bot_usage(stdout);
        return 0;
    case BOT_ARGS_VERSION:
        printf("matchboard-bot %s (protocol %d to %d)\n", MATCHBOARD_VERSION, PACKET_VERSION_MIN,
               PACKET_VERSION);
        return 0;
    case BOT_ARGS_BAD:
        return cli_usage_error(bot_cli(), stderr, err);
    case BOT_ARGS_RUN:
        break;
    }
    if (b.a.discover) {
        if ((se = sock_startup()) != SOCK_OK) {
            fprintf(stderr, "matchboard-bot: %s\n", sock_strerror(se));
            return 1;
        }
        code = bot_discover(&b.a);
        sock_cleanup();
        return code;
    }
    if (b.a.moves_file && bot_script_load(b.a.moves_file, &b.script, err, sizeof err) != 0) {
        fprintf(stderr, "matchboard-bot: %s\n", err);
        return 2;
    }
    bot_rng_seed(&b.rng, b.a.seed);
    if ((se = sock_startup()) != SOCK_OK) {
        fprintf(stderr, "matchboard-bot: %s\n", sock_strerror(se));
        return 1;
    }
    cfg.name = b.a.name;
    cfg.watch = b.a.watch;
    cfg.ops_for_kind = game_ops_for_kind;
    b.q = notify_queue_create();
    b.c = client_create(&cfg);
    if (b.a.seat && b.c) {
        uint8_t key[PACKET_TOKEN_SIZE];
        if (read_seat_key(key) != 0) {
            fprintf(stderr, "matchboard-bot: --seat: no seat key (32 hex digits) on stdin\n");
            client_destroy(b.c);
            notify_queue_destroy(b.q);
            sock_cleanup();
            return 2;
        }
        client_set_seat_key(b.c, key);
    }
    if (b.a.engine && b.q) {
        b.engine = bot_engine_create(&b.a, wake_loop, b.q);
        if (b.engine && bot_engine_start(b.engine, err, sizeof err) != 0) {
            fprintf(stderr, "matchboard-bot: %s\n", err);
            bot_engine_destroy(b.engine);
            client_destroy(b.c);
            notify_queue_destroy(b.q);
            sock_cleanup();
            return 1;
        }
    }
    se = b.q && b.c ? notifier_create(notify_queue_post, b.q, 0, &b.n) : SOCK_ERR_NO_RESOURCES;
    if (se != SOCK_OK) {
        fprintf(stderr, "matchboard-bot: %s\n", sock_strerror(se));
        code = 1;
    } else {
        code = run(&b);
    }
    bot_engine_destroy(b.engine);
    notifier_destroy(b.n);
    client_destroy(b.c);
    notify_queue_destroy(b.q);
    bot_script_free(&b.script);
    sock_cleanup();
    return code;
}
