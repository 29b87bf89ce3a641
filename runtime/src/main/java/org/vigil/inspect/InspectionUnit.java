package org.vigil.inspect;

/** What one detection pass looked at: a packet, a raw stream chunk, or an app-layer transaction. */
public enum InspectionUnit {
  PACKET,
  STREAM,
  APP_LAYER
}
