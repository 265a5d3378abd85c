package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.AfterTheCodec;
import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import dev.latchkey.adapter.rest.security.RequestCredentials.Identification;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.execution.CompletableFutureExecutionFlow;
import io.micronaut.core.execution.ExecutionFlow;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.context.ServerHttpRequestContext;
import io.micronaut.http.filter.FilterRunner;
import io.micronaut.http.filter.GenericHttpFilter;
import io.micronaut.http.netty.NettyMutableHttpResponse;
import io.micronaut.http.netty.body.AvailableNettyByteBody;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the few routes every resource server calls on every request of its own (the caller's token, introspection,
 * the metadata document) without Micronaut's per-request routing (ADR 23). Micronaut finds a request's route among all
 * of them, then its filters by matching every filter's patterns, then binds each argument, and writes the response
 * through its own pipeline: for these three routes that is most of the work, and it is the same every time.
 *
 * <p>So the route, its filters and its arguments are looked up once, and a request for one of these exact paths is
 * answered on the event loop by the same objects Micronaut would use: a {@link NettyHttpRequest}, the route's own
 * filters in Micronaut's {@link FilterRunner} (the authentication filter, cross-site refusal, no-store, the
 * introspection timer, the access log where it is on), the controller method itself, and the same JSON mapper. Nothing
 * about a response is decided here.
 *
 * <p>Only a request whose caller is known and admitted runs here. Any other, a refusal, a password to hash, a token
 * check that needs the store, goes on to Micronaut with what its credentials were found to be handed over
 * ({@link #handedOver}), so that nothing is checked, counted or recorded twice and every refusal keeps its shape.
 */
@Singleton
final class DirectRoutes implements BeanCreatedEventListener<NettyServerCustomizer.Registry>,
        DirectRouteHandler.Routes {

    private static final Logger LOG = LoggerFactory.getLogger(DirectRoutes.class);
    private static final String HANDLER = "latchkey-direct-routes";
    private static final String IDENTIFIED = "latchkey.direct.identified";
    private static final AttributeKey<Handover> HANDOVER = AttributeKey.valueOf("latchkey.direct.handover");
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** Paths served directly; each maps to exactly one literal route, or is served by Micronaut as any other. */
    static final Map<HttpMethod, List<String>> PATHS = Map.of(
            HttpMethod.GET, List.of("/api/v1/tokens/self", OAuthEndpoints.METADATA),
            HttpMethod.POST, List.of(OAuthEndpoints.INTROSPECT));

    /** A larger body (introspection's is a form of one token) goes to Micronaut, which streams it. */
    static final int LARGEST_BODY = 8 * 1024;

    private final boolean enabled;
    private final Router router;
    private final RequestCredentials credentials;
    private final RouteAccessRules rules;
    /**
     * A mapper per body type with its serializer found once: the general mapper looks the serializer up and
     * specialises it on every write (2.4 % of an introspection's samples).
     */
    private final ClassValue<JsonMapper> jsonFor;
    private final ConversionService conversion;
    private final HttpServerConfiguration server;
    private final DirectRouteCounts counts;
    /** By path: each path in {@link #PATHS} belongs to one method. */
    private final Map<String, Optional<DirectRoute>> routes = new ConcurrentHashMap<>();
    private volatile WrittenDate lastDate = new WrittenDate(-1, "");

    /** The {@code Date} header as last written, with the second it names: it changes once a second, not per request. */
    private record WrittenDate(long second, String text) {
    }

    DirectRoutes(@Value("${latchkey.http.direct-routes:true}") boolean enabled, Router router,
                 RequestCredentials credentials, RouteAccessRules rules, JsonMapper json,
                 ConversionService conversion, HttpServerConfiguration server, DirectRouteCounts counts) {
        this.enabled = enabled;
        this.counts = counts;
        this.router = router;
        this.credentials = credentials;
        this.rules = rules;
        this.jsonFor = new ClassValue<>() {
            @Override
            protected JsonMapper computeValue(Class<?> type) {
                return json.createSpecific(Argument.of(type));
            }
        };
        this.conversion = conversion;
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        if (enabled) {
            AfterTheCodec.install(event.getBean(), HANDLER, () -> new DirectRouteHandler(this));
        }
        return event.getBean();
    }

    /**
     * The route a request may be served on directly, judged from its head alone: an exact path (no query, no
     * trailing slash), HTTP/1.1 kept alive, a body only where the route takes one, and nothing that Micronaut's own
     * pipeline handles around the route (an {@code Expect}, an upgrade, a compressed body, a compressed answer).
     */
    @Override
    @Nullable
    public DirectRoute routeFor(io.netty.handler.codec.http.HttpRequest request) {
        HttpMethod method = HttpMethod.parse(request.method().name());
        List<String> paths = PATHS.get(method);
        if (paths == null || !paths.contains(request.uri())) {
            return null;
        }
        if (!HttpVersion.HTTP_1_1.equals(request.protocolVersion()) || !HttpUtil.isKeepAlive(request)
                || request.headers().contains(HttpHeaderNames.EXPECT)
                || request.headers().contains(HttpHeaderNames.UPGRADE)
                || request.headers().contains(HttpHeaderNames.CONTENT_ENCODING)
                || asksForCompression(request)) {
            counts.count(false);
            return null;
        }
        return routes.computeIfAbsent(request.uri(), path -> resolve(method, path)).orElse(null);
    }

    /**
     * Whether the client accepts a compressed answer: Micronaut compresses an answer above its threshold in its own
     * pipeline, which a direct answer does not pass through, so such a request is left to Micronaut.
     */
    private static boolean asksForCompression(io.netty.handler.codec.http.HttpRequest request) {
        String accepted = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        return accepted != null && !accepted.isBlank() && !accepted.strip().equalsIgnoreCase("identity");
    }

    private Optional<DirectRoute> resolve(HttpMethod method, String path) {
        String methodAndPath = method + " " + path;
        List<UriRouteMatch<Object, Object>> literal = router.<Object, Object>find(method, path, null)
                .filter(match -> match.getRouteInfo().getUriMatchTemplate().toString().equals(path))
                .toList();
        if (literal.size() != 1) {
            LOG.warn("{} is served through Micronaut's routing: {} literal routes match it", methodAndPath,
                    literal.size());
            return Optional.empty();
        }
        UriRouteInfo<Object, Object> info = literal.get(0).getRouteInfo();
        Argument<?>[] parameters = info.getTargetMethod().getArguments();
        @SuppressWarnings("unchecked")
        Function<DirectCall, Object>[] binders = new Function[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Argument<?> parameter = parameters[i];
            if (HttpRequest.class.isAssignableFrom(parameter.getType())) {
                binders[i] = DirectCall::request;
            } else if (Authentication.class.equals(parameter.getType())) {
                binders[i] = call -> call.request().getUserPrincipal(Authentication.class).orElse(null);
            } else if (String.class.equals(parameter.getType()) && parameter.getAnnotationMetadata()
                    .hasAnnotation(Body.class)) {
                binders[i] = DirectCall::body;
            } else {
                LOG.warn("{} is served through Micronaut's routing: its parameter {} is not bound here",
                        methodAndPath, parameter);
                return Optional.empty();
            }
        }
        Class<?> answers = info.getReturnType().getType();
        if (!HttpResponse.class.isAssignableFrom(answers) && !CompletionStage.class.isAssignableFrom(answers)) {
            LOG.warn("{} is served through Micronaut's routing: it answers {}", methodAndPath, answers.getName());
            return Optional.empty();
        }
        MediaType produces = info.getProduces().isEmpty() ? MediaType.APPLICATION_JSON_TYPE : info.getProduces().get(0);
        return Optional.of(new DirectRoute(method, path, info, binders, produces));
    }

    /** One route, as looked up once: its filters are found at its first request, as Micronaut finds them. */
    static final class DirectRoute {
        final HttpMethod method;
        final String path;
        final UriRouteInfo<Object, Object> info;
        final Function<DirectCall, Object>[] binders;
        final MediaType produces;
        volatile @Nullable RouteFilters filters;

        DirectRoute(HttpMethod method, String path, UriRouteInfo<Object, Object> info,
                    Function<DirectCall, Object>[] binders, MediaType produces) {
            this.method = method;
            this.path = path;
            this.info = info;
            this.binders = binders;
            this.produces = produces;
        }

        boolean takesBody() {
            return method == HttpMethod.POST;
        }
    }

    /** A route's filters, as Micronaut's router finds them: those run before routing, and those of the route. */
    record RouteFilters(List<GenericHttpFilter> preMatching, List<GenericHttpFilter> matched) {
    }

    record DirectCall(NettyHttpRequest<?> request, @Nullable String body) {
    }

    /** What became of a request: answered here (when its flow completes), or to go on to Micronaut. */
    sealed interface Outcome {
        /** Answered by the flow; if it fails, {@code handOver} leaves the caller for Micronaut's second attempt. */
        record Served(ExecutionFlow<HttpResponse<?>> response, Runnable handOver) implements Outcome {
        }

        record Declined() implements Outcome {
        }
    }

    /**
     * Identifies the caller; runs the route here if the caller is admitted, or else leaves what was found for
     * Micronaut's authentication filter and declines.
     */
    @Override
    public Outcome serve(DirectRoute route, io.netty.handler.codec.http.HttpRequest head, byte @Nullable [] body,
                         ChannelHandlerContext context) {
        CloseableByteBody content = body == null ? AvailableNettyByteBody.empty()
                : new AvailableNettyByteBody(Unpooled.wrappedBuffer(body));
        NettyHttpRequest<?> request = new NettyHttpRequest<>(head, content, context, conversion, server);
        Identification identified = credentials.identify(request);
        if (!(identified instanceof Identification.Known known)) {
            // Work that must wait (a password to hash, a token the store must find) has not begun: Micronaut's
            // filter starts it afresh, against its own request.
            return new Outcome.Declined();
        }
        if (rules.of(route.info).verdict(known.caller()) != RouteAccess.Verdict.ADMITTED) {
            context.channel().attr(HANDOVER).set(new Handover(head, known, attributesOf(request)));
            return new Outcome.Declined();
        }
        Map<String, Object> foundByTheCheck = attributesOf(request);
        RouteAttributes.setRouteMatch(request, route.info.tryMatch(route.path));
        RouteAttributes.setRouteInfo(request, route.info);
        request.setAttribute(IDENTIFIED, known);
        PropagatedContext propagated = PropagatedContext.getOrEmpty().plus(new ServerHttpRequestContext(request));
        try (PropagatedContext.Scope ignored = propagated.propagate()) {
            RouteFilters filters = filtersOf(route, request);
            FilterRunner runner = new FilterRunner(filters.preMatching(), filters.matched(),
                    (filtered, context2) -> invoke(route, new DirectCall(request,
                            body == null ? null : new String(body, StandardCharsets.UTF_8)))) {
                @Override
                protected void doRouteMatch(HttpRequest<?> matched) {
                    // Matched once, when the route was looked up; the match is on the request already.
                }

                @Override
                protected ExecutionFlow<HttpResponse<?>> processFailure(HttpRequest<?> failed, Throwable failure,
                                                                        PropagatedContext ignoredContext) {
                    // Micronaut's own lifecycle answers a failure with its error handling; here it is passed on.
                    return ExecutionFlow.error(failure);
                }
            };
            ExecutionFlow<HttpResponse<?>> flow = runner.run(request, propagated);
            return new Outcome.Served(flow,
                    () -> context.channel().attr(HANDOVER).set(new Handover(head, known, foundByTheCheck)));
        }
    }

    private static Map<String, Object> attributesOf(HttpRequest<?> request) {
        Map<String, Object> attributes = new HashMap<>();
        request.getAttributes().forEach(attributes::put);
        return attributes;
    }

    private RouteFilters filtersOf(DirectRoute route, HttpRequest<?> request) {
        RouteFilters found = route.filters;
        if (found == null) {
            found = new RouteFilters(List.copyOf(router.findPreMatchingFilters(request)),
                    List.copyOf(router.findFilters(request)));
            route.filters = found;
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static ExecutionFlow<HttpResponse<?>> invoke(DirectRoute route, DirectCall call) {
        Object[] arguments = new Object[route.binders.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = route.binders[i].apply(call);
        }
        Object answer = route.info.getTargetMethod().invoke(arguments);
        if (answer instanceof CompletionStage<?> stage) {
            return CompletableFutureExecutionFlow.just((CompletionStage<HttpResponse<?>>) stage);
        }
        return ExecutionFlow.just((HttpResponse<?>) answer);
    }

    /** The response as Micronaut would write it: status, the headers the route and its filters set, the body. */
    @Override
    public FullHttpResponse encode(DirectRoute route, HttpResponse<?> response) throws IOException {
        Object body = response.getBody().orElse(null);
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] raw) {
            bytes = raw;
        } else if (body instanceof CharSequence text) {
            bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = jsonFor.get(body.getClass()).writeValueAsBytes(body);
        }
        DefaultFullHttpResponse written = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.code(), response.reason()), Unpooled.wrappedBuffer(bytes));
        io.netty.handler.codec.http.HttpHeaders headers = written.headers();
        if (server.isDateHeader()) {
            headers.set(HttpHeaderNames.DATE, date());
        }
        server.getServerHeader().ifPresent(name -> headers.set(HttpHeaderNames.SERVER, name));
        if (response instanceof NettyMutableHttpResponse<?> netty) {
            headers.add(netty.getNettyHeaders());
        } else {
            response.getHeaders().forEach((name, values) -> headers.add(name, values));
        }
        if (body != null && !headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, route.produces.toString());
        }
        headers.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return written;
    }

    @Override
    public void counted(boolean servedHere) {
        counts.count(servedHere);
    }

    private String date() {
        long second = System.currentTimeMillis() / 1000;
        WrittenDate written = lastDate;
        if (written.second() != second) {
            written = new WrittenDate(second, DATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(second),
                    ZoneOffset.UTC)));
            lastDate = written;
        }
        return written.text();
    }

    /**
     * What a request's credentials were found to be, for Micronaut's authentication filter when the request goes on
     * there, with what the check left on the request (which challenge failed, a DPoP nonce offered).
     */
    private record Handover(io.netty.handler.codec.http.HttpRequest head, Identification.Known identification,
                            Map<String, Object> attributes) {
    }

    /**
     * What this request's credentials were already found to be, if they were checked here: then the authentication
     * filter must not check them again (a use would be recorded twice, a refusal counted twice).
     */
    static Optional<Identification> handedOver(HttpRequest<?> request) {
        Object identified = request.getAttributes().getValue(IDENTIFIED);
        if (identified instanceof Identification.Known known) {
            return Optional.of(known);
        }
        if (request instanceof NettyHttpRequest<?> netty) {
            Handover handover = netty.getChannelHandlerContext().channel().attr(HANDOVER).get();
            if (handover != null && handover.head() == netty.getNativeRequest()
                    && netty.getChannelHandlerContext().channel().attr(HANDOVER).compareAndSet(handover, null)) {
                handover.attributes().forEach(request::setAttribute);
                return Optional.of(handover.identification());
            }
        }
        return Optional.empty();
    }
}
