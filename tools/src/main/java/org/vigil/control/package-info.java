/**
 * The control plane of a running engine: a unix socket speaking Suricata's JSON protocol (so {@code
 * suricatasc} drives Vigil), its commands, one class per group, and the live rule reload.
 */
package org.vigil.control;
