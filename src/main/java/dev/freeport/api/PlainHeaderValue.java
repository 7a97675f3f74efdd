package dev.freeport.api;

/**
 * A header value made of visible ASCII characters by construction (a count's digits): an answer's head takes it
 * without reading it through for CR, LF and other control characters, as it reads a value of any other type. An
 * implementation is immutable and never holds another character.
 */
public interface PlainHeaderValue extends CharSequence {
}
