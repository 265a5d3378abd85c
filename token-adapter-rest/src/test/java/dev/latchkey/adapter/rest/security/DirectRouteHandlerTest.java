package dev.latchkey.adapter.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.execution.CompletableFutureExecutionFlow;
import io.micronaut.core.execution.ExecutionFlow;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The connection's side of the direct routes, with the routes themselves replaced: what is held, served, passed on
 * and released, and in which order responses leave.
 */
class DirectRouteHandlerTest {

    private final FakeRoutes routes = new FakeRoutes();
    private final EmbeddedChannel channel = new EmbeddedChannel(new DirectRouteHandler(routes));

    @Test
    void aRequestForADirectRouteIsAnsweredThereAndNothingReachesMicronaut() {
        LastHttpContent end = new DefaultLastHttpContent();
        channel.writeInbound(get("/direct"), end);

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(bodyOf(channel.readOutbound())).isEqualTo("served 1");
        assertThat(end.refCnt()).as("the request's parts are released").isZero();
        assertThat(routes.served).isEqualTo(1);
    }

    @Test
    void aDeclinedRequestGoesOnWholeAndInOrder() {
        routes.decline = true;
        HttpRequest head = get("/direct");
        LastHttpContent end = new DefaultLastHttpContent();
        channel.writeInbound(head, end);

        assertThat(channel.<Object>readInbound()).isSameAs(head);
        assertThat(channel.<Object>readInbound()).isSameAs(end);
        assertThat(end.refCnt()).as("Micronaut owns the parts now").isOne();
        assertThat(routes.passedOn).isEqualTo(1);
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void whileMicronautOwesAResponseADirectRouteWaitsItsTurnThroughMicronaut() {
        HttpRequest other = get("/other");
        HttpRequest direct = get("/direct");
        channel.writeInbound(other, new DefaultLastHttpContent(), direct, new DefaultLastHttpContent());

        assertThat(channel.<Object>readInbound()).isSameAs(other);
        channel.<Object>readInbound();
        assertThat(channel.<Object>readInbound()).as("passed on behind the unanswered request").isSameAs(direct);
        channel.<Object>readInbound();
        assertThat(routes.served).isZero();

        // Micronaut answers both; an interim 100 Continue ends neither.
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.writeInbound(get("/direct"), new DefaultLastHttpContent());
        assertThat(routes.served).as("one response is still owed").isZero();
        channel.<Object>readInbound();
        channel.<Object>readInbound();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.writeInbound(get("/direct"), new DefaultLastHttpContent());
        assertThat(routes.served).as("nothing owed: served directly again").isOne();
    }

    @Test
    void whatArrivesWhileAnAnswerIsPendingWaitsBehindIt() {
        CompletableFuture<HttpResponse<?>> later = new CompletableFuture<>();
        routes.answer = () -> CompletableFutureExecutionFlow.just(later);
        HttpRequest next = get("/other");
        channel.writeInbound(get("/direct"), new DefaultLastHttpContent(), next, new DefaultLastHttpContent());

        assertThat(channel.<Object>readInbound()).as("held until the answer is written").isNull();
        assertThat(channel.config().isAutoRead()).isFalse();

        later.complete(HttpResponse.ok());
        channel.runPendingTasks();
        assertThat(bodyOf(channel.readOutbound())).isEqualTo("served 1");
        assertThat(channel.<Object>readInbound()).isSameAs(next);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aFailedAnswerHandsTheCallerOverAndGoesOnToMicronaut() {
        routes.answer = () -> ExecutionFlow.error(new IllegalStateException("the route failed"));
        HttpRequest head = get("/direct");
        channel.writeInbound(head, new DefaultLastHttpContent());

        assertThat(routes.handedOver).isOne();
        assertThat(channel.<Object>readInbound()).isSameAs(head);
        assertThat(routes.passedOn).isOne();
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void aBodyLargerThanTheDirectPathTakesGoesOnWithEveryPart() {
        HttpRequest head = post("/direct");
        HttpContent first = new DefaultHttpContent(bytes(DirectRoutes.LARGEST_BODY));
        HttpContent second = new DefaultHttpContent(bytes(10));
        LastHttpContent end = new DefaultLastHttpContent();
        channel.writeInbound(head, first, second, end);

        List<Object> passed = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            passed.add(message);
        }
        assertThat(passed).containsExactly(head, first, second, end);
        assertThat(routes.served).isZero();
        passed.forEach(io.netty.util.ReferenceCountUtil::release);
    }

    @Test
    void aBodyIsReadWholeBeforeTheRouteIsServed() {
        channel.writeInbound(post("/direct"), new DefaultHttpContent(text("token=")),
                new DefaultLastHttpContent(text("lk_abc")));

        assertThat(routes.lastBody).isEqualTo("token=lk_abc");
        assertThat(bodyOf(channel.readOutbound())).isEqualTo("served 1");
    }

    @Test
    void aGetThatAnnouncesABodyGoesToMicronaut() {
        HttpRequest head = get("/direct");
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5);
        channel.writeInbound(head, new DefaultLastHttpContent(text("hello")));

        assertThat(channel.<Object>readInbound()).isSameAs(head);
        assertThat(routes.served).isZero();
        io.netty.util.ReferenceCountUtil.release(channel.readInbound());
    }

    @Test
    void closingTheConnectionReleasesWhatIsHeld() {
        HttpContent part = new DefaultHttpContent(text("token="));
        channel.writeInbound(post("/direct"), part);
        channel.close();

        assertThat(part.refCnt()).isZero();
    }

    private static HttpRequest get(String path) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, path);
    }

    private static HttpRequest post(String path) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.POST, path);
    }

    private static ByteBuf bytes(int size) {
        return Unpooled.wrappedBuffer(new byte[size]);
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String bodyOf(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    /** Routes that serve {@code /direct} (GET, or POST with a body) and count what the handler asks of them. */
    private static final class FakeRoutes implements DirectRouteHandler.Routes {
        boolean decline;
        Supplier<ExecutionFlow<HttpResponse<?>>> answer = () -> ExecutionFlow.just(HttpResponse.ok());
        int served;
        int passedOn;
        int handedOver;
        String lastBody;

        @Override
        public DirectRoutes.DirectRoute routeFor(HttpRequest head) {
            if (!head.uri().equals("/direct")) {
                return null;
            }
            HttpMethod method = HttpMethod.parse(head.method().name());
            return new DirectRoutes.DirectRoute(method, "/direct", null, null, MediaType.APPLICATION_JSON_TYPE);
        }

        @Override
        public DirectRoutes.Outcome serve(DirectRoutes.DirectRoute route, HttpRequest head, byte[] body,
                                          ChannelHandlerContext context) {
            lastBody = body == null ? null : new String(body, StandardCharsets.UTF_8);
            if (decline) {
                return new DirectRoutes.Outcome.Declined();
            }
            return new DirectRoutes.Outcome.Served(answer.get(), () -> handedOver++);
        }

        @Override
        public FullHttpResponse encode(DirectRoutes.DirectRoute route, HttpResponse<?> response) {
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("served " + (served + 1), StandardCharsets.UTF_8));
        }

        @Override
        public void counted(boolean servedHere) {
            if (servedHere) {
                served++;
            } else {
                passedOn++;
            }
        }
    }
}
