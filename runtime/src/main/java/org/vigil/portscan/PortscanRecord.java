package org.vigil.portscan;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * The {@code portscan} object of a portscan alert in EVE, with sfPortscan's details.
 *
 * @param priorityCount negative responses (RSTs, ICMP unreachables) in the window
 * @param connectionCount connection attempts still unanswered
 * @param ipCount changes of the other host from one attempt to the next
 * @param portCount changes of port (or IP protocol) from one attempt to the next
 * @param ipRange lowest and highest other host ({@code low:high}, IPv6 in brackets): the scanners
 *     of a scanned host, the hosts a sweep tried
 * @param portRange lowest and highest port or protocol ({@code low:high}), or null for ICMP
 * @param openPort the open port an open port event (sid 27) reports, -1 for a scan alert
 */
public record PortscanRecord(
    int priorityCount,
    int connectionCount,
    int ipCount,
    int portCount,
    String ipRange,
    String portRange,
    int openPort)
    implements AppRecord {

  /** The details of a scan alert (no open port). */
  public PortscanRecord(
      int priorityCount,
      int connectionCount,
      int ipCount,
      int portCount,
      String ipRange,
      String portRange) {
    this(priorityCount, connectionCount, ipCount, portCount, ipRange, portRange, -1);
  }

  @Override
  public String eventType() {
    return "portscan";
  }

  @Override
  public void writeFields(RecordWriter out) {
    out.number("priority_count", priorityCount);
    out.number("connection_count", connectionCount);
    out.number("ip_count", ipCount);
    out.number("port_count", portCount);
    out.string("ip_range", ipRange);
    out.string("port_range", portRange);
    if (openPort >= 0) {
      out.number("open_port", openPort);
    }
  }

  @Override
  public String field(String path) {
    return switch (path) {
      case "portscan.priority_count" -> Integer.toString(priorityCount);
      case "portscan.connection_count" -> Integer.toString(connectionCount);
      case "portscan.ip_count" -> Integer.toString(ipCount);
      case "portscan.port_count" -> Integer.toString(portCount);
      case "portscan.ip_range" -> ipRange;
      case "portscan.port_range" -> portRange;
      case "portscan.open_port" -> openPort >= 0 ? Integer.toString(openPort) : null;
      default -> null;
    };
  }
}
