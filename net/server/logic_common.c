/* logic_common.c: helpers shared by the lobby and the match host. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "server_logic.h"

const char *log_level_name(int level)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    return level >= 0 && level < 4 ? names[level] : NULL;
}

void logic_welcome(packet *out, const match_config *cfg, uint8_t seat, uint32_t match_id,
                   const uint8_t *token, uint16_t version)
{
    memset(out, 0, sizeof *out);
    out->type = PACKET_WELCOME;
    out->u.welcome.version = version;
    out->u.welcome.game = (uint8_t)cfg->options.kind;
    out->u.welcome.rule = cfg->options.rule;
    out->u.welcome.width = cfg->options.width;
    out->u.welcome.height = cfg->options.height;
    out->u.welcome.seat = seat;
    out->u.welcome.match_id = match_id;
    if (token)
        memcpy(out->u.welcome.token, token, PACKET_TOKEN_SIZE);
}

uint32_t logic_watch_target(const packet_hello *hello)
{
    const uint8_t *t = hello->token;
    for (size_t i = 4; i < PACKET_TOKEN_SIZE; i++)
        if (t[i] != 0)
            return 0;
    return (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
}

int logic_token_is_zero(const uint8_t token[PACKET_TOKEN_SIZE])
{
    uint8_t any = 0;
    for (size_t i = 0; i < PACKET_TOKEN_SIZE; i++)
        any |= token[i];
    return any == 0;
}

int logic_token_equal(const uint8_t a[PACKET_TOKEN_SIZE], const uint8_t b[PACKET_TOKEN_SIZE])
{
    volatile uint8_t diff = 0, any = 0;
    for (size_t i = 0; i < PACKET_TOKEN_SIZE; i++) {
        diff |= (uint8_t)(a[i] ^ b[i]);
        any |= a[i];
    }
    return diff == 0 && any != 0;
}

int logic_log_on(const logic_sink *s, log_level level)
{
    return s->log && (!s->log_on || s->log_on(s->ctx, level));
}

void logic_logf(const logic_sink *s, log_level level, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (!logic_log_on(s, level))
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->log(s->ctx, level, line);
}

void logic_send_error(const logic_sink *s, conn_id c, packet_error_code code, const char *text)
{
    packet p;
    packet_make_error(&p, code, text);
    s->send(s->ctx, c, &p);
}
