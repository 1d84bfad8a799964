/* notifier.c: the platform-free part of the notifier: names. */
#include "notifier.h"

const char *notifier_kind_name(notifier_kind k)
{
    switch (k) {
    case NOTIFY_CONNECT:
        return "connect";
    case NOTIFY_READ:
        return "read";
    case NOTIFY_WRITE:
        return "write";
    case NOTIFY_CLOSE:
        return "close";
    }
    return "unknown";
}
