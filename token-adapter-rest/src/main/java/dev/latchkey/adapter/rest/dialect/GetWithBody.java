package dev.latchkey.adapter.rest.dialect;

import dev.latchkey.adapter.rest.AfterTheCodec;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * Lets two platforms' clients send a body with GET, as their documentation does: the Sample Token API's
 * {@code GET /Token} with a form, and Sirdata's {@code GET .../partner/{id}/token} with JSON. Micronaut drops the body
 * of a GET (a deliberate framework decision), so for exactly those paths, and only when a body is announced, a handler
 * right after Netty's HTTP codec turns the request into a POST. The dialect controllers bind those routes as POST.
 */
@Singleton
final class GetWithBody implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Pattern PATHS = Pattern.compile("^(/Token|/api/v1/public/auth/partner/[^/]+/token)/?(\\?.*)?$");
    private static final String HANDLER = "latchkey-get-with-body";

    private static final RewriteHandler REWRITE = new RewriteHandler();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        AfterTheCodec.install(event.getBean(), HANDLER, () -> REWRITE);
        return event.getBean();
    }

    @ChannelHandler.Sharable
    private static final class RewriteHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request && HttpMethod.GET.equals(request.method())
                    && AfterTheCodec.announcesBody(request) && PATHS.matcher(request.uri()).matches()) {
                request.setMethod(HttpMethod.POST);
            }
            context.fireChannelRead(message);
        }
    }
}
