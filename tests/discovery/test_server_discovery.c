/* test_server_discovery.c: the server's discovery sockets on 127.0.0.1: a
 * probe gets one reply with its nonce, malformed probes get none, the
 * per-wake budget holds, and the server's name is cleaned for the wire. */
#include <string.h>

#include "discovery.h"
#include "packet.h"
#include "tap.h"

static const uint8_t lo4[4] = {127, 0, 0, 1};

static void send_raw(sock_t c, const sock_addr *to, const uint8_t *b, size_t n)
{
    sock_sendto(c, b, n, to);
}

static void send_probe(sock_t c, const sock_addr *to, uint32_t nonce)
{
    uint8_t b[DISCOVERY_PROBE_SIZE];
    discovery_probe p = {nonce};
    discovery_encode_probe(&p, b, sizeof b);
    send_raw(c, to, b, sizeof b);
}

/* The next reply within timeout_ms: 1 and *r, or 0. */
static int next_reply(sock_t c, int timeout_ms, discovery_reply *r, long *len)
{
    uint8_t b[256];
    if (sock_wait(c, 0, timeout_ms) != SOCK_OK)
        return 0;
    *len = sock_recvfrom(c, b, sizeof b, NULL);
    return *len > 0 && discovery_decode_reply(b, (size_t)*len, r) == DISCOVERY_OK;
}

/* Waits until d's socket has something, then serves it. */
static size_t serve(server_discovery *d, const discovery_reply *tmpl, size_t budget)
{
    sock_wait(d->sock[0], 0, 300);
    return server_discovery_serve(d, d->sock[0], tmpl, budget);
}

static void test_answers(void)
{
    server_discovery d;
    char err[256];
    sock_addr at, srv;
    sock_t client;
    discovery_reply tmpl, r;
    memset(&r, 0, sizeof r); /* read only once a reply decoded */
    match_config cfg;
    char name[DISCOVERY_NAME_SIZE];
    long len = 0;
    uint8_t bad[DISCOVERY_PROBE_SIZE + 8];

    TAP_INT_EQ(server_discovery_open(&d, "127.0.0.1", 0, err, sizeof err), 0,
               "discovery opens on 127.0.0.1");
    TAP_INT_EQ(d.nsock, 1, "one socket for one address");
    sock_local_addr(d.sock[0], &srv);
    TAP_OK(server_discovery_owns(&d, d.sock[0]) && !server_discovery_owns(&d, SOCK_INVALID),
           "owns its socket and nothing else");
    sock_addr_ipv4(&at, lo4, 0);
    sock_udp_bind(&at, &client);

    memset(&cfg, 0, sizeof cfg);
    cfg.options.kind = GAME_KIND_GOMOKU;
    cfg.options.rule = GAME_RULE_STANDARD;
    cfg.options.width = cfg.options.height = 19;
    server_discovery_name("Hall", name);
    server_discovery_reply_init(&tmpl, &cfg, 7777, name);
    tmpl.waiting = 1;
    tmpl.matches = 4;
    tmpl.spectators = 2;

    send_probe(client, &srv, 42);
    TAP_INT_EQ(serve(&d, &tmpl, 16), 1, "a probe is answered");
    TAP_OK(next_reply(client, 2000, &r, &len), "the reply arrives and decodes");
    TAP_INT_EQ(len, DISCOVERY_REPLY_SIZE, "it is %d bytes, no more than the probe",
               DISCOVERY_REPLY_SIZE);
    TAP_INT_EQ(r.nonce, 42, "it carries the probe's nonce");
    TAP_OK(r.tcp_port == 7777 && r.game == 1 && r.rule == 1 && r.width == 19 && r.height == 19 &&
               r.protocol == PACKET_VERSION,
           "port, game, rule, board and protocol are the server's");
    TAP_OK(r.waiting == 1 && r.matches == 4 && r.spectators == 2 && strcmp(r.name, "Hall") == 0,
           "counts and name too");

    /* Malformed datagrams, then one good probe: the first answer is the
     * good one's, and it is the only one. */
    memset(bad, 0, sizeof bad);
    send_raw(client, &srv, bad, 0);
    send_raw(client, &srv, bad, 12);
    {
        discovery_probe p = {1};
        uint8_t b[DISCOVERY_PROBE_SIZE + 8];
        discovery_encode_probe(&p, b, sizeof b);
        memset(b + DISCOVERY_PROBE_SIZE, 0, 8);
        send_raw(client, &srv, b, DISCOVERY_PROBE_SIZE - 1); /* short */
        send_raw(client, &srv, b, DISCOVERY_PROBE_SIZE + 1); /* long */
        send_raw(client, &srv, b, DISCOVERY_PROBE_SIZE + 8);
        b[5] = 2; /* version 2 */
        send_raw(client, &srv, b, DISCOVERY_PROBE_SIZE);
        b[5] = 1;
        b[50] = 1; /* padding */
        send_raw(client, &srv, b, DISCOVERY_PROBE_SIZE);
        b[50] = 0;
        b[0] = 'X'; /* magic */
        send_raw(client, &srv, b, DISCOVERY_PROBE_SIZE);
    }
    {
        uint8_t rb[DISCOVERY_REPLY_SIZE]; /* a reply sent to a server */
        discovery_encode_reply(&tmpl, rb, sizeof rb);
        send_raw(client, &srv, rb, sizeof rb);
    }
    send_probe(client, &srv, 77);
    {
        size_t answered = 0;
        for (int i = 0; i < 5; i++)
            answered += serve(&d, &tmpl, 16);
        TAP_INT_EQ(answered, 1, "of ten datagrams, only the good probe is answered");
    }
    TAP_OK(next_reply(client, 2000, &r, &len) && r.nonce == 77,
           "the first reply is the good probe's");
    TAP_OK(!next_reply(client, 200, &r, &len), "and nothing answers the malformed ones");
    TAP_INT_EQ(d.ignored, 9, "nine datagrams counted as ignored");

    /* The budget bounds the work of one wake; the rest waits its turn. */
    for (uint32_t i = 0; i < 5; i++)
        send_probe(client, &srv, 100 + i);
    sock_wait(client, 0, 100); /* let them all land */
    TAP_INT_EQ(serve(&d, &tmpl, 2), 2, "a budget of 2 answers 2 of 5 probes");
    TAP_INT_EQ(serve(&d, &tmpl, 16), 3, "the next wake answers the other 3");
    TAP_INT_EQ(d.answered, 7, "seven answered in all");

    sock_close(client);
    server_discovery_close(&d);
    TAP_INT_EQ(d.nsock, 0, "closed");
}

static void test_names(void)
{
    char out[DISCOVERY_NAME_SIZE];
    char longname[200];
    server_discovery_name(NULL, out);
    TAP_OK(out[0] != 0 && packet_text_field_ok((const uint8_t *)out, sizeof out),
           "no --name: the host name, as valid text (%s)", out);
    server_discovery_name("Ann\x01\x7f's", out);
    TAP_STR_EQ(out, "Ann's", "control characters are dropped");
    server_discovery_name("\xff\xfe", out);
    TAP_STR_EQ(out, "matchboard", "a name with nothing valid becomes \"matchboard\"");
    memset(longname, 0, sizeof longname);
    for (int i = 0; i < 40; i++)
        strcat(longname, "\xe2\x99\x9e"); /* U+265E, three bytes */
    server_discovery_name(longname, out);
    TAP_INT_EQ(strlen(out), 63, "a long name is cut to 63 bytes, at a character boundary");
    TAP_OK(packet_text_field_ok((const uint8_t *)out, sizeof out), "and stays valid UTF-8");
}

int main(void)
{
    if (sock_startup() != SOCK_OK) {
        TAP_OK(0, "socket layer starts");
        return tap_done();
    }
    test_answers();
    test_names();
    sock_cleanup();
    return tap_done();
}
