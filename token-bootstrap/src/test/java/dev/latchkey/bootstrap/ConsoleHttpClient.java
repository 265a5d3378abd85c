package dev.latchkey.bootstrap;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser without script uses it, for tests that need exact control over the requests a browser
 * would send (cookies, form tokens, fetch metadata): it signs in through the form and posts forms with the session's
 * form token.
 */
final class ConsoleHttpClient {

    private static final Pattern COOKIE = Pattern.compile("^([^=]+)=([^;]*)");
    private static final Pattern FIELD = Pattern.compile("name=\"(signin|csrf)\" value=\"([^\"]+)\"");

    private final LatchkeyNode node;
    private final Map<String, String> cookies;

    ConsoleHttpClient(LatchkeyNode node) {
        this(node, new LinkedHashMap<>());
    }

    private ConsoleHttpClient(LatchkeyNode node, Map<String, String> cookies) {
        this.node = node;
        this.cookies = cookies;
    }

    /** The same browser, its cookies shared, sending to another node (as a load balancer would route it). */
    ConsoleHttpClient routedTo(LatchkeyNode other) {
        return new ConsoleHttpClient(other, cookies);
    }

    /** A copy of this browser's cookies as they are now, kept apart from it: what someone who copied them holds. */
    ConsoleHttpClient copiedTo(LatchkeyNode other) {
        return new ConsoleHttpClient(other, new LinkedHashMap<>(cookies));
    }

    /** The form token of this browser's session, as the tokens page carries it. */
    String formToken() throws Exception {
        return field(get("/console/tokens").body(), "csrf");
    }

    /** Signs in through the form; returns the answer to the form post (303 on success). */
    HttpResponse<String> signIn(String username, String password) throws Exception {
        HttpResponse<String> form = get("/console/sign-in");
        return post("/console/sign-in", Map.of("username", username, "password", password, "signin",
                field(form.body(), "signin")), Map.of());
    }

    HttpResponse<String> get(String path) throws Exception {
        return remember(HttpCalls.send(node, "GET", path, withCookies(Map.of()), null));
    }

    /** Posts a form with the session's form token, read from the tokens page, and the extra headers given. */
    HttpResponse<String> postWithFormToken(String path, Map<String, String> fields, Map<String, String> headers)
            throws Exception {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf", field(get("/console/tokens").body(), "csrf"));
        return post(path, withToken, headers);
    }

    HttpResponse<String> post(String path, Map<String, String> fields, Map<String, String> headers) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        String body = fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return remember(HttpCalls.send(node, "POST", path, withCookies(all), body));
    }

    private Map<String, String> withCookies(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (!cookies.isEmpty()) {
            all.put("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return all;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher matcher = COOKIE.matcher(header);
            if (matcher.find()) {
                if (matcher.group(2).isEmpty()) {
                    cookies.remove(matcher.group(1));
                } else {
                    cookies.put(matcher.group(1), matcher.group(2));
                }
            }
        }
        return response;
    }

    private static String field(String html, String name) {
        Matcher matcher = FIELD.matcher(html);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("no " + name + " field in " + html);
    }
}
