package dev.freeport.provider.http;

import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An upstream answer's head as the raw client's decoder fills it ({@link RawPool#answerDecoder()}): the names and
 * values in the order they came, in one array, looked up by a case-insensitive scan. Netty's default map hashes
 * every header into an entry of its own; the gateway reads a handful of an
 * answer's headers (its framing, {@code Connection}, {@code Content-Encoding}, and on an error the codec's
 * {@code Retry-After} and rate-limit headers), once each, from a head of a few to a few dozen headers, for which a
 * scan is cheaper than the map. Names and values are checked as Netty's map checks them (a name of token
 * characters, a value without control characters), so a head it refused is still a malformed answer. Confined to
 * one event loop.
 */
final class AnswerHeaders extends HttpHeaders {
    /** The factory for both an answer's headers and its trailers. */
    static final HttpHeadersFactory FACTORY = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return new AnswerHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return new AnswerHeaders();
        }
    };

    /** name, value (a String), name, value, ...: one array for both */
    private Object[] fields;
    private int size;

    private CharSequence name(int i) {
        return (CharSequence) fields[2 * i];
    }

    private String value(int i) {
        return (String) fields[2 * i + 1];
    }

    private int find(CharSequence name, int from) {
        for (int i = from; i < size; i++) {
            if (AsciiString.contentEqualsIgnoreCase(name(i), name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(String name) {
        return get((CharSequence) name);
    }

    @Override
    public String get(CharSequence name) {
        int i = find(name, 0);
        return i < 0 ? null : value(i);
    }

    @Override
    public Integer getInt(CharSequence name) {
        return parsed(name, Integer::valueOf);
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        Integer v = getInt(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Short getShort(CharSequence name) {
        return parsed(name, Short::valueOf);
    }

    /** The first value of {@code name}, trimmed and parsed; null when absent or not a number. */
    private <T> T parsed(CharSequence name, Function<String, T> parse) {
        String v = get(name);
        try {
            return v == null ? null : parse.apply(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        Short v = getShort(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Long getTimeMillis(CharSequence name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        java.util.Date date = io.netty.handler.codec.DateFormatter.parseHttpDate(v);
        return date == null ? null : date.getTime();
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        Long v = getTimeMillis(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        int i = find(name, 0);
        if (i < 0) {
            return Collections.emptyList();
        }
        int next = find(name, i + 1);
        if (next < 0) {
            return Collections.singletonList(value(i));
        }
        List<String> all = new ArrayList<>(4);
        all.add(value(i));
        for (int j = next; j >= 0; j = find(name, j + 1)) {
            all.add(value(j));
        }
        return all;
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(new AbstractMap.SimpleImmutableEntry<>(name(i).toString(), value(i)));
        }
        return all;
    }

    @Override
    public boolean contains(String name) {
        return find(name, 0) >= 0;
    }

    @Override
    public boolean contains(CharSequence name) {
        return find(name, 0) >= 0;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return entries().iterator();
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
        List<Map.Entry<CharSequence, CharSequence>> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(new AbstractMap.SimpleImmutableEntry<>(name(i), value(i)));
        }
        return all.iterator();
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<String> names() {
        Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            all.add(name(i).toString());
        }
        return all;
    }

    @Override
    public HttpHeaders add(String name, Object value) {
        return add((CharSequence) name, value);
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
        String v = String.valueOf(value);
        // the checks Netty's default map makes, without its map: a name of token characters, a value without
        // control characters; a failure makes the decoder's answer a malformed one, as before
        if (HttpHeaderValidationUtil.validateToken(name) >= 0 || name.isEmpty()) {
            throw new IllegalArgumentException("an answer's header name is not a token");
        }
        if (HttpHeaderValidationUtil.validateValidHeaderValue(v) >= 0) {
            throw new IllegalArgumentException("an answer's header value holds a control character");
        }
        if (fields == null) {
            fields = new Object[16];
        } else if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, 4 * size);
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = v;
        size++;
        return this;
    }

    @Override
    public HttpHeaders add(String name, Iterable<?> values) {
        for (Object v : values) {
            add(name, v);
        }
        return this;
    }

    @Override
    public HttpHeaders addInt(CharSequence name, int value) {
        return add(name, Integer.toString(value));
    }

    @Override
    public HttpHeaders addShort(CharSequence name, short value) {
        return add(name, Short.toString(value));
    }

    @Override
    public HttpHeaders set(String name, Object value) {
        return set((CharSequence) name, value);
    }

    @Override
    public HttpHeaders set(CharSequence name, Object value) {
        remove(name);
        return add(name, value);
    }

    @Override
    public HttpHeaders set(String name, Iterable<?> values) {
        remove(name);
        return add(name, values);
    }

    @Override
    public HttpHeaders setInt(CharSequence name, int value) {
        return set(name, Integer.toString(value));
    }

    @Override
    public HttpHeaders setShort(CharSequence name, short value) {
        return set(name, Short.toString(value));
    }

    @Override
    public HttpHeaders remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public HttpHeaders remove(CharSequence name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!AsciiString.contentEqualsIgnoreCase(name(i), name)) {
                fields[2 * kept] = fields[2 * i];
                fields[2 * kept + 1] = fields[2 * i + 1];
                kept++;
            }
        }
        if (fields != null) {
            Arrays.fill(fields, 2 * kept, 2 * size, null);
        }
        size = kept;
        return this;
    }

    @Override
    public HttpHeaders clear() {
        if (fields != null) {
            Arrays.fill(fields, 0, 2 * size, null);
        }
        size = 0;
        return this;
    }
}
