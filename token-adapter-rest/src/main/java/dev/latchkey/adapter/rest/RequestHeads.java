package dev.latchkey.adapter.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/** What the handlers placed right after Netty's HTTP codec read from a request's head before Micronaut sees it. */
public final class RequestHeads {

    private RequestHeads() {
    }

    /** Whether a body follows the head: a length above zero, or any transfer coding. */
    public static boolean announcesBody(HttpRequest head) {
        return HttpUtil.getContentLength(head, 0L) > 0 || HttpUtil.isTransferEncodingChunked(head)
                || head.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    }
}
