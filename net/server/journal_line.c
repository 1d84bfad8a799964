/* journal_line.c: the journal's line format, one line per record:
 *
 *   MBJ 5 KIND RULE WIDTH HEIGHT CLOCK_MS INCREMENT_MS NEXT_ID *CRC
 *   G MATCH GAME TOKEN1 TOKEN2 NAME1 NAME2 LEFT1 LEFT2 KIND RULE WIDTH HEIGHT
 *     CLOCK_MS INCREMENT_MS DELAY DELAY_MS MOVE_TIME_MS OPENING NO_TAKEBACK *CRC
 *   M MATCH PLY FROMX FROMY TOX TOY PROMOTION LEFT1 LEFT2 *CRC
 *   R MATCH GAME WINNER REASON *CRC
 *   E MATCH GAME *CRC
 *   O MATCH GAME OFFER SIDE *CRC
 *   S MATCH GAME LEFT1 LEFT2 *CRC
 *   T MATCH GAME LEFT1 LEFT2 *CRC
 *
 * O: an offer of kind OFFER (1 draw, 2 rematch, 3 takeback) by SIDE (1, 2)
 * is pending, or none of that kind (SIDE 0); a move or a takeback (M, U)
 * also ends a takeback request. OFFER 4 is a decline: SIDE's rematch offer
 * was declined while SIDE was away, and SIDE has not been told yet (SIDE
 * 0: it has, or will not be); it comes before the offer's own "O ... 2 0".
 * S: the server stopped cleanly with the game's clocks stopped at LEFT1
 * and LEFT2 ms. T: the clocks changed between moves (a player gave time):
 * LEFT1 and LEFT2 as at the last move. All three belong to the game GAME
 * of the match, and are kept with it.
 *
 * A finished game whose rematch offer is pending outlives its E: it is
 * kept (E line included) until the offer is answered or withdrawn (an O 2
 * with SIDE 0) and no decline of it is left to tell (an O 4 with SIDE 0),
 * or a later game of the match begins (its G), and is read back as a
 * finished match whose players may resume to answer the offer, or whose
 * maker resumes to hear the decline.
 *
 * G carries the game's terms (match_terms.h): it goes on under them after a
 * restart, whatever the server's flags; a G without them (version 4 and
 * before) takes the reading server's, which must then match the header's.
 *
 * M applies to the match's current game (the one without an R). R ends
 * a game; E (its record is written) lets the journal forget it. A journal
 * written before R existed (version 1) has "E MATCH": it ends the match's
 * current game. Version 2 added R, version 3 O and S, version 4 T (and
 * the rematch offer kept past E, which a version 3 reader simply drops),
 * version 5 the terms in G and the decline not told (O with OFFER 4);
 * version 5 is written, so that a server of before refuses the file ("a
 * later version") rather than reading the new lines as damage. Older
 * versions are read as they were written.
 *
 * Numbers in decimal, tokens and names in lowercase hex ("-" for an empty
 * name), CRC the CRC-32 (IEEE) of the line up to the space before '*', in
 * eight hex digits. The first line that is cut short or fails its CRC ends
 * the journal: it and anything after it are dropped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_internal.h"

/* ---- encoding ---- */

/* CRC-32 (IEEE, reflected), four bits at a time: a table small enough to
 * write out, eight times fewer steps than bit by bit. */
static uint32_t crc32_of(const char *s, size_t n)
{
    static const uint32_t nibble[16] = {
        0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
        0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
        0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu,
    };
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= (uint8_t)s[i];
        c = (c >> 4) ^ nibble[c & 15u];
        c = (c >> 4) ^ nibble[c & 15u];
    }
    return ~c;
}

static void hex_of(char *out, const uint8_t *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes exactly n bytes of hex; 0 on success. */
int unhex(const char *s, uint8_t *out, size_t n)
{
    if (strlen(s) != 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* Seals the n bytes of body (no newline) into line: "BODY *CRC\n"
 * (line may be body). Returns the length, 0 if it does not fit. */
static size_t seal_n(char *line, size_t cap, const char *body, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    uint32_t crc = crc32_of(body, n);
    if (n + 12 > cap) /* " *" 8 digits "\n" and the '\0' */
        return 0;
    memmove(line, body, n);
    line[n++] = ' ';
    line[n++] = '*';
    for (int k = 28; k >= 0; k -= 4)
        line[n++] = digits[(crc >> k) & 15u];
    line[n++] = '\n';
    line[n] = '\0';
    return n;
}

static size_t seal(char *line, size_t cap, const char *body)
{
    return seal_n(line, cap, body, strlen(body));
}

/* ---- the move line by hand (one per move: no printf on that path) ---- */

/* Appends v in decimal, as printf's %" PRIu64 " does. */
static char *put_u64(char *at, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *at++ = tmp[--n];
    return at;
}

/* Appends ' ' and v in decimal, as " %" PRId64 " (or " %d") does. */
static char *put_i64(char *at, int64_t v)
{
    *at++ = ' ';
    if (v < 0) {
        *at++ = '-';
        return put_u64(at, 0u - (uint64_t)v);
    }
    return put_u64(at, (uint64_t)v);
}

/* "M MATCH PLY FROMX FROMY TOX TOY PROMOTION LEFT1 LEFT2", sealed: the
 * bytes of the snprintf format it replaces ("M %u %u %d %d %d %d %d %lld
 * %lld"); test_journal compares the two. */
static size_t encode_move(const journal_entry *e, char *line, size_t cap)
{
    char body[LINE_CAP], *at = body; /* at most 2 + 2 * 11 + 5 * 12 + 2 * 21 bytes */
    *at++ = 'M';
    at = put_i64(at, e->match_id);
    at = put_i64(at, e->ply);
    at = put_i64(at, e->move.from_x);
    at = put_i64(at, e->move.from_y);
    at = put_i64(at, e->move.to_x);
    at = put_i64(at, e->move.to_y);
    at = put_i64(at, e->move.promotion);
    at = put_i64(at, e->left_ms[0]);
    at = put_i64(at, e->left_ms[1]);
    return seal_n(line, cap, body, (size_t)(at - body));
}

size_t encode_header(const journal *j, char *line, size_t cap)
{
    char body[LINE_CAP];
    const match_config *c = j->cfg;
    snprintf(body, sizeof body, "MBJ 5 %d %d %d %d %" PRIu32 " %" PRIu32 " %" PRIu32,
             (int)c->options.kind, (int)c->options.rule, (int)c->options.width,
             (int)c->options.height, c->clock_ms, c->increment_ms, j->next_id);
    return seal(line, cap, body);
}

/* " KIND RULE WIDTH HEIGHT CLOCK_MS INCREMENT_MS DELAY DELAY_MS MOVE_TIME_MS
 * OPENING NO_TAKEBACK": a game's terms (match_terms.h), at the end of its G. */
static void encode_terms(const match_config *c, char *at, size_t cap)
{
    snprintf(at, cap, " %d %d %d %d %" PRIu32 " %" PRIu32 " %d %" PRIu32 " %" PRIu32 " %d %d",
             (int)c->options.kind, (int)c->options.rule, (int)c->options.width,
             (int)c->options.height, c->clock_ms, c->increment_ms, (int)c->delay_kind, c->delay_ms,
             c->move_time_ms, (int)c->opening, (int)c->no_takeback);
}

static void name_hex(char *out, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n >= PACKET_NAME_SIZE)
        n = PACKET_NAME_SIZE - 1;
    if (n == 0)
        strcpy(out, "-");
    else
        hex_of(out, (const uint8_t *)name, n);
}

size_t encode_entry(const journal_entry *e, char *line, size_t cap)
{
    char body[LINE_CAP];
    switch (e->kind) {
    case JOURNAL_GAME: {
        char t1[2 * PACKET_TOKEN_SIZE + 1], t2[2 * PACKET_TOKEN_SIZE + 1];
        char n1[2 * PACKET_NAME_SIZE + 1], n2[2 * PACKET_NAME_SIZE + 1];
        hex_of(t1, e->token[0], PACKET_TOKEN_SIZE);
        hex_of(t2, e->token[1], PACKET_TOKEN_SIZE);
        name_hex(n1, e->name[0]);
        name_hex(n2, e->name[1]);
        int n = snprintf(body, sizeof body,
                         "G %" PRIu32 " %" PRIu32 " %s %s %s %s %" PRId64 " %" PRId64, e->match_id,
                         e->game_no, t1, t2, n1, n2, e->left_ms[0], e->left_ms[1]);
        if (e->terms && n > 0 && (size_t)n < sizeof body)
            encode_terms(e->terms, body + n, sizeof body - (size_t)n);
        break;
    }
    case JOURNAL_MOVE:
        return encode_move(e, line, cap);
    case JOURNAL_UNDO:
        snprintf(body, sizeof body, "U %" PRIu32 " %" PRIu32 " %" PRId64 " %" PRId64, e->match_id,
                 e->ply, e->left_ms[0], e->left_ms[1]);
        break;
    case JOURNAL_OPENING: {
        char pts[4 * PACKET_OPENING_POINTS + 1];
        hex_of(pts, e->step.points, sizeof e->step.points);
        snprintf(body, sizeof body, "P %" PRIu32 " %d %d %d %d %s %" PRId64 " %" PRId64,
                 e->match_id, e->step.seat, e->step.step, e->step.choice, e->step.count, pts,
                 e->left_ms[0], e->left_ms[1]);
        break;
    }
    case JOURNAL_RESULT:
        snprintf(body, sizeof body, "R %" PRIu32 " %" PRIu32 " %d %d", e->match_id, e->game_no,
                 (int)e->result.winner, (int)e->result.reason);
        break;
    case JOURNAL_OFFER:
        snprintf(body, sizeof body, "O %" PRIu32 " %" PRIu32 " %d %d", e->match_id, e->game_no,
                 (int)e->offer, (int)e->side);
        break;
    case JOURNAL_STOP:
    case JOURNAL_CLOCK:
        snprintf(body, sizeof body, "%c %" PRIu32 " %" PRIu32 " %" PRId64 " %" PRId64,
                 e->kind == JOURNAL_STOP ? 'S' : 'T', e->match_id, e->game_no, e->left_ms[0],
                 e->left_ms[1]);
        break;
    case JOURNAL_END:
        if (e->game_no == 0) /* the match's current game */
            snprintf(body, sizeof body, "E %" PRIu32, e->match_id);
        else
            snprintf(body, sizeof body, "E %" PRIu32 " %" PRIu32, e->match_id, e->game_no);
        break;
    default:
        return 0;
    }
    return seal(line, cap, body);
}

/* ---- decoding ---- */

/* Checks a line's seal and splits its body into fields (in place).
 * Returns the number of fields, or -1 for a damaged line. */
int unseal(char *line, char **field)
{
    char *star = strrchr(line, '*');
    uint8_t crc[4];
    int n = 0;
    if (!star || star == line || star[-1] != ' ' || unhex(star + 1, crc, 4) != 0)
        return -1;
    star[-1] = '\0';
    if (crc32_of(line, strlen(line)) !=
        ((uint32_t)crc[0] << 24 | (uint32_t)crc[1] << 16 | (uint32_t)crc[2] << 8 | crc[3]))
        return -1;
    for (char *p = strtok(line, " "); p; p = strtok(NULL, " ")) {
        if (n == MAX_FIELDS)
            return -1;
        field[n++] = p;
    }
    return n;
}

int num(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    char *end;
    long long v;
    if (!*s)
        return -1;
    v = strtoll(s, &end, 10);
    if (*end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int unname(const char *s, char *out)
{
    size_t n = strlen(s) / 2;
    memset(out, 0, PACKET_NAME_SIZE);
    if (strcmp(s, "-") == 0)
        return 0;
    if (n == 0 || n >= PACKET_NAME_SIZE)
        return -1;
    return unhex(s, (uint8_t *)out, n);
}
