/**
 * A run's outputs, opened from the {@code outputs} section of vigil.yaml ({@link
 * org.vigil.outputs.OutputConfig}): {@link org.vigil.outputs.Outputs} sends each event to the
 * Chronicle alert log, EVE, fast.log, the pcap log, pipes and output plugins, and writes
 * stats.json. The events and writers live in {@code org.vigil.output} and its sub-packages.
 */
package org.vigil.outputs;
