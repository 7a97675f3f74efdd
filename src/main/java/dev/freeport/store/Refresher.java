package dev.freeport.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The one way an in-memory view follows its shared store (keys and teams, vendor switches): a daemon thread runs
 * {@code refresh} every period, off the event loops. A failure keeps the last state and is logged once, its end
 * once too, so an unreachable database does not flood the log.
 */
public final class Refresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Refresher.class.getName());

    private final String what;
    private final Runnable refresh;
    private final ScheduledExecutorService thread;
    private boolean failing; // only the refresher thread touches it

    /** Starts refreshing {@code what} ("key", "vendor switch") every {@code every}, the first time after one period. */
    public Refresher(String what, Duration every, Runnable refresh) {
        this.what = what;
        this.refresh = refresh;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freeport-" + what.replace(' ', '-') + "-refresh");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::runQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            refresh.run();
            if (failing) {
                failing = false;
                LOG.info(what + " refresh works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning(what + " refresh failed (keeping the last known state): " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
