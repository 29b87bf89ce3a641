/** Counters of the packet path, written into stats.json. */
package org.vigil.stats;
