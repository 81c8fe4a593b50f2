"""Who is asking: the client's address, as far as the site's own proxies vouch for it."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The address of the client, for limits and lock-outs that count per address.

    With no trusted proxy, the connection's own address: X-Forwarded-For is whatever the client
    wrote. Behind TRUSTED_PROXY_COUNT proxies, each appends the address it received the request
    from, so the entry that many places from the right was written by our outermost proxy;
    everything left of it may be forged. When the header is shorter than that, or the entry is
    not an address, the request did not come through every proxy and its connection counts.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
