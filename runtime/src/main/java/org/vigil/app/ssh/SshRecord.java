package org.vigil.app.ssh;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An SSH flow's EVE record ({@code event_type: ssh}): each side's banner as Suricata prints it,
 * {@code "ssh":{"client":{"proto_version":…,"software_version":…},"server":{…}}}.
 *
 * @param client the client's banner, or null when it was not seen
 * @param server the server's banner, or null
 */
public record SshRecord(SshBanner client, SshBanner server) implements AppRecord {
  @Override
  public String eventType() {
    return "ssh";
  }

  @Override
  public void writeFields(RecordWriter out) {
    side(out, "client", client);
    side(out, "server", server);
  }

  private static void side(RecordWriter out, String name, SshBanner b) {
    if (b == null) {
      return;
    }
    out.startObject(name);
    out.string("proto_version", b.protoVersionText());
    out.string("software_version", b.softwareVersionText());
    out.endObject();
  }

  @Override
  public String field(String path) {
    return switch (path) {
      case "ssh.client.software_version" -> client == null ? null : client.softwareVersionText();
      case "ssh.server.software_version" -> server == null ? null : server.softwareVersionText();
      default -> null;
    };
  }
}
