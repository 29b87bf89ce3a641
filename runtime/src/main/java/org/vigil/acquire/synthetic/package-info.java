/**
 * Synthetic traffic: Ethernet frames of typical conversations (HTTP, TLS, DNS, SSH, SMTP, FTP,
 * other TCP and UDP) built in memory, with valid checksums and TCP sequence numbers, for a live
 * run's warm-up when the operator gives no sample of the sensor's own traffic.
 */
package org.vigil.acquire.synthetic;
