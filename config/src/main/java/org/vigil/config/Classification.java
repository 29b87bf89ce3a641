package org.vigil.config;

/**
 * One classtype: its name, the category text alerts show, and its default priority (1 = most
 * severe).
 */
public record Classification(String name, String description, int priority) {}
