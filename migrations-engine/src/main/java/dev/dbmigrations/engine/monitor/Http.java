package dev.dbmigrations.engine.monitor;

import dev.dbmigrations.engine.api.MigrationsListener;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The one way monitoring talks to the outside: a request with a timeout, retried a bounded number of
 * times on a network error or a 5xx/429 answer, never thrown: a webhook or a Pushgateway that is down
 * costs a warning, never the migration's own result. URLs may hold secrets (a Slack webhook's path is
 * its key), so only {@link #mask} of them is ever printed.
 */
final class Http {

    static final int ATTEMPTS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Http() {
    }

    /** Sends {@code body}; true when the server took it (2xx). Says what failed, masked, through {@code listener}. */
    static boolean send(String method, String url, String contentType, String body, String what,
                        MigrationsListener listener) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", contentType)
                    .header("User-Agent", "dbmigrations").method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (IllegalArgumentException e) {
            listener.warn("Could not send " + what + " to " + mask(url) + ": not a valid URL");
            return false;
        }
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    listener.debug("Sent " + what + " to " + mask(url) + " (HTTP " + status + ")");
                    return true;
                }
                last = "HTTP " + status;
                if (status / 100 == 4 && status != 429 && status != 408) {
                    break; // the request itself is wrong: sending it again gets the same answer
                }
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = "interrupted";
                break;
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        listener.warn("Could not send " + what + " to " + mask(url) + " (" + scrub(last, url) + "); the run's own result"
                + " is unchanged (fix: check that the endpoint is reachable from the machine that deploys)");
        return false;
    }

    /** A URL as it may be printed: scheme, host and port; the path, the query and any user info hidden. */
    static String mask(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) {
                return "(a URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? "" : "/***");
        } catch (IllegalArgumentException e) {
            return "(a URL)";
        }
    }

    /** {@code text} without the URL or its path in it (an exception message may quote them). */
    static String scrub(String text, String url) {
        if (text == null) {
            return "no answer";
        }
        String out = text.replace(url, mask(url));
        try {
            String path = URI.create(url).getRawPath();
            if (path != null && path.length() > 1) {
                out = out.replace(path, "/***");
            }
        } catch (IllegalArgumentException ignored) {
            // nothing more to hide
        }
        return out;
    }
}
