package org.vigil.output;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The EVE field names every record or every alert writes, encoded once: the generator copies their
 * quoted UTF-8 bytes instead of encoding and checking the name on each record.
 */
final class EveFieldNames {
  private EveFieldNames() {}

  static final SerializableString TIMESTAMP = new SerializedString("timestamp");
  static final SerializableString FLOW_ID = new SerializedString("flow_id");
  static final SerializableString PCAP_CNT = new SerializedString("pcap_cnt");
  static final SerializableString EVENT_TYPE = new SerializedString("event_type");
  static final SerializableString SRC_IP = new SerializedString("src_ip");
  static final SerializableString SRC_PORT = new SerializedString("src_port");
  static final SerializableString DEST_IP = new SerializedString("dest_ip");
  static final SerializableString DEST_PORT = new SerializedString("dest_port");
  static final SerializableString PROTO = new SerializedString("proto");
  static final SerializableString ICMP_TYPE = new SerializedString("icmp_type");
  static final SerializableString ICMP_CODE = new SerializedString("icmp_code");
  static final SerializableString PKT_SRC = new SerializedString("pkt_src");
  static final SerializableString COMMUNITY_ID = new SerializedString("community_id");
  static final SerializableString HOST = new SerializedString("host");
  static final SerializableString DIRECTION = new SerializedString("direction");
  static final SerializableString PCAP_FILENAME = new SerializedString("pcap_filename");
  static final SerializableString TX_ID = new SerializedString("tx_id");
  static final SerializableString APP_PROTO = new SerializedString("app_proto");
  static final SerializableString FLOW = new SerializedString("flow");
  static final SerializableString PKTS_TOSERVER = new SerializedString("pkts_toserver");
  static final SerializableString PKTS_TOCLIENT = new SerializedString("pkts_toclient");
  static final SerializableString BYTES_TOSERVER = new SerializedString("bytes_toserver");
  static final SerializableString BYTES_TOCLIENT = new SerializedString("bytes_toclient");
  static final SerializableString START = new SerializedString("start");
  static final SerializableString END = new SerializedString("end");
  static final SerializableString AGE = new SerializedString("age");
  static final SerializableString STATE = new SerializedString("state");
  static final SerializableString REASON = new SerializedString("reason");
  static final SerializableString ALERTED = new SerializedString("alerted");
  static final SerializableString ALERT = new SerializedString("alert");
  static final SerializableString ACTION = new SerializedString("action");
  static final SerializableString GID = new SerializedString("gid");
  static final SerializableString SIGNATURE_ID = new SerializedString("signature_id");
  static final SerializableString REV = new SerializedString("rev");
  static final SerializableString SIGNATURE = new SerializedString("signature");
  static final SerializableString CATEGORY = new SerializedString("category");
  static final SerializableString SEVERITY = new SerializedString("severity");
}
