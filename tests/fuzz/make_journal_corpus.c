/* make_journal_corpus.c: writes the seed corpus of fuzz_journal: journals
 * the real code writes (a match host playing scripted games, its journal
 * entries written by journal.c), each as fuzz_journal takes it (a control
 * byte, then the file). Every line kind of version 6 (G with terms and
 * ENGINE, M, P, U, R, E, O of every offer, S, T), named v6-...; the same
 * journals as versions 1 to 5 wrote them (v5: G without ENGINE, the engine
 * seat known by its token's old mark; v1 to v4: G without terms, newer
 * lines left out); a match holding the engine seat (ENGINE 2, then 1 after
 * its rematch); and damaged ones: torn tails, CRC mismatches, NUL tails, a
 * damaged header, a later version (7), terms that make no game, a line too
 * long, not a journal, hand-written lines left unsealed (version 6 and 5).
 * Usage: make_journal_corpus DIR (then commit the files under
 * tests/fuzz/corpus/journal/, removing those whose names changed). Built on
 * demand only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gomoku_opening.h"
#include "journal.h"
#include "journal_internal.h"
#include "journal_seal.h"
#include "match_host.h"
#include "match_terms.h"

#define MAX_FILE (64 * 1024)

static const char *g_dir;
static char g_path[1024];
static int g_bad;

/* ---- a host and its world ---- */

static struct gen {
    match_config cfg;
    logic_sink sink;
    journal *j;
    match_host *h;
    uint64_t now;
    int end_records; /* journal E once a game's record is "written" */
    uint8_t seat[8]; /* connection -> seat of its last WELCOME */
    packet_opening_state os;
    int has_os, rejected;
    uint8_t board[32][32];
    uint32_t ply;
    conn_id watch; /* the connection whose view gives board and ply */
    int over;
} G;

static void s_send(void *ctx, conn_id c, const packet *p)
{
    (void)ctx;
    switch (p->type) {
    case PACKET_WELCOME:
        G.seat[c] = p->u.welcome.seat;
        break;
    case PACKET_OPENING_STATE:
        if (getenv("MJC_DEBUG"))
            fprintf(stderr, "conn %d: state step %d actor %d choices %x area %d ply %u\n", (int)c,
                    p->u.opening.step, p->u.opening.actor, p->u.opening.choices, p->u.opening.area,
                    p->u.opening.ply);
        G.os = p->u.opening;
        G.has_os = 1;
        break;
    case PACKET_REJECT:
        G.rejected = 1;
        if (getenv("MJC_DEBUG"))
            fprintf(stderr, "conn %d: REJECT %d at ply %u\n", (int)c, p->u.reject.reason,
                    p->u.reject.ply);
        break;
    case PACKET_GAME_OVER:
        G.over = 1;
        break;
    case PACKET_START: /* a new game, or the same after colours changed hands */
        if (c == G.watch && G.over) {
            G.over = 0;
            memset(G.board, 0, sizeof G.board);
            G.ply = 0;
        }
        break;
    case PACKET_TAKEBACK:
        if (c == G.watch)
            G.ply = p->u.takeback.ply;
        break;
    case PACKET_MOVE:
        if (c == G.watch) {
            G.board[p->u.move.to_x & 31][p->u.move.to_y & 31] = 1;
            G.ply = p->u.move.ply + 1;
        }
        break;
    default:
        break;
    }
}

static void s_close(void *ctx, conn_id c)
{
    (void)ctx;
    (void)c;
}

static void s_log(void *ctx, log_level level, const char *line)
{
    (void)ctx;
    if (level <= LOG_WARN)
        fprintf(stderr, "make_journal_corpus: %s\n", line);
}

static int s_journal(void *ctx, const journal_entry *e)
{
    (void)ctx;
    return journal_append(G.j, e);
}

static void s_record(void *ctx, const match_record *r)
{
    journal_entry e;
    (void)ctx;
    if (!G.end_records)
        return; /* the record is never written: the game stays unrecorded */
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_END;
    e.match_id = r->match_id;
    e.game_no = r->game_no;
    journal_append(G.j, &e);
}

static void s_date(void *ctx, char *buf, size_t cap)
{
    (void)ctx;
    snprintf(buf, cap, "2026.12.07");
}

/* Terms: kind (1 Gomoku, 2 chess), rule, board size, clock, increment. */
static void begin(int kind, int rule, int size, uint32_t clock_ms, uint32_t inc_ms)
{
    memset(&G, 0, sizeof G);
    G.cfg.options.kind = (game_kind)kind;
    G.cfg.options.rule = (uint8_t)rule;
    G.cfg.options.width = G.cfg.options.height = (uint8_t)size;
    G.cfg.clock_ms = clock_ms;
    G.cfg.increment_ms = inc_ms;
    G.cfg.grace_ms = 60000;
    G.cfg.hello_timeout_ms = 10000;
    G.end_records = 1;
    G.now = 1000;
    G.sink.send = s_send;
    G.sink.close = s_close;
    G.sink.log = s_log;
    G.sink.journal = s_journal;
    G.sink.record = s_record;
    G.sink.date = s_date;
}

/* Opens the journal and the host once the terms are set. */
static void open_all(void)
{
    char why[600];
    snprintf(g_path, sizeof g_path, "%s/journal.tmp", g_dir);
    remove(g_path);
    if (match_terms_check(&G.cfg, why, sizeof why) != 0 ||
        journal_open(&G.j, g_path, &G.cfg, why, sizeof why) != 0 ||
        !(G.h = match_host_create(&G.cfg, &G.sink))) {
        fprintf(stderr, "make_journal_corpus: %s\n", why);
        exit(1);
    }
}

/* A token of the form a version 5 server gave its engine seat (bytes 8..15
 * the mix of bytes 0..7, journal_line.c's v5_token_marked): a v5 journal
 * made from a v6 one still says which seat is the engine's. */
static const uint8_t v5_marked[PACKET_TOKEN_SIZE] = {
    0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x18, 0xdc, 0xb7, 0x75, 0x30, 0xc0, 0x94, 0xbb};

/* Seats match id on connections a (Player1) and b; engine: the seat (1, 2)
 * that is the server's engine seat, its token of the old marked form; 0:
 * none. */
static void seat_engine(uint32_t id, conn_id a, conn_id b, int engine)
{
    match_seating m;
    memset(&m, 0, sizeof m);
    m.match_id = id;
    m.seat[0].conn = a;
    m.seat[1].conn = b;
    snprintf(m.seat[0].name, sizeof m.seat[0].name, "%s", id == 1 ? "Ann" : "Zoë");
    snprintf(m.seat[1].name, sizeof m.seat[1].name, "%s", id == 1 ? "Ben" : "");
    for (int i = 0; i < PACKET_TOKEN_SIZE; i++) {
        m.seat[0].token[i] = (uint8_t)(0x10 * id + i);
        m.seat[1].token[i] = (uint8_t)(0xF0 - 0x10 * id + i);
    }
    m.seat[0].version = m.seat[1].version = PACKET_VERSION;
    if (engine == 1 || engine == 2) {
        m.seat[engine - 1].engine = 1;
        memcpy(m.seat[engine - 1].token, v5_marked, sizeof v5_marked);
        if (!v5_token_marked(v5_marked)) {
            fprintf(stderr, "make_journal_corpus: the engine token lost its old mark\n");
            exit(1);
        }
    }
    G.seat[a] = 1; /* the lobby's WELCOME said so */
    G.seat[b] = 2;
    G.watch = a;
    G.ply = 0;
    G.over = 0;
    memset(G.board, 0, sizeof G.board);
    match_host_start(G.h, &m, G.now);
}

static void seat_pair(uint32_t id, conn_id a, conn_id b)
{
    seat_engine(id, a, b, 0);
}

static void send(conn_id c, const packet *p)
{
    G.now += 700;
    match_host_packet(G.h, c, p, G.now);
}

static void simple(conn_id c, packet_type type, uint32_t v)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    if (type == PACKET_DRAW_ANSWER || type == PACKET_REMATCH_ANSWER ||
        type == PACKET_TAKEBACK_ANSWER)
        p.u.answer.accept = (uint8_t)v;
    else if (type == PACKET_TAKEBACK_OFFER)
        p.u.takeback_offer.plies = (uint8_t)v;
    else if (type == PACKET_GIVE_TIME)
        p.u.give_time.ms = v;
    else
        p.u.ply.ply = v;
    send(c, &p);
}

/* The connection (of a, b) whose seat is seat. */
static conn_id of_seat(conn_id a, conn_id b, int seat)
{
    return G.seat[a] == seat ? a : b;
}

static void move(conn_id c, int fx, int fy, int tx, int ty, int promo)
{
    packet p;
    packet_make_move(&p, G.ply, (uint8_t)fx, (uint8_t)fy, (uint8_t)tx, (uint8_t)ty, (uint8_t)promo);
    send(c, &p);
}

/* A free point near the centre, within half-width area of it (0xFF:
 * anywhere), the k-th such. */
static int free_point(int area, int k, uint8_t *x, uint8_t *y)
{
    int n = G.cfg.options.width, c = n / 2;
    for (int r = 0; r < n; r++)
        for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++) {
                int px = c + dx, py = c + dy;
                if ((dx != -r && dx != r && dy != -r && dy != r) || px < 0 || py < 0 || px >= n ||
                    py >= n || G.board[px][py])
                    continue;
                if (area != 0xFF && (dx < -area || dx > area || dy < -area || dy > area))
                    continue;
                if (k-- == 0) {
                    *x = (uint8_t)px;
                    *y = (uint8_t)py;
                    return 1;
                }
            }
    return 0;
}

/* Plays the opening of match a-b through its steps; prefer: the choice
 * taken when it is offered. */
static void play_opening(conn_id a, conn_id b, int prefer)
{
    for (int guard = 0; guard < 64 && G.has_os && G.os.step != GOMOKU_STEP_DONE; guard++) {
        packet p;
        packet_opening_action *o = &p.u.opening_action;
        int tries = 0;
        memset(&p, 0, sizeof p);
        p.type = PACKET_OPENING_ACTION;
        o->step = G.os.step;
        o->ply = G.ply;
        memset(o->points, PACKET_NO_SQUARE, sizeof o->points);
        switch (G.os.step) {
        case GOMOKU_STEP_PLACE:
            free_point(G.os.area, 0, &o->points[0], &o->points[1]);
            break;
        case GOMOKU_STEP_CHOOSE:
            o->choice = (G.os.choices >> prefer & 1) ? (uint8_t)prefer : 0;
            while (!(G.os.choices >> o->choice & 1))
                o->choice++;
            break;
        case GOMOKU_STEP_DECLARE:
            o->count = G.os.declare_min;
            break;
        case GOMOKU_STEP_PROPOSE:
            o->count = G.os.count;
            break;
        case GOMOKU_STEP_SELECT:
            o->points[0] = G.os.points[0];
            o->points[1] = G.os.points[1];
            break;
        default:
            return;
        }
        do { /* proposals: spread out until none is refused */
            if (G.os.step == GOMOKU_STEP_PROPOSE)
                for (int i = 0; i < o->count; i++)
                    free_point(0xFF, 3 * i + 5 + 7 * tries, &o->points[2 * i],
                               &o->points[2 * i + 1]);
            G.rejected = 0;
            send(of_seat(a, b, G.os.actor), &p);
        } while (G.rejected && G.os.step == GOMOKU_STEP_PROPOSE && ++tries < 20);
        if (G.rejected) {
            fprintf(stderr, "make_journal_corpus: opening step %d refused\n", o->step);
            exit(1);
        }
    }
}

/* n Gomoku stones, black and white in turn, from the k-th free point on. */
static void stones(conn_id a, conn_id b, int n, int k)
{
    for (int i = 0; i < n; i++) {
        uint8_t x = 0, y = 0;
        if (!free_point(0xFF, k + 3 * i, &x, &y))
            return;
        move(of_seat(a, b, G.ply % 2 == 0 ? 1 : 2), PACKET_NO_SQUARE, PACKET_NO_SQUARE, x, y, 0);
    }
}

/* ---- the files ---- */

static size_t g_len;
static uint8_t g_text[MAX_FILE];

/* Closes the host and journal as a crash leaves them: the file as it is. */
static void crash(void)
{
    FILE *f;
    match_host_destroy(G.h);
    journal_close(G.j);
    f = fopen(g_path, "rb");
    g_len = f ? fread(g_text, 1, sizeof g_text - 1, f) : 0;
    if (f)
        fclose(f);
    /* a journal closed is cut to its last line; one mapped may still end in NULs */
    while (g_len > 0 && g_text[g_len - 1] == '\0')
        g_len--;
    g_text[g_len] = '\0';
    remove(g_path);
    snprintf(g_path + strlen(g_path), 16, ".lock");
    remove(g_path);
}

/* A clean stop: every game's clocks journaled (S), then as a crash. */
static void stop(void)
{
    G.now += 1000;
    match_host_suspend(G.h, G.now);
    crash();
}

static void put(const char *name, uint8_t control, const uint8_t *b, size_t n)
{
    char path[1200];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    f = fopen(path, "wb");
    if (!f || fputc(control, f) == EOF || (n && fwrite(b, 1, n, f) != n) || fclose(f) != 0) {
        fprintf(stderr, "make_journal_corpus: cannot write %s\n", path);
        g_bad = 1;
    }
}

/* The journal g_text as version v (1..5) wrote it: G without ENGINE (v5),
 * without terms (v1..v4), newer lines left out, version 1's E without its
 * game; resealed. */
static void put_version(const char *name, int v, uint8_t control)
{
    static uint8_t out[MAX_FILE], sealed[5 * MAX_FILE];
    size_t o = 0, at = 0;
    while (at < g_len) {
        char line[1024];
        const uint8_t *nl = memchr(g_text + at, '\n', g_len - at);
        size_t n = nl ? (size_t)(nl - g_text) - at : g_len - at;
        char *star, *f;
        int keep = 1, fields = 0;
        if (n >= sizeof line)
            break;
        memcpy(line, g_text + at, n);
        line[n] = '\0';
        at += n + 1;
        if ((star = strstr(line, " *")) != NULL)
            *star = '\0';
        switch (line[0]) {
        case 'M':
        case 'E':
            break;
        case 'R':
            keep = v >= 2;
            break;
        case 'O':
            keep = v >= 5 || (v >= 3 && line[strlen(line) - 3] != '4');
            break;
        case 'S':
        case 'P':
        case 'U':
            keep = v >= 3;
            break;
        case 'T':
            keep = v >= 4;
            break;
        default:
            break;
        }
        if (!keep)
            continue;
        if (line[0] == 'M' && line[1] == 'B') {
            line[4] = (char)('0' + v);
        } else if (line[0] == 'G' && v == 5) { /* all but ENGINE */
            if ((f = strrchr(line, ' ')) != NULL)
                *f = '\0';
        } else if (line[0] == 'G') { /* the first nine fields */
            for (f = line; *f && fields < 9; f++)
                fields += *f == ' ';
            if (fields == 9)
                f[-1] = '\0';
        } else if (line[0] == 'E' && v == 1 && (f = strrchr(line, ' ')) != line + 1) {
            *f = '\0';
        }
        o += (size_t)snprintf((char *)out + o, sizeof out - o, "%s *\n", line);
    }
    put(name, control, sealed, seal_lines(out, o, sealed));
}

/* The current journal with its text changed by edit, resealed or not. */
static void put_edited(const char *name, const char *from, const char *to, int reseal)
{
    static uint8_t out[MAX_FILE], sealed[5 * MAX_FILE];
    const char *hit = strstr((const char *)g_text, from);
    size_t o = 0, k;
    if (!hit) {
        fprintf(stderr, "make_journal_corpus: %s: no \"%s\"\n", name, from);
        g_bad = 1;
        return;
    }
    k = (size_t)(hit - (const char *)g_text);
    o = (size_t)snprintf((char *)out, sizeof out, "%.*s%s%s", (int)k, (const char *)g_text, to,
                         hit + strlen(from));
    if (reseal)
        put(name, 0, sealed, seal_lines(out, o, sealed));
    else
        put(name, 0, out, o);
}

/* ---- the scripts ---- */

/* Gomoku with a 5+3 clock: moves, a gift of time, a takeback, a draw offer
 * and a takeback request pending; crashed. Also as versions 1 to 4 wrote
 * it, and damaged. */
static void gomoku_offers(void)
{
    static uint8_t buf[MAX_FILE + 4096];
    size_t cut;
    begin(1, 0, 15, 300000, 3000);
    open_all();
    seat_pair(1, 1, 2);
    stones(1, 2, 5, 0);
    simple(2, PACKET_GIVE_TIME, 15000);
    simple(1, PACKET_TAKEBACK_OFFER, 1);
    simple(2, PACKET_TAKEBACK_ANSWER, 1);
    stones(1, 2, 2, 9);
    simple(1, PACKET_DRAW_OFFER, G.ply);
    simple(2, PACKET_TAKEBACK_OFFER, 1);
    crash();
    put("v6-gomoku-clock-offers", 0, g_text, g_len);
    put_version("v5-gomoku-clock-offers", 5, 0);
    put_version("v4-gomoku-clock-offers", 4, 0);
    put_version("v3-gomoku-clock-offers", 3, 0);
    put_version("v2-gomoku-clock-offers", 2, 0);
    put_version("v1-gomoku-clock-offers", 1, 0);
    /* an older journal under other flags (chess): refused, left as it was */
    put_version("v4-gomoku-under-chess-flags", 4, 2 << 1);
    /* the last line cut short, a CRC that fails in the middle */
    cut = g_len - 7;
    put("torn-tail", 0, g_text, cut);
    { /* a move's body changed, its CRC not */
        char *m = strstr((char *)g_text, "M 1 2 255 255 ");
        if (m) {
            char was = m[14];
            m[14] = was == '9' ? '8' : (char)(was + 1);
            put("crc-mismatch", 0, g_text, g_len);
            m[14] = was;
        }
    }
    /* the preallocated end of a crash, then something after it */
    memcpy(buf, g_text, g_len);
    memset(buf + g_len, 0, 4096);
    put("nul-tail", 0, buf, g_len + 4096);
    snprintf((char *)buf + g_len + 100, 40, "M 1 9 255 255 1 1 0 0 0 *00000000\n");
    put("nul-then-line", 0, buf, g_len + 4096);
    /* a damaged header; a later version; a line too long; not a journal */
    put_edited("damaged-header", "MBJ 6 1", "MBJ 6 2", 0);
    put_edited("later-version", "MBJ 6 ", "MBJ 7 ", 1);
    memset(buf, 'a', 700);
    buf[0] = 'G';
    buf[1] = ' ';
    buf[699] = '\n';
    memcpy(buf + 700, g_text, g_len);
    put("line-too-long", 0, buf, 700 + g_len);
    put("not-a-journal", 0, (const uint8_t *)"hello, world\n", 13);
    put("empty", 0, NULL, 0);
}

/* Chess with a clock: fool's mate, the result journaled but the record
 * never written (unrecorded); a second match resigned and recorded. */
static void chess_unrecorded(void)
{
    begin(2, 0, 8, 180000, 2000);
    open_all();
    G.end_records = 0;
    seat_pair(1, 1, 2);
    move(1, 5, 1, 5, 2, 0);
    move(2, 4, 6, 4, 4, 0);
    move(1, 6, 1, 6, 3, 0);
    move(2, 3, 7, 7, 3, 0);
    G.end_records = 1;
    seat_pair(2, 3, 4);
    move(3, 4, 1, 4, 3, 0);
    simple(4, PACKET_RESIGN, 1);
    crash();
    put("v6-chess-unrecorded", 0, g_text, g_len);
    put_version("v5-chess-unrecorded", 5, 0);
    put_version("v2-chess-unrecorded", 2, 0);
    put_version("v1-chess-unrecorded", 1, 0);
}

/* Chess: e4 d5 exd5, resigned, recorded; then a rematch offer after the
 * record (the game written again), its maker away, declined: the decline
 * not told yet (O 4). */
static void chess_rematch_declined(void)
{
    begin(2, 0, 8, 0, 0);
    open_all();
    seat_pair(1, 1, 2);
    move(1, 4, 1, 4, 3, 0);
    move(2, 3, 6, 3, 4, 0);
    move(1, 4, 3, 3, 4, 0);
    simple(2, PACKET_RESIGN, G.ply);
    simple(2, PACKET_REMATCH_OFFER, G.ply);
    G.now += 500;
    match_host_closed(G.h, 2, G.now);
    simple(1, PACKET_REMATCH_ANSWER, 0);
    crash();
    put("v6-chess-rematch-declined", 0, g_text, g_len);
    put_version("v5-chess-rematch-declined", 5, 0);
    put_version("v4-chess-rematch-declined", 4, 0);
    put_version("v3-chess-rematch-declined", 3, 0);
}

/* Match a-b's Gomoku game won by black, five in a row on rank 3. */
static void black_wins(conn_id a, conn_id b)
{
    for (int i = 0; i < 4; i++) {
        move(of_seat(a, b, 1), PACKET_NO_SQUARE, PACKET_NO_SQUARE, 3 + i, 3, 0);
        move(of_seat(a, b, 2), PACKET_NO_SQUARE, PACKET_NO_SQUARE, 3 + i, 9, 0);
    }
    move(of_seat(a, b, 1), PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 3, 0);
}

/* Gomoku: a game won, a rematch accepted (the second game's G, seats
 * exchanged), a move of it, then a clean stop (S). */
static void gomoku_rematch_stop(void)
{
    begin(1, 1, 15, 600000, 0);
    open_all();
    seat_pair(1, 1, 2);
    black_wins(1, 2);
    simple(1, PACKET_REMATCH_OFFER, G.ply);
    simple(2, PACKET_REMATCH_ANSWER, 1);
    stones(1, 2, 3, 0);
    stop();
    put("v6-gomoku-rematch-stop", 0, g_text, g_len);
    put_version("v5-gomoku-rematch-stop", 5, 0);
    put_version("v3-gomoku-rematch-stop", 3, 0);
    put_version("v1-gomoku-rematch-stop", 1, 0);
}

/* Match 1's first game won, its record not written yet (no E), its
 * rematch begun and played; then match 2, begun first, ends and is
 * recorded (E): the journal's order of match 1's games must survive
 * the compaction at the next start. */
static void rematch_before_record(void)
{
    begin(1, 0, 15, 0, 0);
    open_all();
    seat_pair(2, 3, 4);
    stones(3, 4, 2, 0);
    seat_pair(1, 1, 2);
    G.end_records = 0;
    for (int i = 0; i < 4; i++) {
        move(1, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 2 + i, 2, 0);
        move(2, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 2 + i, 12, 0);
    }
    move(1, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 6, 2, 0);
    simple(2, PACKET_REMATCH_OFFER, G.ply);
    simple(1, PACKET_REMATCH_ANSWER, 1);
    stones(1, 2, 2, 0);
    G.end_records = 1;
    simple(3, PACKET_RESIGN, 2);
    crash();
    put("v6-rematch-before-record", 0, g_text, g_len);
}

/* The Gomoku openings: each rule's steps (P), then moves. */
static void opening_game(const char *name, int rule, int board_rule, int prefer)
{
    begin(1, board_rule, 15, 0, 0);
    G.cfg.opening = (uint8_t)rule;
    open_all();
    seat_pair(1, 1, 2);
    play_opening(1, 2, prefer);
    stones(1, 2, 2, 20);
    crash();
    put(name, 0, g_text, g_len);
}

/* Terms other than the flags: delays, a move time cap, no takebacks; two
 * matches; and an older server's flags that differ (terms carry them). */
static void terms_and_delays(void)
{
    begin(1, 2, 15, 120000, 0);
    G.cfg.delay_kind = 2;
    G.cfg.delay_ms = 5000;
    G.cfg.move_time_ms = 30000;
    G.cfg.no_takeback = 1;
    open_all();
    seat_pair(1, 1, 2);
    stones(1, 2, 3, 0);
    seat_pair(2, 3, 4);
    stones(3, 4, 1, 4);
    crash();
    put("v6-renju-bronstein-two-matches", 0, g_text, g_len);
    put("v6-renju-under-gomoku-flags", 1 << 1, g_text, g_len);
    /* terms that make no game (a board of 95) beside a good game */
    {
        char *g2 = strstr((char *)g_text, "G 2 1 ");
        char *w = g2 ? strstr(g2, " 15 15 ") : NULL;
        if (w) {
            static uint8_t sealed[5 * MAX_FILE];
            w[1] = '9'; /* " 15 15 " becomes " 95 15 " */
            put("v6-refused-terms", 0, sealed, seal_lines(g_text, g_len, sealed));
        }
    }
}

/* Hand-written lines with their seal left to fuzz_journal (control bit 0):
 * version 6 (the engine in TOKEN2's seat), and the same as version 5 wrote
 * it (no ENGINE). */
static void unsealed(void)
{
    static const char v6[] =
        "MBJ 6 2 0 8 8 0 0 1 *\n"
        "G 3 2 000102030405060708090a0b0c0d0e0f f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff 416e6e - 0 0 2 "
        "0 8 8 0 0 0 0 0 0 0 2 *\n"
        "M 3 0 4 1 4 3 0 0 0 *\n"
        "O 3 2 1 2 *\n"
        "M 3 1 4 6 4 4 0 0 0 *\n"
        "E 3 1 *\n";
    static const char v5[] =
        "MBJ 5 2 0 8 8 0 0 1 *\n"
        "G 3 2 000102030405060708090a0b0c0d0e0f f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff 416e6e - 0 0 2 "
        "0 8 8 0 0 0 0 0 0 0 *\n"
        "M 3 0 4 1 4 3 0 0 0 *\n"
        "O 3 2 1 2 *\n"
        "M 3 1 4 6 4 4 0 0 0 *\n"
        "E 3 1 *\n";
    put("unsealed-chess", 1, (const uint8_t *)v6, sizeof v6 - 1);
    put("unsealed-chess-v5", 1, (const uint8_t *)v5, sizeof v5 - 1);
}

/* The server's engine seat: match 1 with the engine as Player2 (ENGINE 2),
 * won, a rematch accepted (seats exchanged: ENGINE 1 in game 2's G), a
 * move of it; match 2 with the engine as Player1 (ENGINE 1); crashed. As
 * version 5 wrote it, the engine's token carries the old mark. */
static void engine_rematch(void)
{
    begin(1, 0, 15, 0, 0);
    open_all();
    seat_engine(1, 1, 2, 2);
    black_wins(1, 2);
    simple(2, PACKET_REMATCH_OFFER, G.ply);
    simple(1, PACKET_REMATCH_ANSWER, 1);
    stones(1, 2, 1, 0);
    seat_engine(2, 3, 4, 1);
    stones(3, 4, 2, 0);
    crash();
    put("v6-engine-rematch", 0, g_text, g_len);
    put_version("v5-engine-rematch", 5, 0);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_journal_corpus DIR\n");
        return 2;
    }
    g_dir = argv[1];
    gomoku_offers();
    chess_unrecorded();
    chess_rematch_declined();
    gomoku_rematch_stop();
    rematch_before_record();
    opening_game("v6-opening-swap", GOMOKU_OPENING_SWAP, 0, GOMOKU_CHOICE_SWAP);
    opening_game("v6-opening-swap2", GOMOKU_OPENING_SWAP2, 0, GOMOKU_CHOICE_PLACE_TWO);
    opening_game("v6-opening-rif", GOMOKU_OPENING_RIF, 2, GOMOKU_CHOICE_STAY);
    opening_game("v6-opening-yamaguchi", GOMOKU_OPENING_YAMAGUCHI, 2, GOMOKU_CHOICE_SWAP);
    opening_game("v6-opening-soosorv8", GOMOKU_OPENING_SOOSORV8, 2, GOMOKU_CHOICE_STAY);
    opening_game("v6-opening-taraguchi10", GOMOKU_OPENING_TARAGUCHI10, 2, GOMOKU_CHOICE_PROPOSE);
    terms_and_delays();
    engine_rematch();
    unsealed();
    return g_bad;
}
