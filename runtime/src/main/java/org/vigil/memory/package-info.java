/**
 * Memory budgets: one per memcap of the configuration, shared by the threads of a run, counting
 * bytes as stores grow and shrink (counts, never object walks).
 */
package org.vigil.memory;
