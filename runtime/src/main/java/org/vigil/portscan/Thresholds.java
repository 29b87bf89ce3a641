package org.vigil.portscan;

/**
 * The counts one scan type needs in a window before it alerts.
 *
 * @param connections unanswered attempts for the filtered alert (0: no filtered alert)
 * @param priority negative responses (RSTs, ICMP unreachables) for the alert
 * @param ips changes of the other host: the most a portscan has, the least a decoy scan or a
 *     portsweep has
 * @param ports changes of port (or IP protocol): the least a portscan, decoy or distributed scan
 *     has, the most a portsweep has
 */
public record Thresholds(int connections, int priority, int ips, int ports) {}
