package org.vigil.thread;

import org.vigil.stream.StreamConsumer;

/**
 * An app-layer parser attached to one TCP flow: it consumes in-order stream data and, when a
 * transaction part completes, asks the worker to inspect it.
 */
public interface AppLayerHandler extends StreamConsumer {}
