/**
 * Shipping the durable alert log to Apache Kafka, exactly once: the {@code kafka} output plugin and
 * the {@link org.vigil.ship.Shipper} behind it and {@code vigil ship}. Depends on the runtime's
 * alert log and EVE writer; the engine never depends on this package.
 */
package org.vigil.ship;
