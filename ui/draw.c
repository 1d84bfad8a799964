/* draw.c: shapes over SDL_RenderGeometry (see draw.h). Edges are smoothed
 * by a one-pixel band fading to transparent, so stones look round at any
 * size without a texture. */
#include <math.h>

#include "draw.h"

enum { MAX_SEGMENTS = 160 };

static SDL_Vertex vtx(float x, float y, SDL_Color c)
{
    SDL_Vertex v = {{x, y}, c, {0, 0}};
    return v;
}

static SDL_Color with_alpha(SDL_Color c, Uint8 a)
{
    c.a = a;
    return c;
}

static int segments_for(float rad)
{
    int n = (int)(rad * 1.2f) + 16;
    return n > MAX_SEGMENTS ? MAX_SEGMENTS : n;
}

void draw_fill(SDL_Renderer *r, ui_rect rect, SDL_Color c)
{
    if (rect.w <= 0 || rect.h <= 0)
        return;
    SDL_Rect sr = {rect.x, rect.y, rect.w, rect.h};
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &sr);
}

void draw_frame(SDL_Renderer *r, ui_rect rect, int t, SDL_Color c)
{
    draw_fill(r, (ui_rect){rect.x, rect.y, rect.w, t}, c);
    draw_fill(r, (ui_rect){rect.x, rect.y + rect.h - t, rect.w, t}, c);
    draw_fill(r, (ui_rect){rect.x, rect.y + t, t, rect.h - 2 * t}, c);
    draw_fill(r, (ui_rect){rect.x + rect.w - t, rect.y + t, t, rect.h - 2 * t}, c);
}

/* A band between radii r0 and r1 whose colour goes from c0 (inside) to c1. */
static void band(SDL_Renderer *r, float cx, float cy, float r0, float r1, SDL_Color c0,
                 SDL_Color c1)
{
    if (r1 <= 0)
        return;
    if (r0 < 0)
        r0 = 0;
    int n = segments_for(r1);
    SDL_Vertex v[6 * MAX_SEGMENTS];
    int k = 0;
    for (int i = 0; i < n; i++) {
        float a0 = 6.2831853f * (float)i / (float)n, a1 = 6.2831853f * (float)(i + 1) / (float)n;
        float c0x = cosf(a0), s0 = sinf(a0), c1x = cosf(a1), s1 = sinf(a1);
        SDL_Vertex in0 = vtx(cx + r0 * c0x, cy + r0 * s0, c0),
                   in1 = vtx(cx + r0 * c1x, cy + r0 * s1, c0);
        SDL_Vertex out0 = vtx(cx + r1 * c0x, cy + r1 * s0, c1),
                   out1 = vtx(cx + r1 * c1x, cy + r1 * s1, c1);
        v[k++] = in0;
        v[k++] = out0;
        v[k++] = out1;
        v[k++] = in0;
        v[k++] = out1;
        v[k++] = in1;
    }
    SDL_RenderGeometry(r, NULL, v, k, NULL, 0);
}

void draw_disc(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color inner, SDL_Color outer)
{
    if (rad <= 0.5f)
        return;
    int n = segments_for(rad);
    float hx = cx - rad * 0.3f, hy = cy - rad * 0.3f; /* the highlight */
    float body = rad - 0.5f;
    SDL_Vertex v[3 * MAX_SEGMENTS];
    int k = 0;
    for (int i = 0; i < n; i++) {
        float a0 = 6.2831853f * (float)i / (float)n, a1 = 6.2831853f * (float)(i + 1) / (float)n;
        v[k++] = vtx(hx, hy, inner);
        v[k++] = vtx(cx + body * cosf(a0), cy + body * sinf(a0), outer);
        v[k++] = vtx(cx + body * cosf(a1), cy + body * sinf(a1), outer);
    }
    SDL_RenderGeometry(r, NULL, v, k, NULL, 0);
    band(r, cx, cy, body, rad + 0.5f, outer, with_alpha(outer, 0));
}

void draw_glow(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color inner, SDL_Color outer)
{
    band(r, cx, cy, 0, rad, inner, outer);
}

void draw_ring(SDL_Renderer *r, float cx, float cy, float r0, float r1, SDL_Color c)
{
    band(r, cx, cy, r0 - 0.5f, r0 + 0.5f, with_alpha(c, 0), c);
    band(r, cx, cy, r0 + 0.5f, r1 - 0.5f, c, c);
    band(r, cx, cy, r1 - 0.5f, r1 + 0.5f, c, with_alpha(c, 0));
}

void draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float nx = -dy / len, ny = dx / len;
    float h = width / 2 - 0.5f, f = width / 2 + 0.5f; /* solid half-width, feathered */
    if (h < 0)
        h = 0;
    SDL_Color clear = with_alpha(c, 0);
    float offs[4] = {-f, -h, h, f};
    SDL_Color cols[4] = {clear, c, c, clear};
    SDL_Vertex v[18];
    int k = 0;
    for (int s = 0; s < 3; s++) {
        SDL_Vertex a = vtx(x0 + nx * offs[s], y0 + ny * offs[s], cols[s]);
        SDL_Vertex b = vtx(x1 + nx * offs[s], y1 + ny * offs[s], cols[s]);
        SDL_Vertex c2 = vtx(x1 + nx * offs[s + 1], y1 + ny * offs[s + 1], cols[s + 1]);
        SDL_Vertex d = vtx(x0 + nx * offs[s + 1], y0 + ny * offs[s + 1], cols[s + 1]);
        v[k++] = a;
        v[k++] = b;
        v[k++] = c2;
        v[k++] = a;
        v[k++] = c2;
        v[k++] = d;
    }
    SDL_RenderGeometry(r, NULL, v, k, NULL, 0);
}

void draw_round_rect(SDL_Renderer *r, ui_rect rect, int rad, SDL_Color c)
{
    if (rad * 2 > rect.h)
        rad = rect.h / 2;
    if (rad * 2 > rect.w)
        rad = rect.w / 2;
    if (rad <= 1) {
        draw_fill(r, rect, c);
        return;
    }
    draw_fill(r, (ui_rect){rect.x + rad, rect.y, rect.w - 2 * rad, rect.h}, c);
    draw_fill(r, (ui_rect){rect.x, rect.y + rad, rad, rect.h - 2 * rad}, c);
    draw_fill(r, (ui_rect){rect.x + rect.w - rad, rect.y + rad, rad, rect.h - 2 * rad}, c);
    /* Quarter discs in the corners, clipped to their corner boxes. */
    int cx[2] = {rect.x + rad, rect.x + rect.w - rad},
        cy[2] = {rect.y + rad, rect.y + rect.h - rad};
    for (int i = 0; i < 4; i++) {
        SDL_Rect clip = {i % 2 ? cx[1] : rect.x, i / 2 ? cy[1] : rect.y, rad, rad};
        SDL_Rect old;
        SDL_bool had = SDL_RenderIsClipEnabled(r);
        SDL_RenderGetClipRect(r, &old);
        SDL_RenderSetClipRect(r, &clip);
        /* NOLINTNEXTLINE(bugprone-integer-division): i / 2 is an index */
        band(r, (float)cx[i % 2], (float)cy[i / 2], 0, (float)rad - 0.5f, c, c);
        /* NOLINTNEXTLINE(bugprone-integer-division): i / 2 is an index */
        band(r, (float)cx[i % 2], (float)cy[i / 2], (float)rad - 0.5f, (float)rad + 0.5f, c,
             with_alpha(c, 0));
        SDL_RenderSetClipRect(r, had ? &old : NULL);
    }
}
