package dev.freeport.batch;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (the OpenAI file upload) read by Netty's multipart decoder (already on the
 * classpath through Vert.x) in memory: its text fields and its one file. The body was read under the gateway's
 * body limit before it gets here.
 */
record Multipart(Map<String, String> fields, String filename, byte[] file) {

    /** Parses; throws IllegalArgumentException with a reason a caller can act on. */
    static Multipart parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("the upload must be multipart/form-data (fields purpose and file)");
        }
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/files",
                Unpooled.wrappedBuffer(body));
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostMultipartRequestDecoder decoder;
        try {
            decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), req);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new IllegalArgumentException("the multipart body could not be read: " + e.getMessage());
        }
        try {
            Map<String, String> fields = new HashMap<>();
            String filename = null;
            byte[] file = null;
            for (InterfaceHttpData d : decoder.getBodyHttpDatas()) {
                if (d instanceof FileUpload f && file == null) {
                    filename = f.getFilename();
                    file = f.get();
                } else if (d instanceof Attribute a) {
                    fields.put(a.getName(), a.getValue());
                }
            }
            return new Multipart(fields, filename, file);
        } catch (HttpPostRequestDecoder.NotEnoughDataDecoderException
                 | HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new IllegalArgumentException("the multipart body is incomplete or malformed");
        } catch (IOException e) {
            throw new IllegalArgumentException("the multipart body could not be read: " + e.getMessage());
        } finally {
            decoder.destroy();
            req.release();
        }
    }
}
