/* notifier_win32.c: the notifier in the WSAAsyncSelect model.
 *
 * Each notifier owns a message-only window (HWND_MESSAGE) of the thread
 * that created it. Its socket is given to WSAAsyncSelect(sock, hwnd,
 * WM_SOCKET, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE) before connect(),
 * so WinSock posts the notifications to that window; whatever message loop
 * the thread runs (GetMessage, SDL's event pump) calls the window
 * procedure, which reads the error with WSAGETSELECTERROR first, then the
 * event with WSAGETSELECTEVENT, does the socket's own work (next address
 * on a failed connect, flushing the send queue on FD_WRITE) and forwards
 * the notification to the application's callback. Everything runs on the
 * application's thread: no locks.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <stdlib.h>
#include <string.h>

#include "notifier.h"
#include "send_queue.h"

#define WM_SOCKET         (WM_APP + 1) /* WinSock's notifications */
#define WM_CONNECT_FAILED (WM_APP + 2) /* every address failed at once */
#define CONNECT_TIMER     1
#define MAX_ADDRS         8

static const wchar_t window_class[] = L"matchboard-notifier";

typedef enum phase { PHASE_IDLE, PHASE_CONNECTING, PHASE_CONNECTED, PHASE_CLOSED } phase;

struct notifier {
    notifier_post_fn post;
    void *user;
    HWND hwnd;

    uint32_t generation;
    phase phase;
    SOCKET sock;
    sock_addr addrs[MAX_ADDRS];
    size_t naddrs, next_addr;
    sock_err last_connect_error;
    send_queue queue;
};

static void post(notifier *n, notifier_kind kind, sock_err err)
{
    notifier_event ev;
    ev.from = n;
    ev.connection = n->generation;
    ev.kind = kind;
    ev.error = err;
    n->post(n->user, &ev);
}

static void close_socket(notifier *n)
{
    if (n->sock != INVALID_SOCKET) {
        /* no more messages for it; ones already queued carry its handle
         * and are dropped by the window procedure */
        WSAAsyncSelect(n->sock, n->hwnd, 0, 0);
        closesocket(n->sock);
    }
    n->sock = INVALID_SOCKET;
}

/* Sends queued bytes until empty or WSAEWOULDBLOCK (then FD_WRITE comes
 * when there is room). SOCK_OK or the broken connection's error. */
static sock_err flush_queue(notifier *n)
{
    return send_queue_flush(&n->queue, (sock_t)n->sock);
}

/* Starts connecting to the next address: 1 when under way, 0 when every
 * address failed at once. */
static int start_next(notifier *n)
{
    while (n->next_addr < n->naddrs) {
        const sock_addr *a = &n->addrs[n->next_addr++];
        const struct sockaddr *sa = (const struct sockaddr *)a->u.bytes;
        SOCKET s = socket(sa->sa_family, SOCK_STREAM, IPPROTO_TCP);
        int code;
        if (s == INVALID_SOCKET) {
            n->last_connect_error = sock_err_from_os(WSAGetLastError());
            continue;
        }
        /* before connect(), so FD_CONNECT cannot be missed; this also makes
         * the socket non-blocking */
        if (WSAAsyncSelect(s, n->hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE) !=
            0) {
            n->last_connect_error = sock_err_from_os(WSAGetLastError());
            closesocket(s);
            continue;
        }
        n->sock = s;
        if (connect(s, sa, (int)a->len) == 0)
            return 1; /* FD_CONNECT follows all the same */
        code = WSAGetLastError();
        if (code == WSAEWOULDBLOCK)
            return 1;
        n->last_connect_error = sock_err_from_os(code);
        close_socket(n);
    }
    return 0;
}

static void connect_failed(notifier *n, sock_err err)
{
    KillTimer(n->hwnd, CONNECT_TIMER);
    close_socket(n);
    n->phase = PHASE_IDLE;
    post(n, NOTIFY_CONNECT, err);
}

static void on_socket_message(notifier *n, SOCKET s, LPARAM lparam)
{
    int err = WSAGETSELECTERROR(lparam); /* the error first, then the event */
    int event = WSAGETSELECTEVENT(lparam);
    sock_err e;
    if (s != n->sock || n->sock == INVALID_SOCKET)
        return; /* a message of a socket closed since */
    switch (event) {
    case FD_CONNECT:
        if (n->phase != PHASE_CONNECTING)
            return;
        if (err) {
            n->last_connect_error = sock_err_from_os(err);
            close_socket(n);
            if (!start_next(n))
                connect_failed(n, n->last_connect_error);
            return;
        }
        KillTimer(n->hwnd, CONNECT_TIMER);
        n->phase = PHASE_CONNECTED;
        sock_set_nodelay((sock_t)n->sock, 1);
        post(n, NOTIFY_CONNECT, SOCK_OK);
        e = flush_queue(n); /* bytes sent while connecting; FD_WRITE does the rest */
        if (e != SOCK_OK) {
            n->phase = PHASE_CLOSED;
            post(n, NOTIFY_CLOSE, e);
        }
        break;
    case FD_READ:
        post(n, NOTIFY_READ, err ? sock_err_from_os(err) : SOCK_OK);
        break;
    case FD_WRITE:
        if (n->phase != PHASE_CONNECTED)
            return;
        e = err ? sock_err_from_os(err) : flush_queue(n);
        if (e != SOCK_OK) {
            n->phase = PHASE_CLOSED;
            post(n, NOTIFY_CLOSE, e);
        } else if (send_queue_len(&n->queue) == 0) {
            post(n, NOTIFY_WRITE, SOCK_OK);
        }
        break;
    case FD_CLOSE:
        if (n->phase == PHASE_CLOSED)
            return;
        n->phase = PHASE_CLOSED; /* data may still be there to read */
        post(n, NOTIFY_CLOSE, err ? sock_err_from_os(err) : SOCK_OK);
        break;
    default:
        break;
    }
}

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam)
{
    notifier *n = (notifier *)GetWindowLongPtrW(hwnd, GWLP_USERDATA);
    if (!n)
        return DefWindowProcW(hwnd, msg, wparam, lparam);
    switch (msg) {
    case WM_SOCKET:
        on_socket_message(n, (SOCKET)wparam, lparam);
        return 0;
    case WM_CONNECT_FAILED:
        if ((uint32_t)wparam == n->generation && n->phase == PHASE_CONNECTING)
            connect_failed(n, (sock_err)lparam);
        return 0;
    case WM_TIMER:
        if (wparam == CONNECT_TIMER && n->phase == PHASE_CONNECTING)
            connect_failed(n, SOCK_ERR_TIMED_OUT);
        return 0;
    default:
        return DefWindowProcW(hwnd, msg, wparam, lparam);
    }
}

static int register_class(HINSTANCE inst)
{
    WNDCLASSEXW wc;
    if (GetClassInfoExW(inst, window_class, &wc))
        return 1;
    memset(&wc, 0, sizeof wc);
    wc.cbSize = sizeof wc;
    wc.lpfnWndProc = window_proc;
    wc.hInstance = inst;
    wc.lpszClassName = window_class;
    return RegisterClassExW(&wc) != 0 || GetLastError() == ERROR_CLASS_ALREADY_EXISTS;
}

sock_err notifier_create(notifier_post_fn postfn, void *user, size_t queue_cap, notifier **out)
{
    HINSTANCE inst = GetModuleHandleW(NULL);
    notifier *n;
    *out = NULL;
    if (!postfn)
        return SOCK_ERR_OTHER;
    if (!register_class(inst))
        return SOCK_ERR_NO_RESOURCES;
    n = calloc(1, sizeof *n);
    if (!n)
        return SOCK_ERR_NO_RESOURCES;
    n->post = postfn;
    n->user = user;
    n->sock = INVALID_SOCKET;
    if (send_queue_init(&n->queue, queue_cap ? queue_cap : NOTIFIER_QUEUE_DEFAULT) != 0) {
        free(n);
        return SOCK_ERR_NO_RESOURCES;
    }
    n->hwnd = CreateWindowExW(0, window_class, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, inst, NULL);
    if (!n->hwnd) {
        send_queue_free(&n->queue);
        free(n);
        return SOCK_ERR_NO_RESOURCES;
    }
    SetWindowLongPtrW(n->hwnd, GWLP_USERDATA, (LONG_PTR)n);
    *out = n;
    return SOCK_OK;
}

static void drop(notifier *n)
{
    n->generation++;
    KillTimer(n->hwnd, CONNECT_TIMER);
    close_socket(n);
    n->phase = PHASE_IDLE;
    send_queue_clear(&n->queue);
}

void notifier_destroy(notifier *n)
{
    if (!n)
        return;
    drop(n);
    SetWindowLongPtrW(n->hwnd, GWLP_USERDATA, 0);
    DestroyWindow(n->hwnd);
    send_queue_free(&n->queue);
    free(n);
}

sock_err notifier_connect(notifier *n, const char *host, uint16_t port, int timeout_ms)
{
    sock_addr addrs[MAX_ADDRS];
    size_t count = 0;
    sock_err e;
    if (!host || !*host)
        return SOCK_ERR_BAD_ADDRESS;
    e = sock_resolve(host, port, 0, addrs, MAX_ADDRS, &count);
    if (e != SOCK_OK)
        return e;
    if (count == 0)
        return SOCK_ERR_NAME;
    drop(n);
    memcpy(n->addrs, addrs, count * sizeof addrs[0]);
    n->naddrs = count;
    n->next_addr = 0;
    n->last_connect_error = SOCK_ERR_UNREACHABLE;
    n->phase = PHASE_CONNECTING;
    SetTimer(n->hwnd, CONNECT_TIMER, (UINT)(timeout_ms > 0 ? timeout_ms : 10000), NULL);
    if (!start_next(n)) /* told through the window, like every other outcome */
        PostMessageW(n->hwnd, WM_CONNECT_FAILED, (WPARAM)n->generation,
                     (LPARAM)n->last_connect_error);
    return SOCK_OK;
}

long notifier_recv(notifier *n, void *buf, size_t cap)
{
    if (n->sock == INVALID_SOCKET || (n->phase != PHASE_CONNECTED && n->phase != PHASE_CLOSED))
        return n->phase == PHASE_CLOSED ? 0 : SOCK_ERR_WOULD_BLOCK;
    return sock_recv((sock_t)n->sock, buf, cap); /* re-enables FD_READ */
}

sock_err notifier_send(notifier *n, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (n->phase != PHASE_CONNECTING && n->phase != PHASE_CONNECTED)
        return n->phase == PHASE_CLOSED ? SOCK_ERR_RESET : SOCK_ERR_OTHER;
    if (len > send_queue_room(&n->queue))
        return SOCK_ERR_NO_RESOURCES;
    if (n->phase == PHASE_CONNECTED && send_queue_len(&n->queue) == 0) {
        /* a send cut short by WSAEWOULDBLOCK: FD_WRITE will come when
         * there is room */
        long r = send_queue_send_now((sock_t)n->sock, p, len);
        if (r < 0)
            return (sock_err)r; /* FD_CLOSE follows */
        p += r;
        len -= (size_t)r;
    }
    if (len > 0)
        send_queue_push(&n->queue, p, len);
    return SOCK_OK;
}

size_t notifier_queued(const notifier *n)
{
    return send_queue_len(&n->queue);
}

void notifier_disconnect(notifier *n)
{
    drop(n);
}

sock_err notifier_shutdown_write(notifier *n)
{
    if (n->phase != PHASE_CONNECTED)
        return SOCK_ERR_OTHER;
    if (send_queue_len(&n->queue) > 0)
        return SOCK_ERR_WOULD_BLOCK;
    return sock_shutdown_write((sock_t)n->sock);
}

int notifier_is_current(const notifier *n, const notifier_event *ev)
{
    return ev->from == n && ev->connection == n->generation;
}
