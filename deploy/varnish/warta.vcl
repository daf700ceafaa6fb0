# Warta behind Varnish 7 (Debian's varnish 7.1). A template: deploy/prod.py
# replaces the @NAME@ tokens (`python deploy/prod.py vcl > /etc/varnish/warta.vcl`
# writes the file with the environment's values). See README "Running in production".
#
# - Public pages are cached for their s-maxage (Cache-Control from the app) and
#   purged by the app on publish (Wagtail's frontend cache, FRONTEND_CACHE_PURGE_URL):
#   a PURGE of a path drops every cached query-string variant of it on that host.
# - Cookies are stripped from public requests; only the admin, the reply form and
#   Wagtail's password form for restricted pages keep them (and are never cached).
# - The live event streams go, uncached and unbuffered, to the ASGI server; all
#   other paths to the WSGI server.
# - Grace: while the pages server is healthy a stale page is served for at most
#   @GRACE_HEALTHY@ while it is refetched; when it is down (probe), for up to
#   @GRACE_SICK@.
# - Concurrent misses for one URL wait for one fetch (Varnish's waiting list);
#   uncacheable answers are remembered as hit-for-miss so they never queue.
vcl 4.1;

import std;

probe pages_health {
    # Cheap, public, answered by every site (the default site for an unknown host).
    .request =
        "GET /favicon.svg HTTP/1.1"
        "Host: @PROBE_HOST@"
        "Connection: close"
        "User-Agent: varnish-probe";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend pages {
    .host = "@PAGES_HOST@";
    .port = "@PAGES_PORT@";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
    .probe = pages_health;
}

backend streams {
    .host = "@STREAMS_HOST@";
    .port = "@STREAMS_PORT@";
    .connect_timeout = 2s;
    # An event stream sends a keep-alive comment every WARTA_LIVE_KEEPALIVE_SECONDS (20 s).
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 120s;
}

# Who may PURGE: the app's servers and workers (FRONTEND_CACHE_PURGE_URL points here).
acl purgers {
@PURGE_ACL@
}

sub vcl_recv {
    # One cache key per site whatever port or case the client used; Wagtail's
    # purge names the host with the site's port.
    set req.http.host = std.tolower(regsub(req.http.host, ":[0-9]+$", ""));

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Every cached variant of this path on this host, whatever its query
        # string (?page=2): a ban on the stored host and path (lurker-friendly).
        ban("obj.http.x-warta-host == " + req.http.host +
            " && obj.http.x-warta-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }

    if (req.url ~ "^/live/[0-9]+/events") {
        set req.backend_hint = streams;
        return (pass);
    }
    set req.backend_hint = pages;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (with Wagtail's previews), the reply form (a CSRF cookie) and
    # Wagtail's password form for restricted pages keep their cookies and pass.
    if (req.url ~ "^/(admin|hak-jawab|_util|documents)(/|$)") {
        return (pass);
    }
    # Everything else is public: no cookie reaches the app, so no answer
    # can depend on one (or set a session).
    unset req.http.Cookie;
    unset req.http.Authorization;

    # A healthy pages server refreshes stale pages quickly; a sick one leaves
    # readers the last good copy for the whole grace, and so does an error
    # answered before the probe noticed (the restart from vcl_deliver).
    if (req.http.x-warta-stale) {
        set req.grace = @GRACE_SICK@;  # set again: a restart keeps the first value
    } elsif (std.healthy(req.backend_hint)) {
        set req.grace = @GRACE_HEALTHY@;
    }
    return (hash);
}

sub vcl_pipe {
    set bereq.http.connection = "close";
}

sub vcl_backend_fetch {
    if (bereq.url ~ "^/live/[0-9]+/events") {
        # Sent as it arrives: no gzip, nothing held back.
        unset bereq.http.accept-encoding;
    }
}

sub vcl_backend_response {
    # Kept for PURGE's ban (and removed before delivery).
    set beresp.http.x-warta-host = bereq.http.host;
    set beresp.http.x-warta-path = regsub(bereq.url, "\?.*$", "");

    if (bereq.url ~ "^/live/[0-9]+/events") {
        set beresp.do_stream = true;
        set beresp.do_gzip = false;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Errors from a page server in trouble never replace a good copy: a failed
    # background refresh is dropped and the stale page stays.
    # The first error on a reader's request is abandoned too, so that the
    # client side looks again for a stale copy (vcl_synth); the retry delivers
    # the app's own error page, and stores nothing that would hide a stale copy.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || (!bereq.http.x-warta-stale && bereq.method == "GET"
            && bereq.backend == pages)) {
            return (abandon);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    # Only what the app declares public is shared; a cookie-setting, private or
    # unmarked answer is never kept (hit-for-miss: later requests do not queue).
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # beresp.ttl comes from s-maxage / max-age. The grace covers stale-if-error.
    set beresp.grace = @GRACE_SICK@;
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_backend_error {
    # A failed background refresh keeps the stale copy instead of an error; a
    # reader's first failed fetch goes back to look for one (vcl_synth).
    if (bereq.is_bgfetch || (!bereq.http.x-warta-stale && bereq.method == "GET"
        && bereq.backend == pages)) {
        return (abandon);
    }
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.keep = 0s;
}

sub vcl_synth {
    # A fetch abandoned above: once more, taking any stale copy in the whole grace.
    if (resp.status == 503 && req.restarts == 0 && !req.http.x-warta-stale
        && (req.method == "GET" || req.method == "HEAD") && req.backend_hint == pages) {
        set req.http.x-warta-stale = "1";
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.x-warta-host;
    unset resp.http.x-warta-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Browsers keep pages for max-age; s-maxage and the stale allowances were for us.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
