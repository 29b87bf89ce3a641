/**
 * Thread modules: the stages one thread runs on each packet it owns ({@code flow}, {@code detect},
 * the inline {@code verdict}, plugins found through {@link
 * org.vigil.thread.module.ThreadModuleProvider}), chained in order by {@link
 * org.vigil.thread.module.ModuleChain}. {@link org.vigil.thread.module.DetectModule} is the one
 * place a thread's detection worker is made.
 */
package org.vigil.thread.module;
