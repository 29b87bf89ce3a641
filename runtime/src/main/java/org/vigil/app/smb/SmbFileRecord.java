package org.vigil.app.smb;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * The EVE {@code smb} object of an SMB file transaction, as Suricata writes it beside the file's
 * {@code fileinfo}.
 *
 * @param id the transaction's number plus one (Suricata's {@code smb.id})
 * @param command {@code SMB2_COMMAND_READ} or {@code SMB2_COMMAND_WRITE}
 * @param sessionId the SMB2 session id of the message that opened the file transaction
 * @param treeId its tree id
 * @param filename the name its CREATE gave the FileId, "<unknown>" for a read of a FileId whose
 *     CREATE was not seen, "" for such a write
 * @param share the share the tree id was connected to, or ""
 * @param fuid the FileId as a GUID text
 */
record SmbFileRecord(
    long id,
    String command,
    long sessionId,
    long treeId,
    String filename,
    String share,
    String fuid)
    implements AppRecord {

  @Override
  public String eventType() {
    return "smb";
  }

  @Override
  public void writeFields(RecordWriter out) {
    out.number("id", id);
    out.string("command", command);
    out.number("session_id", sessionId);
    out.number("tree_id", treeId);
    out.string("filename", filename);
    out.string("share", share);
    out.string("fuid", fuid);
  }

  @Override
  public String field(String path) {
    return switch (path) {
      case "smb.filename" -> filename;
      case "smb.share" -> share;
      case "smb.fuid" -> fuid;
      case "smb.command" -> command;
      default -> null;
    };
  }
}
