package cn.nantong.tongtongzai.platform.neo4j.bolt;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in a Bolt connection's pipeline: reads the first bytes. Bolt's own preamble (drivers, cypher-shell) passes
 * at once. An HTTP request — Neo4j Browser's discovery fetch and its WebSocket upgrade — passes only when it carries
 * no {@code Origin} (not a browser) or an allowed one; a page of any other site gets 403 and the connection closes,
 * before Neo4j sees a byte. Neo4j 2026.08 has no setting for this: it upgrades any Origin.
 */
final class OriginCheck extends ChannelInboundHandlerAdapter {

    static final String NAME = "tongtongzai-origin-check";

    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);
    private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private enum Verdict { UNDECIDED, PASS, FORBIDDEN, TOO_LARGE }

    private final BoltOrigins origins;
    private ByteBuf received;

    OriginCheck(BoltOrigins origins) {
        this.origins = origins;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        received = received == null ? in : Unpooled.wrappedBuffer(received, in);
        switch (verdict(received)) {
            case UNDECIDED -> { }
            case PASS -> {
                ByteBuf all = received;
                received = null;
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(all);
            }
            case FORBIDDEN -> refuse(ctx, "403 Forbidden");
            case TOO_LARGE -> refuse(ctx, "431 Request Header Fields Too Large");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (received != null && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // still undecided: ask for the rest of the headers
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private Verdict verdict(ByteBuf bytes) {
        int start = bytes.readerIndex();
        for (int i = 0; i < GET.length; i++) {
            if (i >= bytes.readableBytes()) {
                return Verdict.UNDECIDED;
            }
            if (bytes.getByte(start + i) != GET[i]) {
                return Verdict.PASS; // Bolt's preamble (or TLS, PROXY): not a browser's request
            }
        }
        int end = endOfHeaders(bytes);
        if (end < 0) {
            return bytes.readableBytes() > MAX_HEADER_BYTES ? Verdict.TOO_LARGE : Verdict.UNDECIDED;
        }
        String origin = origin(bytes.toString(start, end - start, StandardCharsets.ISO_8859_1));
        if (origin == null || origins.allows(origin)) {
            return Verdict.PASS;
        }
        log.info("Refused a request to Bolt from a page of {}: not an allowed origin (tongtong.neo4j.embedded.allowed-origins)",
                origin.length() > 200 ? origin.substring(0, 200) : origin);
        return Verdict.FORBIDDEN;
    }

    /** The index of the blank line that ends the request's headers, or -1. */
    private static int endOfHeaders(ByteBuf bytes) {
        int last = bytes.writerIndex() - END_OF_HEADERS.length;
        for (int i = bytes.readerIndex(); i <= last; i++) {
            if (bytes.getByte(i) == '\r' && bytes.getByte(i + 1) == '\n' && bytes.getByte(i + 2) == '\r'
                    && bytes.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String origin(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("origin")) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private void refuse(ChannelHandlerContext ctx, String status) {
        release();
        byte[] response = ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(response)).addListener(ChannelFutureListener.CLOSE);
    }

    private void release() {
        if (received != null) {
            received.release();
            received = null;
        }
    }
}
