/**
 * Portscan detection with sfPortscan's model: connection attempts, valid responses and negative
 * responses (TCP RST, ICMP unreachable) counted per scanned host and per scanning host in a time
 * window set by the sense level; a classifier tells portscans, decoy portscans, distributed
 * portscans and portsweeps (each also filtered, from attempts without answers) of TCP, UDP, IP
 * protocols and ICMP apart and names each by its generator 122 signature.
 */
package org.vigil.portscan;
