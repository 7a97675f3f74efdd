package dev.freeport.config;

import java.util.List;

/**
 * One alias under {@code models:}: the name callers use, and the targets behind it.
 *
 * @param strategy ORDERED (first healthy target first, the rest as fallbacks in order) or WEIGHTED (first
 *                 target drawn by weight, the others as fallbacks by descending weight)
 */
public record ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description) {

    public enum Strategy { ORDERED, WEIGHTED }
}
