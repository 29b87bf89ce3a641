/** Configuration: vigil.yaml with --set overrides, classification.config and reference.config. */
package org.vigil.config;
