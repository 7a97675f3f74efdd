package dev.freeport.server;

import dev.freeport.flow.RequestLog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The request log's sink: event loops hand lines to a bounded queue (never waiting), and one daemon thread writes
 * them to standard output or appends them to a file, flushing whenever the queue runs empty. When the queue is
 * full (the disk or the terminal cannot keep up) lines are dropped and counted, and the count is written as a line
 * of its own, so the request path never slows down for its log. Not a logging framework on purpose: JUL's handlers
 * write on the caller's thread, and an async appender library would be a dependency for 80 lines.
 */
final class RequestLogWriter implements RequestLog, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RequestLogWriter.class.getName());
    private static final int CAPACITY = 16_384;
    private static final String STOP = new String("stop");

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final boolean toFile;
    private final Thread thread;

    private RequestLogWriter(Writer out, boolean toFile, String where) {
        this.out = out;
        this.toFile = toFile;
        this.thread = Thread.ofPlatform().daemon().name("freeport-request-log").start(this::run);
        LOG.fine(() -> "request log to " + where);
    }

    /** A writer appending to {@code file} (created with its folder), or to standard output when null. */
    static RequestLogWriter open(Path file) {
        if (file == null) {
            return new RequestLogWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
                    false, "standard output");
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new RequestLogWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), true, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the request log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(256);
        try {
            while (true) {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1023);
                boolean stop = false;
                for (String line : batch) {
                    if (line == STOP) {
                        stop = true;
                        break;
                    }
                    out.write(line);
                    out.write('\n');
                }
                batch.clear();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.write("request log: " + lost + " lines dropped (the log could not keep up)\n");
                }
                if (queue.isEmpty() || stop) {
                    out.flush();
                }
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warning("the request log stopped: " + e.getMessage());
        }
    }

    /** Writes what is queued, then stops; a file is closed, standard output only flushed. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (toFile) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException ignored) {
            // nothing more to do at shutdown
        }
    }
}
