/* host_dialog.h: the model of the connect screen's "Host a game" dialog
 * (pure, no SDL): the game, for Gomoku its rule and an opening rule fit for
 * that rule (gomoku_opening.h decides which), a clock preset and whether
 * takebacks are allowed; and the matchboard-server arguments they mean.
 * Each field steps to its next value with a click (host_dialog_step). */
#ifndef MATCHBOARD_UI_HOST_DIALOG_H
#define MATCHBOARD_UI_HOST_DIALOG_H

#include <stddef.h>

#include "game.h"
#include "gomoku.h"
#include "gomoku_opening.h"

enum {
    HOST_DIALOG_BOARD = 15,   /* the Gomoku board the hosted server uses */
    HOST_DIALOG_PORT = 7777,  /* the port a host listens on (LAN discovery's) */
    HOST_DIALOG_MAX_ARGS = 24 /* the most server arguments host_dialog_server_args writes */
};

/* The dialog's fields, in the order they are shown. */
typedef enum host_field {
    HOST_FIELD_GAME = 0,
    HOST_FIELD_RULE,    /* Gomoku only */
    HOST_FIELD_OPENING, /* Gomoku only */
    HOST_FIELD_CLOCK,
    HOST_FIELD_TAKEBACKS,
    HOST_FIELD_COUNT
} host_field;

typedef struct host_dialog {
    game_kind game;              /* GAME_KIND_GOMOKU or GAME_KIND_CHESS */
    gomoku_rule rule;            /* Gomoku's rule */
    gomoku_opening_rule opening; /* always fit for rule (host_dialog_openings) */
    int clock;                   /* index of the clock preset (host_dialog_clock_name) */
    int takebacks;               /* 1: allowed */
} host_dialog;

/* Gomoku, freestyle, no opening rule, no clock, takebacks allowed. */
void host_dialog_init(host_dialog *d);

/* The opening rules a Gomoku rule allows on the host's board (none first,
 * then those gomoku_opening_unfit accepts), into out (cap entries);
 * returns how many. */
int host_dialog_openings(gomoku_rule rule, gomoku_opening_rule *out, int cap);

/* The number of clock presets, and the name of preset i ("none", "5+3",
 * "10+5", "15+10", "5+0d3": the server's --clock syntax); NULL out of range. */
int host_dialog_clocks(void);
const char *host_dialog_clock_name(int i);

/* Is the field shown for this game (the rule and opening only for Gomoku)? */
int host_dialog_shown(const host_dialog *d, host_field f);

/* Steps field f to its next value (wrapping). A new rule keeps the opening
 * when the rule allows it, else falls back to "none". */
void host_dialog_step(host_dialog *d, host_field f);

/* The field's label ("Game") and its value as shown ("Gomoku", "renju",
 * "swap2", "10+5", "allowed"); value written to buf (cap bytes). */
const char *host_dialog_label(host_field f);
void host_dialog_value(const host_dialog *d, host_field f, char *buf, size_t cap);

/* The shown fields in one line: "Gomoku, standard, swap2, clock 10+5,
 * takebacks refused" (chess: "Chess, clock none, takebacks allowed"). */
void host_dialog_describe(const host_dialog *d, char *buf, size_t cap);

/* Where the hosted server listens: bind NULL (every interface, port
 * HOST_DIALOG_PORT, answering LAN discovery probes) or an address (that
 * address only, a free port, no discovery: tests set MATCHBOARD_HOST_BIND). */
typedef struct host_listen {
    const char *bind;
    int any_port;        /* 1: --port 0 (the default port was taken) */
    const char *name;    /* the server's name in discovery replies, or NULL */
    const char *records; /* --records folder, or NULL */
} host_listen;

/* The server's arguments after its program name (not NULL-terminated:
 * returns how many, at most cap; 0 if cap is too small): --port, --bind,
 * --no-discovery, --name, --records, --journal none, --log-level warn,
 * --game, and for Gomoku --rule, --size and --opening; --clock unless
 * "none"; --no-takeback when takebacks are not allowed. Strings point
 * into static tables, d's names and l. */
size_t host_dialog_server_args(const host_dialog *d, const host_listen *l, const char **out,
                               size_t cap);

#endif
