/**
 * The app-layer contract and registry. A protocol is an {@link org.vigil.app.AppProtocol} found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.vigil.app.AppProtocol}): its probe
 * claims a flow from a direction's first bytes, and it makes the flow's {@link
 * org.vigil.app.AppLayer}. {@link org.vigil.app.AppLayers} holds the registered protocols
 * (configured from the run's {@code VigilConfig}) and gives each TCP flow a {@link
 * org.vigil.app.ProtocolDetection} over them, the fallback protocol (HTTP) seeing the data until
 * another claims the flow.
 *
 * <p>An app layer is fed in-order stream bytes per direction; the inspector pulls its ready units
 * ({@link org.vigil.app.AppUnit}: buffers, transaction, admission) before each detection pass of a
 * direction and while the flow ends; the layer asks for inspection controls through the {@link
 * org.vigil.app.AppControl} and consults detection only through {@link
 * org.vigil.app.UnitPrefilter}, both implemented by the inspector. This package and its protocol
 * packages import no detection, threading, inspection or output code, with two named exceptions:
 * buffer ids are those of {@code org.vigil.detect.api.Buffers} (the compiler↔runtime contract's
 * constants, with no behaviour). A protocol owns its log record, as each Suricata app layer owns
 * its logger: it implements {@link org.vigil.app.AppRecord} (event type, fields written through a
 * {@link org.vigil.app.RecordWriter}) and returns it from {@link
 * org.vigil.app.AppTransaction#appRecord()}; the inspector, the threads and the outputs pass it on
 * without knowing the protocol.
 */
package org.vigil.app;
