/* app_input.h: mouse and keyboard on the game screen (app_input.c), turned
 * into the session's intents. */
#ifndef MATCHBOARD_UI_APP_INPUT_H
#define MATCHBOARD_UI_APP_INPUT_H

#include "app.h"

void app_input_game(app *a, const SDL_Event *ev);

#endif
