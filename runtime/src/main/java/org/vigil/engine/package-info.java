/**
 * How a run is put together: {@link org.vigil.engine.EngineAssembly} is built once from the
 * configuration and makes every run mode ({@link org.vigil.engine.Run}): {@code single} and inline
 * run one {@link org.vigil.thread.module.ModuleChain} on the calling thread; {@code workers} over
 * capture files runs one chain per worker thread, each reading every capture and keeping its
 * flow-hash share ({@code WorkersCaptureRun}); {@code autofp} and custom layouts ({@link
 * org.vigil.engine.ThreadLayout}) run one chain per worker thread fed by a reader. A {@link
 * org.vigil.engine.PacketSource} (capture files, NFQUEUE) is the head of the chain, the {@link
 * org.vigil.engine.DecodePipeline} decodes and defragments its frames, and the {@link
 * org.vigil.engine.OutputStage} serializes the worker threads' events into the outputs.
 */
package org.vigil.engine;
