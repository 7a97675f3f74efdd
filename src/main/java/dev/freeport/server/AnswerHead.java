package dev.freeport.server;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.HttpUtils;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The headers the flow puts on an answer ({@link HttpCaller#answerHeaders}), kept as two arrays of names and values
 * and written by the edge's encoder straight into the answer's head ({@link EdgeConnection#headFor}), before the
 * headers Vert.x adds itself (content-length, connection). Vert.x's own map made an entry object per header (a
 * dozen per answer: the gateway's, the rate limits', the content type) and hashed each name again. Names compare
 * without case, as in Vert.x's map; names and values are checked by Vert.x's rules when added (no CR or LF gets
 * into a head). Used on its connection's event loop only.
 */
final class AnswerHead implements MultiMap {
    private CharSequence[] names = new CharSequence[16];
    private CharSequence[] values = new CharSequence[16];
    private int size;

    int count() {
        return size;
    }

    CharSequence name(int i) {
        return names[i];
    }

    CharSequence value(int i) {
        return values[i];
    }

    private int find(CharSequence name, int from) {
        for (int i = from; i < size; i++) {
            if (AsciiString.contentEqualsIgnoreCase(names[i], name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(CharSequence name) {
        int i = find(name, 0);
        return i < 0 ? null : values[i].toString();
    }

    @Override
    public String get(String name) {
        return get((CharSequence) name);
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        List<String> all = new ArrayList<>(2);
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            all.add(values[i].toString());
        }
        return all;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return entries().iterator();
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(new AbstractMap.SimpleImmutableEntry<>(names[i].toString(), values[i].toString()));
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
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<String> names() {
        Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            all.add(names[i].toString());
        }
        return all;
    }

    @Override
    public MultiMap add(String name, String value) {
        return add((CharSequence) name, value);
    }

    @Override
    public MultiMap add(CharSequence name, CharSequence value) {
        HttpUtils.validateHeader(name, value);
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
        return this;
    }

    @Override
    public MultiMap add(String name, Iterable<String> values) {
        for (String v : values) {
            add(name, v);
        }
        return this;
    }

    @Override
    public MultiMap add(CharSequence name, Iterable<CharSequence> values) {
        for (CharSequence v : values) {
            add(name, v);
        }
        return this;
    }

    @Override
    public MultiMap addAll(MultiMap map) {
        for (Map.Entry<String, String> e : map) {
            add(e.getKey(), e.getValue());
        }
        return this;
    }

    @Override
    public MultiMap addAll(Map<String, String> map) {
        map.forEach(this::add);
        return this;
    }

    @Override
    public MultiMap set(String name, String value) {
        return set((CharSequence) name, value);
    }

    /** Removes every value of {@code name}, then adds {@code value} last (null: only removes), as Vert.x's map does. */
    @Override
    public MultiMap set(CharSequence name, CharSequence value) {
        remove(name);
        return value == null ? this : add(name, value);
    }

    @Override
    public MultiMap set(String name, Iterable<String> values) {
        remove(name);
        return add(name, values);
    }

    @Override
    public MultiMap set(CharSequence name, Iterable<CharSequence> values) {
        remove(name);
        return add(name, values);
    }

    @Override
    public MultiMap setAll(MultiMap map) {
        clear();
        return addAll(map);
    }

    @Override
    public MultiMap setAll(Map<String, String> map) {
        clear();
        return addAll(map);
    }

    @Override
    public MultiMap remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public MultiMap remove(CharSequence name) {
        removeFrom(name, 0);
        return this;
    }

    private void removeFrom(CharSequence name, int from) {
        int kept = from;
        for (int i = from; i < size; i++) {
            if (!AsciiString.contentEqualsIgnoreCase(names[i], name)) {
                names[kept] = names[i];
                values[kept++] = values[i];
            }
        }
        Arrays.fill(names, kept, size, null);
        Arrays.fill(values, kept, size, null);
        size = kept;
    }

    @Override
    public AnswerHead clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        return this;
    }

    @Override
    public int size() {
        return names().size();
    }

    @Override
    public boolean isMutable() {
        return true;
    }

    @Override
    public MultiMap copy(boolean mutable) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < size; i++) {
            copy.add(names[i], values[i]);
        }
        return copy;
    }
}
