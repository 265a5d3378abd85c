package dev.latchkey.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.function.Supplier;

/**
 * Handlers placed right after Netty's HTTP/1.1 codec, which see a request's head before Micronaut does (the dialects'
 * GET with a body, the direct routes of ADR 23), and what they read from it.
 */
public final class AfterTheCodec {

    private AfterTheCodec() {
    }

    /**
     * Puts a handler from {@code handlers} (one per connection, or one shared) after the codec of every HTTP/1.1
     * connection. An HTTP/2 stream has no such codec, and Micronaut serves it as before.
     */
    public static void install(NettyServerCustomizer.Registry registry, String name,
                               Supplier<? extends ChannelHandler> handlers) {
        registry.register(new Customizer(null, name, handlers));
    }

    /** Whether a body follows the head: a length above zero, or any transfer coding. */
    public static boolean announcesBody(HttpRequest head) {
        return HttpUtil.getContentLength(head, 0L) > 0 || HttpUtil.isTransferEncodingChunked(head)
                || head.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    }

    private record Customizer(@Nullable Channel channel, String name, Supplier<? extends ChannelHandler> handlers)
            implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel forChannel, ChannelRole role) {
            return new Customizer(forChannel, name, handlers);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(name) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, name,
                        handlers.get());
            }
        }
    }
}
