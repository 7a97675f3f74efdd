package dev.freeport.server;

import dev.freeport.api.PlainHeaderValue;
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
 * into a head), but once: a header is added at the same place answer after answer (the flow adds them in one order),
 * and a name or value that is the very String or AsciiString checked at that place for the last answer (a constant
 * name, the provider's name, the limits' texts) is not read again; the arrays keep the last answer's entries after
 * {@link #clear} for that (a dozen references per connection). A value is read through in one loop for control
 * characters, Vert.x's check only when it holds one (it refuses them but CR LF and a space or tab, a folded line);
 * a {@link PlainHeaderValue} (a count's digits) is not read. Used on its connection's event loop only.
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
            if (names[i] == name || AsciiString.contentEqualsIgnoreCase(names[i], name)) {
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
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (name != names[size] || !immutable(name)) {
            HttpUtils.validateHeaderName(name);
        }
        if (value != null && (value != values[size] || !immutable(value))) {
            checkValue(value);
        }
        names[size] = name;
        values[size++] = value;
        return this;
    }

    /** Whether its characters never change: a check of it holds for good. */
    private static boolean immutable(CharSequence s) {
        return s instanceof String || s instanceof AsciiString;
    }

    /**
     * Refuses a value as Vert.x does ({@code HttpUtils.validateHeaderValue}: DEL, and a control character other than
     * tab unless it is a CR LF followed by a space or tab); Vert.x's check runs only when the value holds one.
     */
    static void checkValue(CharSequence value) {
        if (!(value instanceof PlainHeaderValue) && !plain(value)) {
            HttpUtils.validateHeaderValue(value);
        }
    }

    /** Whether no character is a control character other than tab, nor DEL. */
    static boolean plain(CharSequence value) {
        if (value instanceof String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                if (control(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof AsciiString a) {
            byte[] bytes = a.array();
            for (int i = a.arrayOffset(), end = i + a.length(); i < end; i++) {
                if (control((char) (bytes[i] & 0xff))) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            if (control(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean control(char c) {
        return c < ' ' && c != '\t' || c == 0x7f;
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
        int i = find(name, 0);
        if (i >= 0) {
            removeFrom(name, i);
        }
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

    /** Empties the map; the arrays keep the entries, the checked ones of the next answer's {@link #add}s. */
    @Override
    public AnswerHead clear() {
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
