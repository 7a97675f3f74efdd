package dev.freeport.provider.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;

/**
 * The TLS settings of {@link RawPool}'s channels, made once: Netty's JDK provider with the JDK's default trust
 * (its trust store, or {@code javax.net.ssl.trustStore} when set), as Vert.x's client has it with no trust options;
 * HTTP/1.1 only. Host name verification and SNI are per channel ({@link RawPool}).
 */
final class RawTls {
    private static volatile SslContext context;

    private RawTls() {
    }

    static SslContext context() {
        SslContext c = context;
        if (c == null) {
            synchronized (RawTls.class) {
                c = context;
                if (c == null) {
                    try {
                        c = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
                    } catch (SSLException e) {
                        throw new IllegalStateException("TLS is unavailable: " + e.getMessage(), e);
                    }
                    context = c;
                }
            }
        }
        return c;
    }
}
