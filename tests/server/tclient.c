/* tclient.c: see tclient.h. */
#include <stdio.h>
#include <string.h>

#include "mono_clock.h"
#include "proc.h"
#include "tclient.h"

int tc_connect(tclient *c, uint16_t port)
{
    sock_addr a;
    size_t n = 0;
    memset(c, 0, sizeof *c);
    c->s = SOCK_INVALID;
    packet_stream_init(&c->rx);
    if (sock_resolve("127.0.0.1", port, 0, &a, 1, &n) != SOCK_OK || n == 0)
        return -1;
    if (sock_connect(&a, 0, &c->s) != SOCK_OK)
        return -1;
    sock_set_nodelay(c->s, 1);
    return 0;
}

void tc_close(tclient *c)
{
    if (c->s != SOCK_INVALID)
        sock_close(c->s);
    c->s = SOCK_INVALID;
}

int tc_send_raw(tclient *c, const void *buf, size_t n)
{
    const uint8_t *b = buf;
    while (n > 0) {
        long r = sock_send(c->s, b, n);
        if (r <= 0)
            return -1;
        b += r;
        n -= (size_t)r;
    }
    return 0;
}

int tc_send(tclient *c, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    int n = packet_encode(p, buf, sizeof buf);
    if (n < 0)
        return -1;
    return tc_send_raw(c, buf, (size_t)n);
}

int tc_recv(tclient *c, packet *p, int timeout_ms)
{
    for (;;) {
        size_t room = 0;
        uint8_t *at;
        long r;
        packet_error e = packet_stream_next(&c->rx, p);
        if (e == PACKET_OK) {
            if (p->type == PACKET_PING) {
                packet pong = *p;
                pong.type = PACKET_PONG;
                tc_send(c, &pong);
                continue;
            }
            return 0;
        }
        if (e != PACKET_ERR_NEED_MORE || c->closed)
            return -1;
        if (sock_wait(c->s, 0, timeout_ms) != SOCK_OK)
            return -1;
        at = packet_stream_space(&c->rx, &room);
        r = sock_recv(c->s, at, room);
        if (r <= 0) {
            c->closed = 1;
            return -1;
        }
        packet_stream_commit(&c->rx, (size_t)r);
    }
}

int tc_wait_for(tclient *c, packet_type t, packet *out, int timeout_ms)
{
    packet p;
    while (tc_recv(c, &p, timeout_ms) == 0) {
        if (p.type == PACKET_ERROR)
            printf("# ERROR %d %s\n", p.u.error.code, p.u.error.text);
        if (p.type == t) {
            if (out)
                *out = p;
            return 0;
        }
    }
    printf("# waited for %s, got %s\n", packet_type_name((uint8_t)t),
           c->closed ? "a close" : "nothing more");
    return -1;
}

int tc_expect(tclient *c, packet_type t, packet *out, int timeout_ms)
{
    packet p;
    for (;;) {
        if (tc_recv(c, &p, timeout_ms) != 0) {
            printf("# expected %s, got %s\n", packet_type_name((uint8_t)t),
                   c->closed ? "a close" : "nothing");
            return -1;
        }
        if (p.type == PACKET_CLOCK && t != PACKET_CLOCK)
            continue;
        if (out)
            *out = p;
        if (p.type != t) {
            printf("# expected %s, got %s", packet_type_name((uint8_t)t),
                   packet_type_name((uint8_t)p.type));
            if (p.type == PACKET_REJECT)
                printf(" (reason %d)", p.u.reject.reason);
            if (p.type == PACKET_ERROR)
                printf(" (%d %s)", p.u.error.code, p.u.error.text);
            printf("\n");
            return -1;
        }
        return 0;
    }
}

int tc_wait_closed(tclient *c, int timeout_ms, int *last_error)
{
    packet p;
    uint64_t end = mb_now_ms() + (uint64_t)timeout_ms;
    if (last_error)
        *last_error = 0;
    for (;;) {
        uint64_t now = mb_now_ms();
        /* One deadline for the whole wait: answered PINGs do not extend it. */
        if (now >= end || tc_recv(c, &p, (int)(end - now)) != 0)
            return c->closed;
        if (p.type == PACKET_ERROR && last_error)
            *last_error = p.u.error.code;
    }
}

void tc_hello(tclient *c, const char *name, int want, const uint8_t *token)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_HELLO;
    p.u.hello.version = PACKET_VERSION;
    p.u.hello.want = (uint8_t)want;
    packet_set_string(p.u.hello.name, PACKET_NAME_SIZE, name);
    if (token)
        memcpy(p.u.hello.token, token, PACKET_TOKEN_SIZE);
    tc_send(c, &p);
}

int tc_move(tclient *c, uint32_t ply, int fx, int fy, int tx, int ty, int promo)
{
    packet p;
    packet_make_move(&p, ply, (uint8_t)fx, (uint8_t)fy, (uint8_t)tx, (uint8_t)ty, (uint8_t)promo);
    return tc_send(c, &p);
}

int tc_stone(tclient *c, uint32_t ply, int x, int y)
{
    return tc_move(c, ply, PACKET_NO_SQUARE, PACKET_NO_SQUARE, x, y, 0);
}

void tc_simple(tclient *c, packet_type type, uint32_t v)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    if (type == PACKET_DRAW_ANSWER || type == PACKET_REMATCH_ANSWER)
        p.u.answer.accept = (uint8_t)v;
    else
        p.u.ply.ply = v;
    tc_send(c, &p);
}
