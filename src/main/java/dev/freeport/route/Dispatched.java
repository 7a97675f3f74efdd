package dev.freeport.route;

import java.util.List;

/** What a dispatch produced: the answer, the target that gave it, and every attempt on the way. */
public record Dispatched<T>(T value, Target target, List<Attempt> attempts) {
}
