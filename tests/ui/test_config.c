/* test_config: the remembered servers and name (gui.conf), panel texts and
 * UTF-8 chat editing: pure functions, run everywhere. */
#include <string.h>

#include "config.h"
#include "panel.h"
#include "tap.h"
#include "utf8.h"

int main(void)
{
    ui_config c;
    ui_config_parse(&c, "# comment\nname=ana\r\nhost=10.0.0.2:7000\nhost=localhost\nbogus\n");
    TAP_STR_EQ(c.name, "ana", "name read, CRLF trimmed");
    TAP_INT_EQ(c.n_hosts, 2, "two hosts read, junk skipped");
    ui_config_remember_host(&c, "localhost");
    TAP_STR_EQ(c.hosts[0], "localhost", "a reused host moves to the front");
    TAP_INT_EQ(c.n_hosts, 2, "without being listed twice");
    for (int i = 0; i < 7; i++) {
        char h[16] = "h0";
        h[1] = (char)('0' + i);
        ui_config_remember_host(&c, h);
    }
    TAP_INT_EQ(c.n_hosts, UI_CONFIG_HOSTS, "only the last %d hosts are kept", UI_CONFIG_HOSTS);
    TAP_STR_EQ(c.hosts[0], "h6", "newest first");
    char text[1024];
    ui_config_format(&c, text, sizeof text);
    ui_config two;
    ui_config_parse(&two, text);
    int same = two.n_hosts == c.n_hosts && strcmp(two.name, c.name) == 0;
    for (int i = 0; same && i < c.n_hosts; i++)
        same = strcmp(two.hosts[i], c.hosts[i]) == 0;
    TAP_OK(same, "format then parse gives the same config");
    ui_config_remember_host(&c, "bad\nhost");
    TAP_STR_EQ(c.hosts[0], "h6", "a host with a newline is refused");

    char s[8] = "";
    TAP_INT_EQ(utf8_append(s, sizeof s, "한국"), 6, "two Hangul syllables fit in 8 bytes");
    TAP_INT_EQ(utf8_append(s, sizeof s, "어"), 0, "a third does not fit and is not cut");
    utf8_pop(s);
    TAP_STR_EQ(s, "한", "Backspace removes a whole character");
    const char *p = "\xC3\x28";
    TAP_INT_EQ(utf8_next(&p), 0xFFFD, "a broken sequence decodes as U+FFFD");

    char buf[32];
    panel_format_clock(305000, buf, sizeof buf);
    TAP_STR_EQ(buf, "5:05", "clock 5:05");
    panel_format_clock(9400, buf, sizeof buf);
    TAP_STR_EQ(buf, "0:09.4", "tenths under ten seconds");
    panel_info pi;
    memset(&pi, 0, sizeof pi);
    pi.kind = GAME_KIND_CHESS;
    pi.my_side = GAME_SIDE_P2;
    pi.names[1] = "ana";
    pi.names[2] = "bo";
    pi.game_over = 1;
    pi.result.winner = GAME_SIDE_P1;
    pi.result.reason = GAME_END_CHECKMATE;
    char head[64], why[128];
    panel_result_text(&pi, head, sizeof head, why, sizeof why);
    TAP_STR_EQ(head, "You lose", "the loser's banner");
    TAP_STR_EQ(why, "ana (White) by checkmate", "says who won and why");
    /* reason 12: no result (a called-off rematch, a server stop), no draw */
    pi.result.winner = GAME_SIDE_NONE;
    pi.result.reason = GAME_END_ABORTED;
    panel_result_text(&pi, head, sizeof head, why, sizeof why);
    TAP_STR_EQ(head, "No result", "an aborted game's banner is no draw");
    TAP_STR_EQ(why, "aborted", "an aborted game says so");
    pi.result.reason = GAME_END_DRAW_AGREED;
    panel_result_text(&pi, head, sizeof head, why, sizeof why);
    TAP_STR_EQ(head, "Draw", "a draw's banner");
    pi.result.winner = GAME_SIDE_P1;
    pi.result.reason = GAME_END_CHECKMATE;
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_REMATCH && on[0], "after the game: Rematch");
    pi.opponent_gone = 1;
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_REMATCH && !on[0], "the opponent left: Rematch is off");
    pi.opponent_gone = 0;
    pi.game_over = 0;
    pi.draw_offer_in = 1;
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_ACCEPT_DRAW && act[1] == PANEL_DECLINE_DRAW,
           "an offered draw: Accept and Decline");
    pi.draw_offer_in = 0;
    pi.draw_offer_out = 1;
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_OFFER_DRAW && !on[0], "our own offer pending: the button is off");

    /* a Gomoku opening rule: our decision as buttons */
    pi.draw_offer_out = 0;
    pi.kind = GAME_KIND_GOMOKU;
    pi.opening = "Your choice (swap2)";
    pi.opening_step = 2; /* choose */
    pi.opening_choices = (1u << 2) | (1u << 3) | (1u << 4);
    TAP_INT_EQ(panel_buttons(&pi, act, on), 4, "swap2 choice: four buttons");
    TAP_OK(act[0] == PANEL_CHOOSE_BLACK && act[1] == PANEL_CHOOSE_WHITE &&
               act[2] == PANEL_CHOOSE_PLACE_TWO && act[3] == PANEL_RESIGN && on[2],
           "black, white, place two, then Resign");
    TAP_STR_EQ(panel_action_label(act[2], &pi), "Place two more", "label of place two");
    pi.opening_step = 3; /* declare */
    pi.declare_min = 1;
    pi.declare_max = 8;
    pi.declare_n = 1;
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_DECLARE_FEWER && !on[0] && act[1] == PANEL_DECLARE &&
               act[2] == PANEL_DECLARE_MORE && on[2],
           "declare: fewer is off at the minimum, more is on");
    TAP_STR_EQ(panel_action_label(PANEL_DECLARE, &pi), "Declare 1", "the number on the button");
    pi.opening_step = 4; /* propose */
    pi.proposals_n = 2;
    pi.proposals_k = 1;
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_PROPOSE && !on[0] && act[1] == PANEL_CLEAR_PROPOSALS && on[1],
           "proposals: Propose is off until all are marked, Clear is on");
    TAP_STR_EQ(panel_action_label(PANEL_PROPOSE, &pi), "Propose 1/2", "how many are marked");
    pi.opening_step = 5; /* select: on the board */
    panel_buttons(&pi, act, on);
    TAP_OK(act[0] == PANEL_OFFER_DRAW, "a selection is made on the board: the usual buttons");
    return tap_done();
}
