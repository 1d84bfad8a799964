/* journal_line.c: the journal's line format, one line per record:
 *
 *   MBJ 6 KIND RULE WIDTH HEIGHT CLOCK_MS INCREMENT_MS NEXT_ID *CRC
 *   G MATCH GAME TOKEN1 TOKEN2 NAME1 NAME2 LEFT1 LEFT2 KIND RULE WIDTH HEIGHT
 *     CLOCK_MS INCREMENT_MS DELAY DELAY_MS MOVE_TIME_MS OPENING NO_TAKEBACK ENGINE *CRC
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
 * ENGINE says which seat is the server's engine seat, a bit per seat (1:
 * TOKEN1's, 2: TOKEN2's; 0: neither). A G without it (version 5 and
 * before, copied as it was by compaction into a later file too) knows the
 * engine seat by the mark those servers put in its token (v5_token_marked).
 *
 * M applies to the match's current game (the one without an R). R ends
 * a game; E (its record is written) lets the journal forget it. A journal
 * written before R existed (version 1) has "E MATCH": it ends the match's
 * current game. Version 2 added R, version 3 O and S, version 4 T (and
 * the rematch offer kept past E, which a version 3 reader simply drops),
 * version 5 the terms in G and the decline not told (O with OFFER 4),
 * version 6 ENGINE in G; version 6 is written, so that a server of before
 * refuses the file ("a later version") rather than reading the longer G as
 * damage and dropping the journal from it on. Older versions are read as
 * they were written.
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

/* CRC-32 (IEEE, reflected), a byte at a time: one table step a byte,
 * half the steps of the four-bit table it replaced (the move's line is
 * sealed on every move); test_journal checks its lines bit by bit. */
static const uint32_t crc_table[256] = {
    0x00000000u, 0x77073096u, 0xEE0E612Cu, 0x990951BAu, 0x076DC419u, 0x706AF48Fu, 0xE963A535u,
    0x9E6495A3u, 0x0EDB8832u, 0x79DCB8A4u, 0xE0D5E91Eu, 0x97D2D988u, 0x09B64C2Bu, 0x7EB17CBDu,
    0xE7B82D07u, 0x90BF1D91u, 0x1DB71064u, 0x6AB020F2u, 0xF3B97148u, 0x84BE41DEu, 0x1ADAD47Du,
    0x6DDDE4EBu, 0xF4D4B551u, 0x83D385C7u, 0x136C9856u, 0x646BA8C0u, 0xFD62F97Au, 0x8A65C9ECu,
    0x14015C4Fu, 0x63066CD9u, 0xFA0F3D63u, 0x8D080DF5u, 0x3B6E20C8u, 0x4C69105Eu, 0xD56041E4u,
    0xA2677172u, 0x3C03E4D1u, 0x4B04D447u, 0xD20D85FDu, 0xA50AB56Bu, 0x35B5A8FAu, 0x42B2986Cu,
    0xDBBBC9D6u, 0xACBCF940u, 0x32D86CE3u, 0x45DF5C75u, 0xDCD60DCFu, 0xABD13D59u, 0x26D930ACu,
    0x51DE003Au, 0xC8D75180u, 0xBFD06116u, 0x21B4F4B5u, 0x56B3C423u, 0xCFBA9599u, 0xB8BDA50Fu,
    0x2802B89Eu, 0x5F058808u, 0xC60CD9B2u, 0xB10BE924u, 0x2F6F7C87u, 0x58684C11u, 0xC1611DABu,
    0xB6662D3Du, 0x76DC4190u, 0x01DB7106u, 0x98D220BCu, 0xEFD5102Au, 0x71B18589u, 0x06B6B51Fu,
    0x9FBFE4A5u, 0xE8B8D433u, 0x7807C9A2u, 0x0F00F934u, 0x9609A88Eu, 0xE10E9818u, 0x7F6A0DBBu,
    0x086D3D2Du, 0x91646C97u, 0xE6635C01u, 0x6B6B51F4u, 0x1C6C6162u, 0x856530D8u, 0xF262004Eu,
    0x6C0695EDu, 0x1B01A57Bu, 0x8208F4C1u, 0xF50FC457u, 0x65B0D9C6u, 0x12B7E950u, 0x8BBEB8EAu,
    0xFCB9887Cu, 0x62DD1DDFu, 0x15DA2D49u, 0x8CD37CF3u, 0xFBD44C65u, 0x4DB26158u, 0x3AB551CEu,
    0xA3BC0074u, 0xD4BB30E2u, 0x4ADFA541u, 0x3DD895D7u, 0xA4D1C46Du, 0xD3D6F4FBu, 0x4369E96Au,
    0x346ED9FCu, 0xAD678846u, 0xDA60B8D0u, 0x44042D73u, 0x33031DE5u, 0xAA0A4C5Fu, 0xDD0D7CC9u,
    0x5005713Cu, 0x270241AAu, 0xBE0B1010u, 0xC90C2086u, 0x5768B525u, 0x206F85B3u, 0xB966D409u,
    0xCE61E49Fu, 0x5EDEF90Eu, 0x29D9C998u, 0xB0D09822u, 0xC7D7A8B4u, 0x59B33D17u, 0x2EB40D81u,
    0xB7BD5C3Bu, 0xC0BA6CADu, 0xEDB88320u, 0x9ABFB3B6u, 0x03B6E20Cu, 0x74B1D29Au, 0xEAD54739u,
    0x9DD277AFu, 0x04DB2615u, 0x73DC1683u, 0xE3630B12u, 0x94643B84u, 0x0D6D6A3Eu, 0x7A6A5AA8u,
    0xE40ECF0Bu, 0x9309FF9Du, 0x0A00AE27u, 0x7D079EB1u, 0xF00F9344u, 0x8708A3D2u, 0x1E01F268u,
    0x6906C2FEu, 0xF762575Du, 0x806567CBu, 0x196C3671u, 0x6E6B06E7u, 0xFED41B76u, 0x89D32BE0u,
    0x10DA7A5Au, 0x67DD4ACCu, 0xF9B9DF6Fu, 0x8EBEEFF9u, 0x17B7BE43u, 0x60B08ED5u, 0xD6D6A3E8u,
    0xA1D1937Eu, 0x38D8C2C4u, 0x4FDFF252u, 0xD1BB67F1u, 0xA6BC5767u, 0x3FB506DDu, 0x48B2364Bu,
    0xD80D2BDAu, 0xAF0A1B4Cu, 0x36034AF6u, 0x41047A60u, 0xDF60EFC3u, 0xA867DF55u, 0x316E8EEFu,
    0x4669BE79u, 0xCB61B38Cu, 0xBC66831Au, 0x256FD2A0u, 0x5268E236u, 0xCC0C7795u, 0xBB0B4703u,
    0x220216B9u, 0x5505262Fu, 0xC5BA3BBEu, 0xB2BD0B28u, 0x2BB45A92u, 0x5CB36A04u, 0xC2D7FFA7u,
    0xB5D0CF31u, 0x2CD99E8Bu, 0x5BDEAE1Du, 0x9B64C2B0u, 0xEC63F226u, 0x756AA39Cu, 0x026D930Au,
    0x9C0906A9u, 0xEB0E363Fu, 0x72076785u, 0x05005713u, 0x95BF4A82u, 0xE2B87A14u, 0x7BB12BAEu,
    0x0CB61B38u, 0x92D28E9Bu, 0xE5D5BE0Du, 0x7CDCEFB7u, 0x0BDBDF21u, 0x86D3D2D4u, 0xF1D4E242u,
    0x68DDB3F8u, 0x1FDA836Eu, 0x81BE16CDu, 0xF6B9265Bu, 0x6FB077E1u, 0x18B74777u, 0x88085AE6u,
    0xFF0F6A70u, 0x66063BCAu, 0x11010B5Cu, 0x8F659EFFu, 0xF862AE69u, 0x616BFFD3u, 0x166CCF45u,
    0xA00AE278u, 0xD70DD2EEu, 0x4E048354u, 0x3903B3C2u, 0xA7672661u, 0xD06016F7u, 0x4969474Du,
    0x3E6E77DBu, 0xAED16A4Au, 0xD9D65ADCu, 0x40DF0B66u, 0x37D83BF0u, 0xA9BCAE53u, 0xDEBB9EC5u,
    0x47B2CF7Fu, 0x30B5FFE9u, 0xBDBDF21Cu, 0xCABAC28Au, 0x53B39330u, 0x24B4A3A6u, 0xBAD03605u,
    0xCDD70693u, 0x54DE5729u, 0x23D967BFu, 0xB3667A2Eu, 0xC4614AB8u, 0x5D681B02u, 0x2A6F2B94u,
    0xB40BBE37u, 0xC30C8EA1u, 0x5A05DF1Bu, 0x2D02EF8Du,
};

static uint32_t crc32_of(const char *s, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = (c >> 8) ^ crc_table[(c ^ (uint8_t)s[i]) & 0xFFu];
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
    if (v < 10) { /* most of a move's fields (promotion, a clock of none) */
        *at++ = (char)('0' + v);
        return at;
    }
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
    snprintf(body, sizeof body, "MBJ 6 %d %d %d %d %" PRIu32 " %" PRIu32 " %" PRIu32,
             (int)c->options.kind, (int)c->options.rule, (int)c->options.width,
             (int)c->options.height, c->clock_ms, c->increment_ms, j->next_id);
    return seal(line, cap, body);
}

/* " KIND RULE WIDTH HEIGHT CLOCK_MS INCREMENT_MS DELAY DELAY_MS MOVE_TIME_MS
 * OPENING NO_TAKEBACK ENGINE": a game's terms (match_terms.h) and its engine
 * seat, at the end of its G. */
static void encode_terms(const match_config *c, const uint8_t engine[2], char *at, size_t cap)
{
    snprintf(at, cap, " %d %d %d %d %" PRIu32 " %" PRIu32 " %d %" PRIu32 " %" PRIu32 " %d %d %d",
             (int)c->options.kind, (int)c->options.rule, (int)c->options.width,
             (int)c->options.height, c->clock_ms, c->increment_ms, (int)c->delay_kind, c->delay_ms,
             c->move_time_ms, (int)c->opening, (int)c->no_takeback,
             (engine[0] ? 1 : 0) | (engine[1] ? 2 : 0));
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
            encode_terms(e->terms, e->engine, body + n, sizeof body - (size_t)n);
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
    /* a name HELLO could not carry would not go out in START either */
    return unhex(s, (uint8_t *)out, n) == 0 &&
                   packet_text_field_ok((const uint8_t *)out, PACKET_NAME_SIZE)
               ? 0
               : -1;
}

/* ---- the engine seat of a G written by a server of version 5 or before ---- */

/* splitmix64's finaliser of a token's first half, which those servers
 * wrote into its second half for the engine seat. */
static uint64_t v5_mark_of(const uint8_t token[PACKET_TOKEN_SIZE])
{
    uint64_t x = 0x6d62656e67696e65u; /* "mbengine" */
    for (size_t i = 0; i < PACKET_TOKEN_SIZE / 2; i++)
        x ^= (uint64_t)token[i] << (8 * i);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

int v5_token_marked(const uint8_t token[PACKET_TOKEN_SIZE])
{
    uint64_t m = v5_mark_of(token);
    uint8_t diff = 0, any = 0;
    for (size_t i = 0; i < PACKET_TOKEN_SIZE / 2; i++) {
        diff |= (uint8_t)(token[PACKET_TOKEN_SIZE / 2 + i] ^ (uint8_t)(m >> (8 * i)));
        any |= token[i] | token[PACKET_TOKEN_SIZE / 2 + i];
    }
    return diff == 0 && any != 0;
}
