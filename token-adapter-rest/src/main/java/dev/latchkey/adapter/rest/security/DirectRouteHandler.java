package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.AfterTheCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.execution.ExecutionFlow;
import io.micronaut.core.execution.ImperativeExecutionFlow;
import io.micronaut.http.HttpResponse;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's side of {@link DirectRoutes}, right after Netty's HTTP codec. A request for a direct route is held
 * until its (small) body is in, then served here or passed on to Micronaut whole; every other message goes straight
 * on.
 *
 * <p>Responses on a connection must leave in the order its requests came (HTTP/1.1 pipelining), so a request is only
 * served here while Micronaut owes the connection no response: the handler counts the requests it passed on and the
 * responses Micronaut has finished writing. While a request served here waits for its answer (its route needed the
 * store), whatever else arrives waits behind it, and the connection stops reading.
 */
final class DirectRouteHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DirectRouteHandler.class);

    /** What the handler asks of the routes it serves ({@link DirectRoutes}). */
    interface Routes {

        /**
         * The route this request head may be served on here, or null; a request for a direct route's path that may
         * not be served here is counted as passed on.
         */
        @Nullable
        DirectRoutes.DirectRoute routeFor(HttpRequest head);

        /** Serves the request here, or declines it (then Micronaut serves it). */
        DirectRoutes.Outcome serve(DirectRoutes.DirectRoute route, HttpRequest head, byte @Nullable [] body,
                                   ChannelHandlerContext context);

        /** The route's answer, as Micronaut would write it. */
        FullHttpResponse encode(DirectRoutes.DirectRoute route, HttpResponse<?> response) throws Exception;

        /** Counts a request for a direct route: served here, or passed on to Micronaut. */
        void counted(boolean servedHere);
    }

    private final Routes routes;
    private int owedByMicronaut;
    private @Nullable Held held;
    private boolean answering;
    private final ArrayDeque<Object> arrivedMeanwhile = new ArrayDeque<>();

    DirectRouteHandler(Routes routes) {
        this.routes = routes;
    }

    /** A request held for a direct route, with the parts of its body read so far. */
    private static final class Held {
        final HttpRequest head;
        final DirectRoutes.DirectRoute route;
        final List<HttpContent> parts = new ArrayList<>(1);
        int size;

        Held(HttpRequest head, DirectRoutes.DirectRoute route) {
            this.head = head;
            this.route = route;
        }

        byte[] body() {
            byte[] body = new byte[size];
            int at = 0;
            for (HttpContent part : parts) {
                int length = part.content().readableBytes();
                part.content().getBytes(part.content().readerIndex(), body, at, length);
                at += length;
            }
            return body;
        }

        void release() {
            parts.forEach(ReferenceCountUtil::release);
            parts.clear();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (answering) {
            arrivedMeanwhile.add(message);
            return;
        }
        if (held != null) {
            collect(context, held, message);
            return;
        }
        if (message instanceof HttpRequest head && !(message instanceof HttpContent)) {
            DirectRoutes.DirectRoute route = head.decoderResult().isSuccess() ? routes.routeFor(head) : null;
            if (route != null && owedByMicronaut == 0 && (route.takesBody() || !AfterTheCodec.announcesBody(head))) {
                held = new Held(head, route);
                return;
            }
            if (route != null) {
                routes.counted(false);
            }
            owedByMicronaut++;
        } else if (message instanceof HttpRequest) {
            owedByMicronaut++;
        }
        context.fireChannelRead(message);
    }

    private void collect(ChannelHandlerContext context, Held request, Object message) {
        if (!(message instanceof HttpContent part)) {
            held = null;
            passOn(context, request);
            channelRead(context, message);
            return;
        }
        request.parts.add(part);
        request.size += part.content().readableBytes();
        if (request.size > DirectRoutes.LARGEST_BODY || !part.decoderResult().isSuccess()) {
            held = null;
            passOn(context, request);
        } else if (part instanceof LastHttpContent) {
            held = null;
            serve(context, request);
        }
    }

    private void serve(ChannelHandlerContext context, Held request) {
        DirectRoutes.Outcome outcome;
        try {
            outcome = routes.serve(request.route, request.head, request.route.takesBody() ? request.body() : null,
                    context);
        } catch (RuntimeException failure) {
            LOG.debug("{} {} goes on to Micronaut after a failure here", request.route.method, request.route.path,
                    failure);
            passOn(context, request);
            return;
        }
        if (!(outcome instanceof DirectRoutes.Outcome.Served served)) {
            passOn(context, request);
            return;
        }
        ExecutionFlow<HttpResponse<?>> flow = served.response();
        ImperativeExecutionFlow<HttpResponse<?>> done = flow.tryComplete();
        if (done != null) {
            finish(context, request, served, done.getValue(), done.getError());
            return;
        }
        answering = true;
        context.channel().config().setAutoRead(false);
        flow.onComplete((response, failure) -> context.executor().execute(() -> {
            finish(context, request, served, response, failure);
            answering = false;
            context.channel().config().setAutoRead(true);
            while (!answering && !arrivedMeanwhile.isEmpty()) {
                channelRead(context, arrivedMeanwhile.poll());
            }
            context.read();
        }));
    }

    /**
     * Writes the route's answer; if the route failed instead, Micronaut serves the request from the start, with the
     * caller handed over, so that its error handling answers as for any other route.
     */
    private void finish(ChannelHandlerContext context, Held request, DirectRoutes.Outcome.Served served,
                        @Nullable HttpResponse<?> response, @Nullable Throwable failure) {
        if (failure == null && response != null) {
            try {
                FullHttpResponse written = routes.encode(request.route, response);
                request.release();
                routes.counted(true);
                context.writeAndFlush(written);
                return;
            } catch (Exception unwritable) {
                failure = unwritable;
            }
        }
        LOG.debug("{} {} goes on to Micronaut after a failure here", request.route.method, request.route.path,
                failure);
        served.handOver().run();
        passOn(context, request);
    }

    private void passOn(ChannelHandlerContext context, Held request) {
        routes.counted(false);
        owedByMicronaut++;
        context.fireChannelRead(request.head);
        request.parts.forEach(context::fireChannelRead);
        request.parts.clear();
        context.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        // Only Micronaut's writes come through here (this handler writes from its own place, past itself).
        if (message instanceof LastHttpContent && owedByMicronaut > 0 && !(message instanceof
                io.netty.handler.codec.http.HttpResponse interim
                && interim.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
            owedByMicronaut--;
        }
        context.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        discardHeld();
        super.channelInactive(context);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        discardHeld();
    }

    private void discardHeld() {
        if (held != null) {
            held.release();
            held = null;
        }
        arrivedMeanwhile.forEach(ReferenceCountUtil::release);
        arrivedMeanwhile.clear();
    }
}
