"""Anti-automation for the anonymous survey (TESTPLAN T23).

A client is counted under a keyed hash of its address that expires with the
window, so no IP address is ever stored. X-Forwarded-For is believed only
when the direct peer is a configured proxy.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

KEY_PREFIX = "survey-throttle:"


def client_address(request) -> str:
    """The client's address: the peer, or the last hop a trusted proxy saw."""
    peer = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.SURVEY_TRUSTED_PROXIES)
    if peer not in trusted:
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if hop in trusted:
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return peer  # a malformed header: fall back to the proxy itself
    return peer


def throttle_key(address: str, bucket: int) -> str:
    message = f"throttle:{bucket}:{address}".encode()
    digest = hmac.new(settings.SURVEY_RECEIPT_KEY.encode(), message, hashlib.sha256)
    return KEY_PREFIX + digest.hexdigest()[:32]


def current_window(seconds: int) -> int:
    """The number of the fixed window we are in."""
    return int(time.time() // seconds)


def allow(request) -> bool:
    """Count one post from this client; False once it is over the limit.

    Fixed windows: the key names the window, and every write sets the expiry
    to one window (a cache's incr() may reset it to the default timeout).
    Two processes counting at the same instant may lose a count; a throttle
    can afford that.
    """
    limit, window = settings.SURVEY_THROTTLE_POSTS, settings.SURVEY_THROTTLE_SECONDS
    key = throttle_key(client_address(request), current_window(window))
    count = cache.get(key, 0) + 1
    cache.set(key, count, timeout=window)
    return count <= limit
