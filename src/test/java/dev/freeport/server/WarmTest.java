package dev.freeport.server;

import dev.freeport.caller.Authenticator;
import dev.freeport.module.Module;
import dev.freeport.testing.FakeUpstream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules' warm-up at start: waited for, but never longer than its bound. */
class WarmTest {

    @Test
    void aModuleThatNeverWarmsDelaysReadyOnlyByTheBound() {
        Duration before = Modules.warmWait;
        Modules.warmWait = Duration.ofMillis(300);
        Promise<Void> never = Promise.promise();
        boolean[] asked = new boolean[1];
        Module stuck = new Module() {
            @Override
            public Future<Void> warm(Authenticator authenticator) {
                asked[0] = true;
                return never.future();
            }
        };
        try (FakeUpstream up = FakeUpstream.start()) {
            long t0 = System.nanoTime();
            TestGateway gw = TestGateway.builder().openai("fake", up.baseUrl()).modules(vx -> List.of(stuck)).start();
            try {
                assertThat(asked[0]).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
                assertThat(gw.get("/ready").statusCode()).isEqualTo(200);
            } finally {
                gw.close();
            }
        } finally {
            Modules.warmWait = before;
        }
    }
}
